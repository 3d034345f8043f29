// Test parts for the settings area: a keychain-like cipher (real AES-256-GCM, its master key can be "reset"
// like an OS keychain) and a loopback Ozon stand-in that answers `/v1/roles` the way a test needs
// (few roles, a near expiry) — the sandbox always grants a healthy key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach } from 'vitest'
import type { SecretCipher } from '../../../electron/station/secrets'

export interface TestKeychain extends SecretCipher {
  /** Forget the master key, as when the OS keychain is reset: everything sealed before can no longer be opened. */
  reset(): void
}

export function testKeychain(): TestKeychain {
  let master = randomBytes(32)
  return {
    kind: 'os-keychain',
    available: async () => true,
    async seal(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', master, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    async open(sealed) {
      const d = createDecipheriv('aes-256-gcm', master, sealed.subarray(0, 12))
      d.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8')
    },
    reset() {
      master = randomBytes(32)
    },
  }
}

/** A keychain that is not there (Linux without a keyring). */
export const absentKeychain: SecretCipher = {
  kind: 'os-keychain',
  available: async () => false,
  seal: async () => {
    throw new Error('no keychain')
  },
  open: async () => {
    throw new Error('no keychain')
  },
}

export interface RolesServer {
  url: string
  /** What the next `/v1/roles` calls answer. */
  answer: { status: number; body: unknown }
  calls: { path: string; clientId: string }[]
}

/** A real HTTP server on 127.0.0.1 that plays Ozon's `/v1/roles` (and only that). */
export async function startRolesServer(answer: RolesServer['answer']): Promise<RolesServer> {
  const state: RolesServer = { url: '', answer, calls: [] }
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      state.calls.push({ path: req.url ?? '', clientId: String(req.headers['client-id'] ?? '') })
      const { status, body } = req.url === '/v1/roles' ? state.answer : { status: 404, body: { code: 5, message: 'Not Found', details: [] } }
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return state
}

/** Every file under `dir` (recursively) with its bytes as text. */
export async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...(await filesUnder(full)))
    else out.push({ file: full, text: (await readFile(full)).toString('latin1') })
  }
  return out
}

export const daysFromNow = (days: number, now = new Date()) => new Date(now.getTime() + days * 86_400_000).toISOString()
