// A station made of only the areas a test needs, on the real store in `dataDir`, talking to a sandbox (Ozon) on
// loopback as account "demo". Smaller than `createStation`, so a test can stop it at an exact step (as a crash
// would) while the sandbox keeps running, then open a new one on the same data dir.
import { afterEach } from 'vitest'
import { createOzonClient, type OzonClient, type OzonClientOptions } from '../../electron/ozon'
import type { Account, Accounts } from '../../electron/station/accounts'
import type { Area, StationContext } from '../../electron/station/context'
import { dispatch, type Handlers } from '../../electron/station/dispatch'
import { EventBus } from '../../electron/station/events'
import { ordersDocument } from '../../electron/station/orders/document'
import { settingsDocument } from '../../electron/station/settings/document'
import { openAuditLog, openDocument, openJournal } from '../../electron/store'
import type { Args, EventName, EventPayload, MethodName, Result } from '../../shared/contract'
import { silentLogger } from '../../shared/log'
import { testConfig } from './station'

export interface AreaStationOptions {
  /** Where the sandbox (or a relay in front of it) listens. */
  ozonUrl: string
  dataDir: string
  /** The areas under test, built on the context, in start order. */
  areas: (ctx: StationContext) => Promise<Array<Area<never>>>
  now?: () => Date
  accountLabel?: string
  operator?: string
  bench?: string
  /** Client settings beyond the quick test defaults (few, short retries). */
  client?: Partial<OzonClientOptions>
}

export interface AreaStation {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>
  /** Every event emitted, in order. */
  seen: { event: EventName; payload: unknown }[]
  /** The first event (already seen or still to come) that matches. */
  next<E extends EventName>(event: E, match?: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>>
  /** Resolves once `check` holds, asked after every event. */
  when<T>(check: () => T | null | undefined | false): Promise<T>
  ctx: StationContext
  client: OzonClient
  /** Orderly shutdown (also done after the test). */
  close(): Promise<void>
  /** The process dies here: every timer stops at once, whatever was under way never finishes, nothing is flushed. */
  crash(): void
}

export async function openAreaStation(opts: AreaStationOptions): Promise<AreaStation> {
  const log = silentLogger
  const now = opts.now ?? (() => new Date())
  const client = createOzonClient({
    baseUrl: opts.ozonUrl,
    clientId: 'demo',
    apiKey: 'demo',
    timeoutMs: 5000,
    shareLimiter: false,
    retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 },
    ...opts.client,
  })
  const account: Account = { id: 'demo', label: opts.accountLabel ?? 'Demo', mode: 'demo', url: opts.ozonUrl, client }
  // What the areas use of the accounts: one fixed account.
  const accounts = {
    list: () => [account],
    get: (id: string) => (id === account.id ? account : undefined),
    mode: () => 'demo' as const,
    onChange: () => () => {},
    admin: { views: () => [{ id: account.id, label: account.label }] },
    close: async () => client.close(),
  } as unknown as Accounts
  const ctx: StationContext = {
    config: await testConfig({ dataDir: opts.dataDir, now }),
    log,
    events: new EventBus(log),
    accounts,
    journal: await openJournal(opts.dataDir, log, now),
    audit: openAuditLog(opts.dataDir, now),
    settings: await openDocument(opts.dataDir, settingsDocument, log),
    orders: await openDocument(opts.dataDir, ordersDocument, log),
    now,
    actor: () => ({ operator: opts.operator ?? 'Анна Петрова', bench: opts.bench ?? 'Стол 2' }),
  }
  const seen: AreaStation['seen'] = []
  const listeners = new Set<() => void>()
  ctx.events.subscribe((event, payload) => {
    seen.push({ event, payload })
    for (const l of [...listeners]) l()
  })
  const when = <T,>(check: () => T | null | undefined | false): Promise<T> =>
    new Promise((resolve) => {
      const test = () => {
        const hit = check()
        if (hit) {
          listeners.delete(test)
          resolve(hit)
        }
      }
      listeners.add(test)
      test()
    })

  const areas = await opts.areas(ctx)
  for (const a of areas) await a.start?.()
  const handlers = Object.assign({}, ...areas.map((a) => a.handlers)) as Handlers

  let closed = false
  const station: AreaStation = {
    call: (method, args) => dispatch(handlers, method, args, log) as never,
    seen,
    next: (event, match = () => true) => when(() => seen.find((s) => s.event === event && match(s.payload as never))).then((s) => s.payload as never),
    when,
    ctx,
    client,
    async close() {
      if (closed) return
      closed = true
      for (const a of [...areas].reverse()) await a.close?.()
      client.close()
    },
    crash() {
      closed = true
      for (const a of areas) void a.close?.()
      client.close()
    },
  }
  afterEach(() => station.close())
  return station
}
