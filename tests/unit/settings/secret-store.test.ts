import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSecretStore, SECRETS_FILE, userFileCipher } from '../../../electron/station/secrets'
import { memoryLogger } from '../../../shared/log'
import { tempDir } from '../../support/temp-dir'
import { testKeychain } from '../../integration/settings/support'

const posix = process.platform !== 'win32'
const modeOf = async (file: string) => (await stat(file)).mode & 0o777

describe('secret store', () => {
  it('writes an owner-only file and reads back what it stored; removing forgets it', async () => {
    const dir = await tempDir()
    const store = await openSecretStore(dir, userFileCipher, memoryLogger())
    expect(store.kind).toBe('user-file')
    await Promise.all([store.write('a', 'key-a'), store.write('b', 'key-b')]) // serialised, neither lost
    if (posix) expect(await modeOf(store.file)).toBe(0o600)
    expect(await store.read('a')).toEqual({ state: 'ok', value: 'key-a' })
    expect(await store.read('b')).toEqual({ state: 'ok', value: 'key-b' })
    await store.remove('a')
    expect(await store.read('a')).toEqual({ state: 'missing' })
    // A fresh store on the same dir reads the same file; no temp files are left behind.
    const again = await openSecretStore(dir, userFileCipher, memoryLogger())
    expect(await again.read('b')).toEqual({ state: 'ok', value: 'key-b' })
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([])
  })

  it('seals with the keychain: the file never holds the key; a reset keychain leaves it unreadable, not crashing', async () => {
    const dir = await tempDir()
    const keychain = testKeychain()
    const store = await openSecretStore(dir, keychain, memoryLogger())
    expect(store.kind).toBe('os-keychain')
    await store.write('acc', 'very-secret-key')
    const text = await readFile(path.join(dir, SECRETS_FILE), 'utf8')
    expect(text).not.toContain('very-secret-key')
    expect(text).not.toContain(Buffer.from('very-secret-key').toString('base64'))
    expect(await store.read('acc')).toEqual({ state: 'ok', value: 'very-secret-key' })

    keychain.reset()
    const log = memoryLogger()
    const after = await openSecretStore(dir, keychain, log)
    expect(await after.read('acc')).toEqual({ state: 'unreadable', reason: expect.stringMatching(/keychain/) })
    expect(log.lines.map((l) => l.message).join('\n')).toMatch(/can no longer be opened/)
  })

  it('keys kept in the user file still open after the desktop keychain appears', async () => {
    const dir = await tempDir()
    await (await openSecretStore(dir, userFileCipher, memoryLogger())).write('acc', 'from-web-host')
    const desktop = await openSecretStore(dir, testKeychain(), memoryLogger())
    expect(await desktop.read('acc')).toEqual({ state: 'ok', value: 'from-web-host' })
  })

  it.runIf(posix)('closes a secrets file someone made readable to others, and says so', async () => {
    const dir = await tempDir()
    await (await openSecretStore(dir, userFileCipher, memoryLogger())).write('acc', 'k')
    await chmod(path.join(dir, SECRETS_FILE), 0o644)
    const log = memoryLogger()
    await openSecretStore(dir, userFileCipher, log)
    expect(await modeOf(path.join(dir, SECRETS_FILE))).toBe(0o600)
    expect(log.lines.some((l) => l.level === 'warn' && /readable by others/.test(l.message))).toBe(true)
  })

  it('keeps a damaged file aside and starts empty (every account will ask for its key)', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, SECRETS_FILE), '{"version":1,"entries":', { mode: 0o600 })
    const log = memoryLogger()
    const store = await openSecretStore(dir, userFileCipher, log)
    expect(await store.read('acc')).toEqual({ state: 'missing' })
    expect((await readdir(dir)).some((f) => f.startsWith(`${SECRETS_FILE}.corrupt-`))).toBe(true)
    expect(log.lines.some((l) => l.level === 'error')).toBe(true)
  })
})
