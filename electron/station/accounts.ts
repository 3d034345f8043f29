// The Ozon accounts (seller cabinets) this station works for, each with its own client.
//
// Where they come from: the accounts a person connected in Settings (accounts.json + sealed keys in
// secrets.json), plus one from OZON_CLIENT_ID/OZON_API_KEY for automation. While none of them is active the
// station runs in demo mode: the embedded sandbox on a free loopback port with the real client pointed at it,
// so demo and live go through exactly the same code.
//
// Accounts change at run time (connect, new key, remove): `list()` always answers with the current clients,
// and `onChange` tells the areas. A replaced client is closed a minute later, so requests already under way
// finish on it.
import path from 'node:path'
import {
  accountIdFor,
  DEMO_ACCOUNT_ID,
  isInconclusive,
  isUsable,
  judgeAccess,
  outcomeOfFailure,
  type AccessCheck,
  type AccessOutcome,
} from '../../shared/domain/accounts'
import { StationError } from '../../shared/errors'
import type { Logger } from '../../shared/log'
import { createOzonClient, OzonError, type OzonClient } from '../ozon'
import { startSandbox } from '../ozon/sandbox'
import { openDocument } from '../store'
import type { StationConfig } from './config'
import { openSecretStore, userFileCipher, type SecretCipher, type SecretStorageKind } from './secrets'
import { accountsDocument, apiKeySecretName, type AccountRecord } from './settings/accounts-document'

export interface Account {
  id: string
  label: string
  mode: 'demo' | 'live'
  url: string
  client: OzonClient
}

export interface Accounts {
  /** The accounts the station works for now: the live ones, or the demo account while there is none. */
  list(): Account[]
  get(id: string): Account | undefined
  mode(): 'demo' | 'live'
  /** Called after every change of the list (connect, new key, remove, demo on/off). */
  onChange(listener: (accounts: Account[]) => void): () => void
  /** Connecting and removing accounts — used by the settings area only. */
  readonly admin: AccountsAdmin
  close(): Promise<void>
}

/** An account as Settings shows it: no client, no key. */
export interface AccountView {
  id: string
  label: string
  clientId: string
  url: string
  source: 'ui' | 'env' | 'demo'
  state: 'active' | 'needs_key' | 'removed'
  lastCheck: AccessCheck | null
  addedAt: string | null
  removedAt: string | null
}

export interface Credentials {
  clientId: string
  apiKey: string
  url: string
}

export interface SaveResult {
  saved: boolean
  check: AccessCheck
  accountId: string | null
}

export interface AccountsAdmin {
  readonly secretStorage: SecretStorageKind
  views(): AccountView[]
  check(credentials: Credentials): Promise<AccessCheck>
  add(input: Credentials & { label?: string; saveUnverified: boolean }): Promise<SaveResult>
  recheck(id: string): Promise<AccessCheck>
  replaceKey(id: string, apiKey: string, saveUnverified: boolean): Promise<SaveResult>
  rename(id: string, label: string): Promise<AccountView>
  remove(id: string): Promise<void>
  /** Forgets a removed account entirely (its local postings are deleted by the caller). */
  forget(id: string): Promise<void>
}

export interface AccountsOptions {
  /** How keys are sealed on disk: the desktop shell passes Electron safeStorage; default = the owner-only file. */
  cipher?: SecretCipher
  /** Registers a key with the file logger so it is never written to the log. */
  redact?: (secret: string) => void
}

export const DEMO_CREDENTIALS = { clientId: DEMO_ACCOUNT_ID, apiKey: 'demo' }
const RETIRE_AFTER_MS = 60_000
const CHECK_TIMEOUT_MS = 10_000

