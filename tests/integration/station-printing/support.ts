// A station made of the real packing, labels and printing areas with the real store in a temp dir, talking to a
// sandbox (Ozon) on loopback whose clock the test moves by hand — so a test can keep Ozon's label "not ready",
// hold a print job in 'sending' and look at the data dir as a crash leaves it.
import { cp } from 'node:fs/promises'
import { afterEach } from 'vitest'
import { createOzonClient } from '../../../electron/ozon'
import type { Account, Accounts } from '../../../electron/station/accounts'
import type { Area, StationContext } from '../../../electron/station/context'
import { dispatch, type Handlers } from '../../../electron/station/dispatch'
import { EventBus } from '../../../electron/station/events'
import { labelsArea } from '../../../electron/station/labels'
import { ordersDocument } from '../../../electron/station/orders/document'
import { packingArea } from '../../../electron/station/packing'
import { printingArea, type PrintingArea, type PrintingAreaOptions } from '../../../electron/station/printing'
import { settingsArea } from '../../../electron/station/settings'
import { settingsDocument } from '../../../electron/station/settings/document'
import { openAuditLog, openDocument, openJournal } from '../../../electron/store'
import type { Args, EventName, EventPayload, MethodName, Result } from '../../../shared/contract'
import { silentLogger } from '../../../shared/log'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { testConfig } from '../../support/station'
import { tempDir } from '../../support/temp-dir'

export interface PrintingStation {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>
  /** Resolves with the first event (already seen or still to come) that matches. */
  next<E extends EventName>(event: E, match?: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>>
  seen: { event: EventName; payload: unknown }[]
  ctx: StationContext
  printing: PrintingArea
  dataDir: string
  close(): Promise<void>
}

export async function openPrintingStation(sb: TestSandbox, dataDir: string, opts: PrintingAreaOptions = {}): Promise<PrintingStation> {
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
  // Labels asked at once after packing and again every 30 ms while Ozon says "not ready".
  const labels = await labelsArea(ctx, { fetcher: { schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10 } })
  const printing = await printingArea(ctx, labels.service, { queue: { retry: { baseDelayMs: 20, maxDelayMs: 100 } }, ...opts })
  const areas = [settingsArea(ctx), packing, labels, printing] as Area[]
  for (const a of areas) await a.start?.()
  const handlers = Object.assign({}, ...areas.map((a) => a.handlers)) as Handlers

  let closed = false
  const station: PrintingStation = {
    call: (method, args) => dispatch(handlers, method, args, log) as never,
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
    seen,
    ctx,
    printing,
    dataDir,
    async close() {
      if (closed) return
      closed = true
      for (const a of [...areas].reverse()) await a.close?.()
      client.close()
    },
  }
  afterEach(() => station.close())
  return station
}

/**
 * The data dir as a crash right now would leave it: every document is written whole (temp file, rename), so a
 * copy of the folder is what the next start finds on disk.
 */
export async function snapshotDataDir(dataDir: string): Promise<string> {
  const copy = await tempDir('printing-crash-')
  await cp(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith('.lock') })
  return copy
}

/**
 * Packs a posting as a packer would: open, scan every unit, put the lines after the first into packages of
 * their own (at most `packages`), "Package the order". Returns the new postings in package order.
 */
export async function packPosting(station: Pick<PrintingStation, 'call'>, postingNumber: string, packages = 1): Promise<string[]> {
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

/** A ZPL printer on a fake printer's address, for these labels. */
export function zplPrinter(url: string, purposes: Array<'bag-label' | 'ozon-label'>, size = { widthMm: 58, heightMm: 40 }) {
  return { name: `Zebra ${purposes.join('+')}`, driver: 'zpl' as const, connection: url, label: size, purposes }
}
