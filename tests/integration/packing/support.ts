// Shared by the packing tests: a sandbox (Ozon) that outlives the station, a packing "station" built from the
// real packing area with the real store (journal, audit, documents) in a temp dir — so a test can stop it at an
// exact step of "Package the order", as a crash would, and open a new one on the same data dir — and orders
// staged in the sandbox with known goods.
import { afterEach } from 'vitest'
import type { SbPosting } from '../../../electron/ozon/sandbox'
import { packingArea, type PackingAreaOptions } from '../../../electron/station/packing'
import { openAreaStation, type AreaStation } from '../../support/area-station'
import { startTestSandbox, type TestSandbox } from '../../support/ozon-sandbox'

export const OPERATOR = 'Анна Петрова'
export const BENCH = 'Стол 2'

/** A sandbox with instant packing and labels, closed after the test. */
export async function packingSandbox(): Promise<TestSandbox> {
  const sb = await startTestSandbox({ demo: { postings: 0, arrivals: false } })
  afterEach(() => sb.close())
  return sb
}

/** Goods of the demo catalogue that need no marking code, with the barcodes Ozon knows for them. */
export function plainGoods(sb: TestSandbox, count: number) {
  const goods = sb.control.account().catalog.filter((p) => !p.requires_mark)
  if (goods.length < count) throw new Error(`the sandbox catalogue has only ${goods.length} unmarked goods`)
  return goods.slice(0, count)
}

export function markedGoods(sb: TestSandbox) {
  return sb.control.account().catalog.filter((p) => p.requires_mark)
}

/** An order of `lines` unmarked goods (1–2 units each), for Ozon logistics; `offset` picks other goods. */
export function simpleOrder(sb: TestSandbox, lines = 1, extra: { isMultibox?: boolean; offset?: number } = {}): SbPosting {
  const goods = plainGoods(sb, lines + (extra.offset ?? 0)).slice(extra.offset ?? 0)
  return sb.control.addPosting({ integration: 'ozon', isMultibox: extra.isMultibox, products: goods.map((g, i) => ({ sku: g.sku, quantity: 1 + (i % 2) })) })
}

/** A 5-line order: 3 + 1 + 1 + 1 + 1 units of five different goods, for Ozon logistics. */
export function fiveLineOrder(sb: TestSandbox): SbPosting {
  const g = plainGoods(sb, 5)
  return sb.control.addPosting({
    integration: 'ozon',
    products: [
      { sku: g[0]!.sku, quantity: 3 },
      { sku: g[1]!.sku, quantity: 1 },
      { sku: g[2]!.sku, quantity: 1 },
      { sku: g[3]!.sku, quantity: 1 },
      { sku: g[4]!.sku, quantity: 1 },
    ],
  })
}

/** The packing area alone, with the real store on `dataDir`, talking to the sandbox as account "demo". */
export type PackingStation = AreaStation

export function openPackingStation(sb: TestSandbox, dataDir: string, opts: PackingAreaOptions = {}): Promise<PackingStation> {
  return openAreaStation({
    ozonUrl: sb.url,
    dataDir,
    operator: OPERATOR,
    bench: BENCH,
    client: { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 } },
    areas: async (ctx) => [await packingArea(ctx, { ship: { pollIntervalMs: 20, ...opts.ship }, marks: { pollIntervalMs: 20, waitMs: 2000, ...opts.marks } })],
  })
}

/** Verifies every unit of an open posting by scanning its first barcode (Ozon's OZN code when there is no EAN). */
export async function scanEverything(station: PackingStation, postingNumber: string): Promise<void> {
  const session = await station.call('packing.get', { postingNumber })
  for (const item of session.posting.items) {
    const product = session.products.find((p) => p.sku === item.sku)!
    for (let i = 0; i < item.quantity; i++) {
      const { outcome } = await station.call('packing.scan', { postingNumber, code: product.barcodes[0] ?? item.offerId })
      if (!outcome.ok) throw new Error(`scan of ${item.offerId} refused: ${outcome.message}`)
    }
  }
}

/** Splits the five-line order into 3 packages: [A×2, B], [A×1, C], [D, E]. */
export async function splitIntoThree(station: PackingStation, postingNumber: string): Promise<void> {
  const { posting } = await station.call('packing.get', { postingNumber })
  const [a, , c, d, e] = posting.items
  await station.call('packing.move', { postingNumber, sku: a!.sku, from: 0, to: 'new', quantity: 1 })
  await station.call('packing.move', { postingNumber, sku: c!.sku, from: 0, to: 1, quantity: 1 })
  await station.call('packing.move', { postingNumber, sku: d!.sku, from: 0, to: 'new', quantity: 1 })
  await station.call('packing.move', { postingNumber, sku: e!.sku, from: 0, to: 2, quantity: 1 })
}

/** Every posting of an order at the sandbox, as Ozon keeps them. */
export function orderPostings(sb: TestSandbox, orderNumber: string): SbPosting[] {
  return Object.values(sb.control.account().postings).filter((p) => p.order_number === orderNumber)
}

export const contents = (lines: { sku: number; quantity: number }[]) =>
  lines
    .map((l) => `${l.sku}×${l.quantity}`)
    .sort()
    .join(' ')