export async function openAccounts(config: StationConfig, log: Logger, opts: AccountsOptions = {}): Promise<Accounts> {
  const now = config.now
  const doc = await openDocument(config.dataDir, accountsDocument, log)
  const secrets = await openSecretStore(config.dataDir, opts.cipher ?? userFileCipher, log, now)
  const redact = opts.redact ?? (() => {})
  const live = new Map<string, Account>()
  /** Connected accounts whose key could not be read: id → why. */
  const needsKey = new Map<string, string>()
  const listeners = new Set<(accounts: Account[]) => void>()
  let demo: { account: Account; close: () => Promise<void> } | null = null
  let env: { account: Account; clientId: string; apiKey: string; check: AccessCheck | null } | null = null
  let closed = false
  // Changes are serialised so two clicks never interleave a read-modify-write of accounts.json.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work)
    queue = run.catch(() => undefined)
    return run
  }

  const liveClient = (url: string, clientId: string, apiKey: string) => {
    redact(apiKey)
    return createOzonClient({ baseUrl: url, clientId, apiKey, logger: log })
  }

  const retire = (client: OzonClient) => {
    setTimeout(() => client.close(), RETIRE_AFTER_MS).unref()
  }

  if (config.ozon.mode === 'live') {
    const { url, clientId, apiKey } = config.ozon
    const id = accountIdFor(clientId, url)
    env = { account: { id, label: `Ozon ${clientId}`, mode: 'live', url, client: liveClient(url, clientId, apiKey) }, clientId, apiKey, check: null }
  }

  const record = (id: string) => doc.data.accounts.find((r) => r.id === id)

  /** Opens the record's key and makes its client; a key that cannot be read marks the account "needs key". */
  const activate = async (r: AccountRecord) => {
    const secret = await secrets.read(apiKeySecretName(r.id))
    const old = live.get(r.id)
    if (old) retire(old.client)
    live.delete(r.id)
    needsKey.delete(r.id)
    if (secret.state === 'ok') {
      live.set(r.id, { id: r.id, label: r.label, mode: 'live', url: r.url, client: liveClient(r.url, r.clientId, secret.value) })
    } else {
      const why = secret.state === 'missing' ? 'the key is not stored' : secret.reason
      needsKey.set(r.id, why)
      log.warn(`account ${r.label}: enter its Api-Key again (${why})`)
    }
  }

  const activeLive = (): Account[] => [...(env ? [env.account] : []), ...live.values()]
  const mode = (): 'demo' | 'live' => (activeLive().length > 0 ? 'live' : 'demo')
  const list = (): Account[] => {
    const active = activeLive()
    return active.length > 0 ? active : demo ? [demo.account] : []
  }

  /** The embedded sandbox starts the first time the station has no live account, and runs until close. */
  const ensureDemo = async () => {
    if (demo || mode() === 'live' || closed) return
    const sandbox = await startSandbox({
      port: 0,
      dataDir: path.join(config.dataDir, 'sandbox'),
      labelReadyDelayMs: config.demoLabelDelayMs,
      accounts: [{ ...DEMO_CREDENTIALS, name: 'Demo' }],
    })
    log.info(`demo mode: Ozon sandbox at ${sandbox.url}`)
    const client = createOzonClient({ baseUrl: sandbox.url, ...DEMO_CREDENTIALS, logger: log })
    demo = {
      account: { id: DEMO_ACCOUNT_ID, label: 'Demo', mode: 'demo', url: sandbox.url, client },
      close: async () => {
        client.close()
        await sandbox.close()
      },
    }
  }

  const changed = async () => {
    await ensureDemo()
    const now = list()
    log.info(`accounts: ${mode()} mode`, { accounts: now.map((a) => `${a.label} (${a.id})`) })
    for (const l of listeners) {
      try {
        l(now)
      } catch (err) {
        log.warn('accounts: a change listener failed', { error: String(err) })
      }
    }
  }

  const checkCredentials = async ({ clientId, apiKey, url }: Credentials): Promise<AccessCheck> => {
    const checkedAt = now().toISOString()
    const failed = (outcome: AccessOutcome, detail: string): AccessCheck => ({
      outcome,
      checkedAt,
      roles: [],
      rolesKnown: false,
      expiresAt: null,
      daysLeft: null,
      detail,
    })
    let client: OzonClient
    try {
      // Its own limiter and no keep-alive: a check must not queue behind (or disturb) the account's sync.
      client = createOzonClient({
        baseUrl: url,
        clientId,
        apiKey,
        logger: log,
        timeoutMs: CHECK_TIMEOUT_MS,
        retry: { attempts: 2 },
        shareLimiter: false,
        keepAlive: false,
      })
    } catch (err) {
      return failed('unreachable', err instanceof Error ? err.message : String(err))
    }
    try {
      const answer = await client.checkAccess()
      return { ...judgeAccess(answer, now()), checkedAt, detail: '' }
    } catch (first) {
      let err = first
      if (err instanceof OzonError && err.kind === 'not_found') {
        // No roles method at this address (older API): a cheap read still proves the key.
        try {
          await client.listWarehouses()
          return { ...judgeAccess({ roles: [], expiresAt: null }, now()), checkedAt, detail: '' }
        } catch (second) {
          err = second
        }
      }
      if (err instanceof OzonError) return failed(outcomeOfFailure(err.kind, err.ozonMessage), err.ozonMessage || err.kind)
      return failed('unreachable', err instanceof Error ? err.message : String(err))
    } finally {
      client.close()
    }
  }

  const mustBeConnected = (id: string): AccountRecord => {
    const r = record(id)
    if (env && env.account.id === id) throw envAccountError(id)
    if (id === DEMO_ACCOUNT_ID && !r) throw demoAccountError()
    if (!r) throw unknownAccount(id)
    return r
  }

  const views = (): AccountView[] => {
    const out: AccountView[] = []
    if (env) {
      const a = env.account
      out.push({ id: a.id, label: a.label, clientId: env.clientId, url: a.url, source: 'env', state: 'active', lastCheck: env.check, addedAt: null, removedAt: null })
    }
    for (const r of doc.data.accounts) {
      if (env && r.id === env.account.id) continue
      const state = r.removedAt ? 'removed' : needsKey.has(r.id) ? 'needs_key' : 'active'
      out.push({ id: r.id, label: r.label, clientId: r.clientId, url: r.url, source: 'ui', state, lastCheck: r.lastCheck, addedAt: r.addedAt, removedAt: r.removedAt })
    }
    if (mode() === 'demo' && demo) {
      const a = demo.account
      out.push({ id: a.id, label: a.label, clientId: DEMO_CREDENTIALS.clientId, url: a.url, source: 'demo', state: 'active', lastCheck: null, addedAt: null, removedAt: null })
    }
    const rank = { active: 0, needs_key: 1, removed: 2 } as const
    return out.sort((a, b) => rank[a.state] - rank[b.state])
  }

  const admin: AccountsAdmin = {
    secretStorage: secrets.kind,
    views,
    check: checkCredentials,

    add: ({ clientId, apiKey, url, label, saveUnverified }) =>
      serial(async () => {
        const id = accountIdFor(clientId, url)
        const existing = record(id)
        if ((env && env.account.id === id) || (existing && !existing.removedAt)) {
          throw new StationError({
            code: 'conflict',
            message: `Account ${clientId} is already connected. To enter a new key, use "Enter the key again" on it.`,
            key: 'settings:accounts.errors.alreadyConnected',
            params: { clientId },
            field: 'clientId',
          })
        }
        const check = await checkCredentials({ clientId, apiKey, url })
        if (!(isUsable(check.outcome) || (saveUnverified && isInconclusive(check.outcome)))) return { saved: false, check, accountId: null }
        await secrets.write(apiKeySecretName(id), apiKey)
        const fresh: AccountRecord = {
          id,
          clientId,
          url,
          // Reconnecting a removed account keeps its name and brings its kept postings back to life.
          label: label ?? existing?.label ?? `Ozon ${clientId}`,
          addedAt: existing?.addedAt ?? now().toISOString(),
          removedAt: null,
          lastCheck: check,
        }
        await doc.update((d) => {
          d.accounts = [...d.accounts.filter((r) => r.id !== id), fresh]
        })
        await activate(fresh)
        log.info(`account ${fresh.label} (${id}) connected at ${url}`, { check: check.outcome })
        await changed()
        return { saved: true, check, accountId: id }
      }),

    recheck: (id) =>
      serial(async () => {
        if (env && env.account.id === id) {
          env.check = await checkCredentials({ clientId: env.clientId, apiKey: env.apiKey, url: env.account.url })
          return env.check
        }
        const r = mustBeConnected(id)
        if (r.removedAt) throw removedError(r)
        const secret = await secrets.read(apiKeySecretName(id))
        if (secret.state !== 'ok') throw needsKeyError(r)
        const check = await checkCredentials({ clientId: r.clientId, apiKey: secret.value, url: r.url })
        await doc.update(() => {
          r.lastCheck = check
        })
        return check
      }),

    replaceKey: (id, apiKey, saveUnverified) =>
      serial(async () => {
        const r = mustBeConnected(id)
        if (r.removedAt) throw removedError(r)
        const check = await checkCredentials({ clientId: r.clientId, apiKey, url: r.url })
        if (!(isUsable(check.outcome) || (saveUnverified && isInconclusive(check.outcome)))) return { saved: false, check, accountId: null }
        await secrets.write(apiKeySecretName(id), apiKey)
        await doc.update(() => {
          r.lastCheck = check
        })
        await activate(r)
        await changed()
        return { saved: true, check, accountId: id }
      }),

    rename: (id, label) =>
      serial(async () => {
        const r = mustBeConnected(id)
        await doc.update(() => {
          r.label = label
        })
        const a = live.get(id)
        if (a) a.label = label
        return views().find((v) => v.id === id)!
      }),

    remove: (id) =>
      serial(async () => {
        const r = mustBeConnected(id)
        if (r.removedAt) return
        await secrets.remove(apiKeySecretName(id))
        await doc.update(() => {
          r.removedAt = now().toISOString()
        })
        const a = live.get(id)
        if (a) retire(a.client)
        live.delete(id)
        needsKey.delete(id)
        log.info(`account ${r.label} removed; its postings are kept read-only`)
        await changed()
      }),

    forget: (id) =>
      serial(async () => {
        const r = mustBeConnected(id)
        if (!r.removedAt) {
          throw new StationError({
            code: 'conflict',
            message: `Account ${r.label} is still connected: remove it first, then delete its data.`,
            key: 'settings:accounts.errors.removeFirst',
            params: { label: r.label },
          })
        }
        await doc.update((d) => {
          d.accounts = d.accounts.filter((x) => x.id !== id)
        })
      }),
  }

  for (const r of doc.data.accounts) if (!r.removedAt && !(env && env.account.id === r.id)) await activate(r)
  await ensureDemo()

  return {
    list,
    get: (id) => list().find((a) => a.id === id),
    mode,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    admin,
    async close() {
      closed = true
      await queue
      for (const a of activeLive()) a.client.close()
      await demo?.close()
    },
  }
}

