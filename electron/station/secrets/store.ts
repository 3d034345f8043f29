// <dataDir>/secrets.json: the Api-Keys, each sealed by the shell's cipher, in a file only this user can read
// (0600). It is the only file of the station that holds a secret; logs, other documents, exports and contract
// replies never do. A secret that can no longer be opened is reported as `unreadable`, so the account asks for
// its key again instead of failing at every sync.
import { chmod, mkdir, readFile, rename, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Logger } from '../../../shared/log'
import { writeFileDurably } from '../../store'
import { userFileCipher, type SecretCipher, type SecretStorageKind } from './cipher'

export const SECRETS_FILE = 'secrets.json'
const OWNER_ONLY = 0o600

const Entry = z.object({
  storage: z.enum(['os-keychain', 'user-file']),
  /** The sealed bytes, base64. */
  sealed: z.string(),
  savedAt: z.string(),
})
const SecretsFile = z.object({ version: z.literal(1), entries: z.record(z.string(), Entry) })
type SecretsFile = z.infer<typeof SecretsFile>

export type SecretRead = { state: 'ok'; value: string } | { state: 'missing' } | { state: 'unreadable'; reason: string }

export interface SecretStore {
  /** Where new secrets go: the OS keychain, or the user-only file when no keychain works here. */
  readonly kind: SecretStorageKind
  readonly file: string
  read(name: string): Promise<SecretRead>
  write(name: string, value: string): Promise<void>
  remove(name: string): Promise<void>
}

export async function openSecretStore(dataDir: string, cipher: SecretCipher, log: Logger, now: () => Date = () => new Date()): Promise<SecretStore> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, SECRETS_FILE)
  const keychain = cipher.kind === 'os-keychain' && (await cipher.available().catch(() => false))
  const active: SecretCipher = keychain ? cipher : userFileCipher
  if (cipher.kind === 'os-keychain' && !keychain) {
    log.warn('secrets: the OS keychain is not available; Api-Keys are kept in a file only this user can read', { file })
  }
  let data = await load(file, log)
  let queue: Promise<unknown> = Promise.resolve()

  const openEntry = async (name: string, entry: z.infer<typeof Entry>): Promise<SecretRead> => {
    const sealed = Buffer.from(entry.sealed, 'base64')
    if (entry.storage === 'user-file') return { state: 'ok', value: await userFileCipher.open(sealed) }
    if (!keychain) return { state: 'unreadable', reason: 'the OS keychain is not available on this computer' }
    try {
      return { state: 'ok', value: await cipher.open(sealed) }
    } catch (err) {
      // The message of a failed decryption says nothing secret; keep it for the log only.
      log.warn(`secrets: "${name}" can no longer be opened with the OS keychain`, { error: err instanceof Error ? err.message : String(err) })
      return { state: 'unreadable', reason: 'the OS keychain can no longer open it (was the keychain reset?)' }
    }
  }

  // Writes are serialised: each one rewrites the whole (small) file from the latest data.
  const persist = (change: (d: SecretsFile) => void) => {
    const done = queue.then(async () => {
      const next = structuredClone(data)
      change(next)
      await writeOwnerOnly(file, `${JSON.stringify(next, null, 2)}\n`)
      data = next
    })
    queue = done.catch(() => undefined)
    return done
  }

  return {
    kind: active.kind,
    file,
    async read(name) {
      const entry = data.entries[name]
      return entry ? openEntry(name, entry) : { state: 'missing' }
    },
    async write(name, value) {
      const sealed = await active.seal(value)
      await persist((d) => {
        d.entries[name] = { storage: active.kind, sealed: sealed.toString('base64'), savedAt: now().toISOString() }
      })
    },
    async remove(name) {
      if (!data.entries[name]) return
      await persist((d) => {
        delete d.entries[name]
      })
    },
  }
}

async function load(file: string, log: Logger): Promise<SecretsFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} }
    throw err
  }
  await tightenPermissions(file, log)
  try {
    return SecretsFile.parse(JSON.parse(text))
  } catch {
    // Keep the damaged file for inspection (still owner-only) and start empty: the accounts will ask for their keys.
    const keptAs = `${file}.corrupt-${Date.now()}`
    await rename(file, keptAs)
    log.error('secrets: secrets.json is damaged; it was kept aside and every account will ask for its key again', { keptAs })
    return { version: 1, entries: {} }
  }
}

/** A secrets file someone made readable to others is closed again (and said so). POSIX only. */
async function tightenPermissions(file: string, log: Logger): Promise<void> {
  if (process.platform === 'win32') return
  const mode = (await stat(file)).mode & 0o777
  if ((mode & 0o077) !== 0) {
    await chmod(file, OWNER_ONLY)
    log.warn(`secrets: ${path.basename(file)} was readable by others (mode ${mode.toString(8)}); set to 600`)
  }
}

/** Never a half-written or world-readable key file: the temp file is 0600 before it takes the name. */
function writeOwnerOnly(file: string, text: string): Promise<void> {
  return writeFileDurably(file, text, { mode: OWNER_ONLY })
}
