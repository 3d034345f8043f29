// Secrets kept safe: the Api-Key appears in no store file, no log line, no contract reply and no event — the
// test greps them all. In the web host's storage the key lives only in secrets.json with mode 0600; sealed by a
// keychain it appears nowhere at all. A key that can no longer be opened asks to be entered again.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStation, type Station } from '../../../electron/station'
import { startSandbox } from '../../../electron/ozon/sandbox'
import type { SecretCipher } from '../../../electron/station/secrets'
import { SECRETS_FILE } from '../../../electron/station/secrets'
import { StationError } from '../../../shared/errors'
import { testConfig } from '../../support/station'
import { absentKeychain, filesUnder, testKeychain } from './support'

const SHOP = { clientId: '7654321', apiKey: 'f3c1a2b4-5d6e-4f70-8a91-0b2c3d4e5f60', name: 'Leak test shop' }
const forms = (key: string) => [key, Buffer.from(key).toString('base64'), Buffer.from(key).toString('base64url'), encodeURIComponent(key)]

/** Runs every contract method that touches accounts, collecting every reply, thrown error and event. */
async function exercise(station: Station, url: string): Promise<string[]> {
  const seen: string[] = []
  station.subscribe((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`))
  const record = async (p: Promise<unknown>) => {
    try {
      seen.push(JSON.stringify(await p))
    } catch (err) {
      seen.push(JSON.stringify(err instanceof StationError ? err.toJSON() : String(err)), String((err as Error).stack ?? ''))
    }
  }
  await record(station.call('accounts.check', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url }))
  await record(station.call('accounts.check', { clientId: SHOP.clientId, apiKey: `${SHOP.apiKey}-wrong`, url }))
  await record(station.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url, label: 'Shop' }))
  await record(station.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url })) // conflict error
  await record(station.dispatch('accounts.add', { clientId: SHOP.clientId, apiKey: `${SHOP.apiKey} with spaces`, url })) // invalid args
  await record(station.call('accounts.recheck', { id: SHOP.clientId }))
  await record(station.call('accounts.replaceKey', { id: SHOP.clientId, apiKey: SHOP.apiKey }))
  await record(station.call('accounts.list', {}))
  await record(station.call('orders.sync', {}))
  await record(station.call('orders.list', { limit: 5 }))
  await record(station.call('settings.get', {}))
  await record(station.call('settings.export', {}))
  await record(station.call('station.info', {}))
  return seen
}

async function leakRun(cipher: SecretCipher | undefined) {
  const config = await testConfig()
  const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
  // No logger override: the station writes its real file log, which is grepped below.
  const station = await createStation(config, cipher ? { secretCipher: cipher } : {})
  try {
    const replies = await exercise(station, sb.url)
    expect(replies.some((r) => r.includes('"saved":true'))).toBe(true) // the account really got connected
    expect(replies.some((r) => r.includes('wrong_key'))).toBe(true)
    expect(replies.some((r) => r.includes('"code":"invalid_args"'))).toBe(true)
    for (const reply of replies) for (const form of forms(SHOP.apiKey)) expect(reply).not.toContain(form)
  } finally {
    await station.close()
    await sb.close()
  }
  const files = await filesUnder(config.dataDir)
  expect(files.map((f) => path.relative(config.dataDir, f.file))).toEqual(expect.arrayContaining(['accounts.json', 'settings.json', SECRETS_FILE, path.join('logs', 'station.log')]))
  const log = files.find((f) => f.file.endsWith('station.log'))!
  expect(log.text).toContain(SHOP.clientId) // the log does talk about the account…
  return { dataDir: config.dataDir, files }
}

describe('secrets never leak', () => {
  it('web host storage: the key is only in secrets.json (mode 600), nowhere else in the data dir, the log or any reply', async () => {
    const { dataDir, files } = await leakRun(undefined)
    for (const { file, text } of files) {
      if (path.basename(file) === SECRETS_FILE) continue
      for (const form of forms(SHOP.apiKey)) expect({ file, leaked: text.includes(form) }).toEqual({ file, leaked: false })
    }
    const secrets = files.find((f) => path.basename(f.file) === SECRETS_FILE)!
    expect(secrets.text).toContain(Buffer.from(SHOP.apiKey).toString('base64')) // …the one place it is kept
    if (process.platform !== 'win32') expect((await stat(path.join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600)
  })

  it('keychain storage: the key appears in no file at all, sealed ones included', async () => {
    const { files } = await leakRun(testKeychain())
    for (const { file, text } of files) {
      for (const form of forms(SHOP.apiKey)) expect({ file, leaked: text.includes(form) }).toEqual({ file, leaked: false })
    }
  })
})

describe('a key that can no longer be opened', () => {
  it('marks the account "needs key" instead of failing, and a re-entered key brings it back', async () => {
    const keychain = testKeychain()
    const config = await testConfig()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    try {
      const first = await createStation(config, { secretCipher: keychain })
      expect((await first.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url: sb.url })).saved).toBe(true)
      await first.close()

      keychain.reset() // the OS keychain lost its key
      const second = await createStation(config, { secretCipher: keychain })
      try {
        const list = await second.call('accounts.list', {})
        expect(list.accounts.find((a) => a.id === SHOP.clientId)).toMatchObject({ state: 'needs_key', source: 'ui' })
        expect(list.mode).toBe('demo') // nothing else to work for: the demo keeps the station usable
        const recheck = await second.call('accounts.recheck', { id: SHOP.clientId }).catch((e: unknown) => e)
        expect(recheck).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.needsKey' })

        const fixed = await second.call('accounts.replaceKey', { id: SHOP.clientId, apiKey: SHOP.apiKey })
        expect(fixed).toMatchObject({ saved: true, account: { state: 'active' } })
        expect((await second.call('station.info', {})).mode).toBe('live')
        expect((await second.call('orders.sync', {})).ok).toBe(true)
      } finally {
        await second.close()
      }
    } finally {
      await sb.close()
    }
  })

  it('a keychain that is not available: keys go to the owner-only file and the list says so', async () => {
    const config = await testConfig()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    const station = await createStation(config, { secretCipher: absentKeychain })
    try {
      expect((await station.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url: sb.url })).saved).toBe(true)
      expect((await station.call('accounts.list', {})).secretStorage).toBe('user-file')
    } finally {
      await station.close()
      await sb.close()
    }
  })
})