/**
 * For areas that act on a posting: its account's client, or a clear refusal when the account was removed
 * (its postings are read-only) or waits for its key.
 */
export function requireAccount(accounts: Accounts, accountId: string): Account {
  const found = accounts.get(accountId)
  if (found) return found
  const view = accounts.admin.views().find((v) => v.id === accountId)
  if (accountId === DEMO_ACCOUNT_ID && accounts.mode() === 'live') throw removedError({ label: 'Demo' })
  if (view?.state === 'needs_key') throw needsKeyError(view)
  if (view?.state === 'removed') throw removedError(view)
  throw unknownAccount(accountId)
}

function unknownAccount(id: string): StationError {
  return new StationError({ code: 'not_found', message: `No Ozon account "${id}" on this station.`, key: 'settings:accounts.errors.unknown', params: { id } })
}

function envAccountError(id: string): StationError {
  return new StationError({
    code: 'conflict',
    message: `Account ${id} is set by OZON_CLIENT_ID / OZON_API_KEY in the environment; change it there.`,
    key: 'settings:accounts.errors.fromEnvironment',
    params: { id },
  })
}

function demoAccountError(): StationError {
  return new StationError({
    code: 'conflict',
    message: 'The demo account is built in: it goes away by itself once a real Ozon account is connected.',
    key: 'settings:accounts.errors.demo',
  })
}

function removedError(a: { label: string }): StationError {
  return new StationError({
    code: 'conflict',
    message: `Account ${a.label} was removed: its postings are read-only. Connect it again to work on them.`,
    key: 'settings:accounts.errors.removed',
    params: { label: a.label },
  })
}

function needsKeyError(a: { label: string }): StationError {
  return new StationError({
    code: 'conflict',
    message: `The Api-Key of account ${a.label} can no longer be read on this computer. Enter the key again in Settings → Ozon accounts.`,
    key: 'settings:accounts.errors.needsKey',
    params: { label: a.label },
  })
}
