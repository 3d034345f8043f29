// A hand-over station for tests: the real orders, packing, tracking and dispatch areas with the real store (journal,
// audit, documents) on a temp dir, talking to the real sandbox through a real loopback HTTP relay. The relay records
// every tracking call's body (to prove a number went to Ozon exactly once) and can "pull the cable" (connections
// are cut) to make Ozon unreachable. The sandbox and the relay outlive a station, so a test can stop the station
// and open a new one on the same data dir, as a restart would.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach } from 'vitest'
import type { SbPosting } from '../../../electron/ozon/sandbox'
import { dispatchArea, type DispatchAreaOptions } from '../../../electron/station/dispatch/index'
import { ordersArea } from '../../../electron/station/orders'
import { packingArea } from '../../../electron/station/packing'
import { trackingArea, type TrackingAreaOptions } from '../../../electron/station/tracking'
import type { EventName, EventPayload } from '../../../shared/contract'
import { openAreaStation, type AreaStation } from '../../support/area-station'
import { startTestSandbox, type TestSandbox } from '../../support/ozon-sandbox'

export const OPERATOR = 'Ирина Соколова'
export const BENCH = 'Стол 3'

export interface RecordedCall {
  path: string
  body: unknown
  /** HTTP status Ozon answered (0: the relay cut the connection). */
  status: number
}

/** A loopback HTTP relay in front of the sandbox. */
export interface OzonRelay {
  url: string
  calls: RecordedCall[]
  /** Ozon unreachable: every connection is cut before anything is forwarded. */
  down(): void
  up(): void
  close(): Promise<void>
}

export async function startRelay(target: string): Promise<OzonRelay> {
  let isDown = false
  const calls: RecordedCall[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const path = req.url ?? '/'
      let body: unknown = null
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null
      } catch {
        body = raw.toString('utf8')
      }
      if (isDown) {
        calls.push({ path, body, status: 0 })
        req.socket.destroy()
        return
      }
      const upstream = http.request(new URL(path, target), { method: req.method, headers: req.headers }, (answer) => {
        calls.push({ path, body, status: answer.statusCode ?? 0 })
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('error', () => req.socket.destroy())
      upstream.end(raw)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    down() {
      isDown = true
      for (const s of sockets) s.destroy()
    },
    up() {
      isDown = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

export interface World {
  sb: TestSandbox
  relay: OzonRelay
}

/** The sandbox (no demo postings, instant packing, labels and acts) behind a relay; both closed after the test. */
export async function startWorld(): Promise<World> {
  const sb = await startTestSandbox({ demo: { postings: 0, arrivals: false } })
  const relay = await startRelay(sb.url)
  afterEach(async () => {
    await relay.close()
    await sb.close()
  })
  return { sb, relay }
}

export type HandoverStation = AreaStation

export interface StationOptions {
  tracking?: TrackingAreaOptions
  dispatch?: DispatchAreaOptions
}

/** The four areas on `dataDir`, account "demo" reached through the relay, the sandbox's clock as the station's. */
export function openStation(world: World, dataDir: string, opts: StationOptions = {}): Promise<HandoverStation> {
  return openAreaStation({
    ozonUrl: world.relay.url,
    dataDir,
    now: world.sb.clock.now,
    accountLabel: 'Уютный дом (демо)',
    operator: OPERATOR,
    bench: BENCH,
    client: { keepAlive: false },
    areas: async (ctx) => {
      const tracking = await trackingArea(ctx, { sender: { retryDelaysMs: [60_000] }, service: { answerWaitMs: 5_000 }, ...opts.tracking })
      return [
        ordersArea(ctx),
        await packingArea(ctx, { ship: { pollIntervalMs: 20 }, marks: { pollIntervalMs: 20, waitMs: 2000 } }),
        tracking,
        await dispatchArea(ctx, tracking.service, { handover: { pollIntervalMs: 20, polls: 20 }, service: { answerWaitMs: 5_000 }, ...opts.dispatch }),
      ]
    },
  })
}

type Scheme = 'ozon' | '3pl_tracking' | 'non_integrated'

/** The first delivery method of a scheme (the sandbox has three Ozon-logistics ones, one per warehouse). */
export function methodFor(world: World, integration: Scheme): string {
  return world.sb.control.account().delivery_methods.find((d) => d.tpl_integration_type === integration)!.id
}

/** New orders at the sandbox, already packed ("awaiting shipment"), one package each, all of one delivery method. */
export function packedPostings(world: World, count: number, integration: Scheme): SbPosting[] {
  const goods = world.sb.control.account().catalog.filter((g) => !g.requires_mark)
  return world.sb.control
    .addPostings(count, { deliveryMethodId: methodFor(world, integration), products: [{ sku: goods[count % goods.length]!.sku, quantity: 1 + (count % 3) }] })
    .map((p) => world.sb.control.setStatus(p.posting_number, { status: 'awaiting_deliver' }))
}

/** Packs a fresh two-line order at Ozon as two packages (a split order) and returns the resulting postings. */
export async function splitOrder(world: World, station: HandoverStation, integration: Scheme): Promise<string[]> {
  // Goods without marking codes, so the ship needs nothing but the split.
  const goods = world.sb.control.account().catalog.filter((g) => !g.requires_mark)
  const offset = Object.keys(world.sb.control.account().postings).length % (goods.length - 1)
  const products = [goods[offset]!, goods[offset + 1]!].map((g) => ({ sku: g.sku, quantity: 1 }))
  const p = world.sb.control.addPosting({ deliveryMethodId: methodFor(world, integration), products })
  const [a, b] = p.products
  const answer = await station.client.ship(p.posting_number, [{ products: [{ sku: a!.sku, quantity: a!.quantity }] }, { products: [{ sku: b!.sku, quantity: b!.quantity }] }])
  return answer.postingNumbers
}

/** The tracking-number pairs Ozon received, per call that reached it. */
export function trackingCalls(relay: OzonRelay): { status: number; pairs: { posting_number: string; tracking_number: string }[] }[] {
  return relay.calls
    .filter((c) => c.path === '/v2/fbs/posting/tracking-number/set')
    .map((c) => ({ status: c.status, pairs: (c.body as { tracking_numbers: { posting_number: string; tracking_number: string }[] }).tracking_numbers }))
}

/** Waits (without timing anything) until `check` holds, polling every 20 ms; fails after `maxMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export type EventOf<E extends EventName> = EventPayload<E>
