// A station made of the real packing and labels areas with the real store in a temp dir, talking to a sandbox
// (Ozon) on loopback whose clock the test moves by hand — so a test can keep a label "not ready", stop the station
// at an exact step of fetching a label (as a crash would) and open a new one on the same data dir.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach } from 'vitest'
import { createOzonClient } from '../../../electron/ozon'
import type { Account, Accounts } from '../../../electron/station/accounts'
import type { Area, StationContext } from '../../../electron/station/context'
import { dispatch, type Handlers } from '../../../electron/station/dispatch'
import { EventBus } from '../../../electron/station/events'
import { labelsArea, type LabelsArea, type LabelsAreaOptions } from '../../../electron/station/labels'
import { ordersDocument } from '../../../electron/station/orders/document'
import { packingArea } from '../../../electron/station/packing'
import { settingsDocument } from '../../../electron/station/settings/document'
import { openAuditLog, openDocument, openJournal } from '../../../electron/store'
import type { Args, EventName, EventPayload, MethodName, Result } from '../../../shared/contract'
import type { OzonLabelStatus } from '../../../shared/contract/labels'
import { silentLogger } from '../../../shared/log'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { testConfig } from '../../support/station'

export interface LabelsStation {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>
  /** Waits for a `labels.changed` after which `done` holds for the labels of these postings (checked on every event). */
  until(postingNumbers: string[], done: (items: OzonLabelStatus[]) => boolean): Promise<OzonLabelStatus[]>
  next<E extends EventName>(event: E, match?: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>>
  ctx: StationContext
  labels: LabelsArea | null
  close(): Promise<void>
  /** The process dies here: areas stop acting, nothing is closed in order. */
  crash(): void
}

/** Test timings: labels asked at once after packing, retried every 30 ms while Ozon says "not ready". */
export const QUICK: LabelsAreaOptions['fetcher'] = { schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10 }

export async function openLabelsStation(sb: TestSandbox, dataDir: string, opts: { labels?: LabelsAreaOptions | false } = {}): Promise<LabelsStation> {
  const config = await testConfig({ dataDir })
  const log = silentLogger
  const client = createOzonClient({
    baseUrl: sb.url,
    clientId: 'demo',
    apiKey: 'demo',
    timeoutMs: 5000,
    shareLimiter: false,
    retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 },
  })
  const account: Account = { id: 'demo', label: 'Demo', mode: 'demo', url: sb.url, client }
  const accounts = {
    list: () => [account],
    get: (id: string) => (id === account.id ? account : undefined),
    mode: () => 'demo' as const,
    close: async () => client.close(),
  } as unknown as Accounts
  const ctx: StationContext = {
    config,
    log,
    events: new EventBus(log),
    accounts,
    journal: await openJournal(dataDir, log),
    audit: openAuditLog(dataDir),
    settings: await openDocument(dataDir, settingsDocument, log),
    orders: await openDocument(dataDir, ordersDocument, log),
    now: () => new Date(),
    actor: () => ({ operator: 'Анна Петрова', bench: 'Стол 2' }),
  }
  const seen: { event: EventName; payload: unknown }[] = []
  const listeners = new Set<() => void>()
  ctx.events.subscribe((event, payload) => {
    seen.push({ event, payload })
    for (const l of [...listeners]) l()
  })

  const packing = await packingArea(ctx, { ship: { pollIntervalMs: 20 }, marks: { pollIntervalMs: 20, waitMs: 2000 } })
  const labels = opts.labels === false ? null : await labelsArea(ctx, { fetcher: QUICK, ...opts.labels })
  const areas = [packing, labels].filter((a): a is NonNullable<typeof a> => a !== null) as Area[]
  for (const a of areas) await a.start?.()
  const handlers = Object.assign({}, ...areas.map((a) => a.handlers)) as Handlers

  const latest = (numbers: string[]): OzonLabelStatus[] | null => {
    const byNumber = new Map<string, OzonLabelStatus>()
    for (const s of seen) if (s.event === 'labels.changed') for (const i of (s.payload as { items: OzonLabelStatus[] }).items) byNumber.set(i.postingNumber, i)
    const items = numbers.map((n) => byNumber.get(n))
    return items.every((i) => i) ? (items as OzonLabelStatus[]) : null
  }

  let closed = false
  const station: LabelsStation = {
    call: (method, args) => dispatch(handlers, method, args, log) as never,
    until: (numbers, done) =>
      new Promise((resolve) => {
        const check = () => {
          const items = latest(numbers)
          if (items && done(items)) {
            listeners.delete(check)
            resolve(items)
          }
        }
        listeners.add(check)
        check()
      }),
    next: (event, match = () => true) =>
      new Promise((resolve) => {
        const check = () => {
          const hit = seen.find((s) => s.event === event && match(s.payload as never))
          if (hit) {
            listeners.delete(check)
            resolve(hit.payload as never)
          }
        }
        listeners.add(check)
        check()
      }),
    ctx,
    labels,
    async close() {
      if (closed) return
      closed = true
      for (const a of [...areas].reverse()) await a.close?.()
      client.close()
    },
    crash() {
      closed = true
      // Stop every timer and listener at once; whatever was under way never finishes.
      for (const a of areas) void a.close?.()
      client.close()
    },
  }
  afterEach(() => station.close())
  return station
}

/** Big-label tasks Ozon (the sandbox) was asked for that include this posting. */
export function labelAsks(sb: TestSandbox, postingNumber: string): number {
  return Object.values(sb.control.account().label_tasks).filter((t) => t.task_type === 'big_label' && t.posting_numbers.includes(postingNumber)).length
}

/** The cached Ozon label files on disk. */
export async function cachedLabels(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, 'labels', 'ozon'))).sort()
  } catch {
    return []
  }
}

/** Never settles: a checkpoint that stops the station right there. */
export const forever = () => new Promise<void>(() => undefined)

/**
 * Packs a posting at this station as a packer would: open, scan every unit, move the lines after the first into
 * packages of their own (one package per line, at most `packages`), "Package the order". Returns the postings.
 */
export async function packPosting(station: LabelsStation, postingNumber: string, packages = 1): Promise<string[]> {
  await station.call('packing.open', { postingNumber })
  const session = await station.call('packing.get', { postingNumber })
  for (const item of session.posting.items) {
    const product = session.products.find((p) => p.sku === item.sku)!
    for (let i = 0; i < item.quantity; i++) {
      const { outcome } = await station.call('packing.scan', { postingNumber, code: product.barcodes[0] ?? item.offerId })
      if (!outcome.ok) throw new Error(`scan of ${item.offerId} refused: ${outcome.message}`)
    }
  }
  for (const item of session.posting.items.slice(1, packages)) {
    await station.call('packing.move', { postingNumber, sku: item.sku, from: 0, to: 'new', quantity: item.quantity })
  }
  const packed = await station.call('packing.ship', { postingNumber })
  if (packed.state !== 'packed') throw new Error(`packing ${postingNumber} ended ${packed.state}: ${packed.lastError?.message}`)
  return packed.result!.packages.map((p) => p.postingNumber)
}
