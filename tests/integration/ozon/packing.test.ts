// Contract: packing against the sandbox — splits, quantity splits, asynchronous completion with ship_failed,
// idempotent ship, partial ship/package, multi-box, and marking codes blocking the ship until they are in.
import { afterEach, describe, expect, it } from 'vitest'
import { OzonError, type OzonClient } from '../../../electron/ozon/index'
import { failure, startTestSandbox, type TestSandbox } from '../../support/ozon-sandbox'

let sb: TestSandbox | null = null
afterEach(async () => {
  await sb?.close()
  sb = null
})

/** Plain (unmarked) catalogue products of the sandbox account. */
function plainSkus(s: TestSandbox): number[] {
  return s.control.account().catalog.filter((p) => !p.requires_mark).map((p) => p.sku)
}
function markedSku(s: TestSandbox): number {
  return s.control.account().catalog.find((p) => p.requires_mark)!.sku
}

/** A client whose waits move the sandbox clock instead of real time (async ship, label delays). */
function clockedClient(s: TestSandbox, extra: Parameters<TestSandbox['client']>[0] = {}): OzonClient {
  return s.client({ clock: { now: () => s.clock.t, sleep: async (ms) => s.clock.advance(ms) }, ...extra })
}

describe('ship', () => {
  it('packs a posting as one package: same number, awaiting_deliver', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 2 }, { sku: b!, quantity: 1 }] })
    const client = sb.client()
    const answer = await client.ship(p.posting_number, [{ products: [{ sku: a!, quantity: 2 }, { sku: b!, quantity: 1 }] }])
    expect(answer.postingNumbers).toEqual([p.posting_number])
    expect(answer.packages[0]!.products.map((l) => l.quantity).sort()).toEqual([1, 2])
    const after = await client.getPosting(p.posting_number)
    expect(after.status).toBe('awaiting_deliver')
    expect(after.available_actions).toContain('label_download')
  })

  it('splits into 3 packages: 3 postings with numbers taken from the answer, related to the original', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b, c] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }, { sku: b!, quantity: 2 }, { sku: c!, quantity: 1 }] })
    const client = sb.client()
    const plan = [{ products: [{ sku: a!, quantity: 1 }] }, { products: [{ sku: b!, quantity: 2 }] }, { products: [{ sku: c!, quantity: 1 }] }]
    const out = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 10 })
    expect(out.shipCalls).toBe(1)
    expect(out.postings).toHaveLength(3)
    expect(new Set(out.postings.map((x) => x.posting_number)).size).toBe(3)
    expect(out.postings.map((x) => x.products)).toEqual([[{ sku: a, quantity: 1 }], [{ sku: b, quantity: 2 }], [{ sku: c, quantity: 1 }]])
    expect(out.postings.every((x) => x.status === 'awaiting_deliver')).toBe(true)
    expect(out.postings.every((x) => x.posting_number.startsWith(p.order_number + '-'))).toBe(true)
    const origin = await client.getPosting(p.posting_number)
    expect(origin.related_postings!.related_posting_numbers.sort()).toEqual(out.postings.map((x) => x.posting_number).filter((n) => n !== p.posting_number).sort())
    const child = await client.getPosting(out.postings[2]!.posting_number)
    expect(child.parent_posting_number).toBe(p.posting_number)
    expect(sb.control.posting(p.posting_number)!.ship_accepted).toBe(1)
  })

  it('splits 3 units of one SKU as 2+1', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 3 }] })
    const client = sb.client()
    const out = await client.shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 2 }] }, { products: [{ sku: a!, quantity: 1 }] }], { pollIntervalMs: 10 })
    expect(out.postings.map((x) => x.products[0]!.quantity)).toEqual([2, 1])
    const read = await Promise.all(out.postings.map((x) => client.getPosting(x.posting_number)))
    expect(read.map((x) => x.products[0]!.quantity)).toEqual([2, 1])
    expect(read.every((x) => x.status === 'awaiting_deliver')).toBe(true)
  })

  it('with "all-new" numbering the original is replaced and the client still finds every package', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, variants: { splitNumbering: 'all-new' } })
    const [a, b] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }, { sku: b!, quantity: 1 }] })
    const client = sb.client()
    const out = await client.shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }, { products: [{ sku: b!, quantity: 1 }] }], { pollIntervalMs: 10 })
    expect(out.postings.map((x) => x.posting_number)).not.toContain(p.posting_number)
    expect((await client.getPosting(p.posting_number)).status).toBe('cancelled_from_split_pending')
  })

  it('refuses a plan that does not account for every unit, with a clear typed error', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 2 }] })
    const client = sb.client({ locale: 'en' })
    const short = await failure(client.ship(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }]))
    expect([short.kind, short.ozonMessage]).toEqual(['business', 'HAS_INCORRECT_PRODUCT_QUANTITY'])
    expect(short.human).toMatch(/Quantities/)
    const alien = await failure(client.ship(p.posting_number, [{ products: [{ sku: a!, quantity: 2 }, { sku: b!, quantity: 1 }] }]))
    expect(alien.ozonMessage).toBe('UNKNOWN_PRODUCT_DEFINED')
    await expect(client.ship(p.posting_number, [{ products: [] }])).rejects.toThrow(/package 1 is empty/)
    expect(sb.control.posting(p.posting_number)!.status).toBe('awaiting_packaging')
  })

  it('a second raw ship of a packed posting is POSTING_ALREADY_SHIPPED', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }] })
    const client = sb.client()
    await client.ship(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }])
    const e = await failure(client.ship(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }]))
    expect([e.kind, e.httpStatus, e.ozonMessage]).toEqual(['business', 400, 'POSTING_ALREADY_SHIPPED'])
  })
})

describe('ship is idempotent from the station side', () => {
  it('finds a posting already packed with the same plan and sends nothing', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 3 }] })
    const client = sb.client()
    const plan = [{ products: [{ sku: a!, quantity: 2 }] }, { products: [{ sku: a!, quantity: 1 }] }]
    const first = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 10 })
    const again = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 10 })
    expect(again).toMatchObject({ shipCalls: 0, resumed: true })
    expect(again.postings).toEqual(first.postings)
    expect(sb.control.calls('/v4/posting/fbs/ship')).toHaveLength(1)
  })

  it('a posting packed elsewhere with another plan is a clear error, not a second ship', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 2 }] })
    sb.control.setStatus(p.posting_number, { status: 'awaiting_deliver' }) // packed as one package in the cabinet
    const e = await failure(sb
      .client({ locale: 'ru' })
      .shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }, { products: [{ sku: a!, quantity: 1 }] }], { pollIntervalMs: 10 })
      )
    expect(e).toBeInstanceOf(OzonError)
    expect([e.kind, e.ozonMessage]).toEqual(['business', 'PACKED_WITH_ANOTHER_PLAN'])
    expect(e.human).toContain(p.posting_number)
    expect(sb.control.calls('/v4/posting/fbs/ship')).toHaveLength(0)
  })

  it('a cancelled posting is reported, never shipped', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }] })
    sb.control.setStatus(p.posting_number, { status: 'cancelled', cancellationType: 'client' })
    const e = await failure(sb.client().shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }]))
    expect(e.ozonMessage).toBe('POSTING_ALREADY_CANCELLED')
    expect(sb.control.calls('/v4/posting/fbs/ship')).toHaveLength(0)
  })

  it('ship_failed: the split is rolled back and ship is sent again; the new numbers come from Ozon', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, shipDelayMs: 1500 })
    const [a, b] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }, { sku: b!, quantity: 1 }] })
    sb.control.injectShipFailure(p.posting_number, 1)
    const client = clockedClient(sb)
    const plan = [{ products: [{ sku: a!, quantity: 1 }] }, { products: [{ sku: b!, quantity: 1 }] }]
    const out = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 500 })
    expect(out.shipCalls).toBe(2)
    const numbers = out.postings.map((x) => x.posting_number)
    // The failed attempt consumed -2; the retry's package got -3. A client deriving "-2" would be wrong.
    expect(numbers).toEqual([p.posting_number, `${p.order_number}-3`])
    expect(sb.control.posting(`${p.order_number}-2`)).toBeNull()
    expect(out.postings.every((x) => x.status === 'awaiting_deliver')).toBe(true)
    expect(sb.control.posting(p.posting_number)!.ship_accepted).toBe(2)
  })

  it('gives up after the allowed number of ship_failed attempts with a typed error', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }] })
    sb.control.injectShipFailure(p.posting_number, 5)
    const e = await failure(sb.client({ locale: 'zh' }).shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }], { pollIntervalMs: 10, maxShipCalls: 2 }))
    expect([e.kind, e.ozonMessage]).toEqual(['business', 'ship_failed'])
    expect(e.human).toMatch(/Ozon/)
    expect(sb.control.posting(p.posting_number)!.substatus).toBe('ship_failed')
    expect(sb.control.calls('/v4/posting/fbs/ship')).toHaveLength(2)
  })

  it('waits for the asynchronous packing to finish (awaiting_deliver) before answering', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, shipDelayMs: 3000 })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }] })
    const client = clockedClient(sb)
    const t0 = sb.clock.t
    const out = await client.shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 1 }] }], { pollIntervalMs: 1000 })
    expect(out.postings[0]!.status).toBe('awaiting_deliver')
    expect(sb.clock.t - t0).toBeGreaterThanOrEqual(3000)
    expect(sb.control.calls('/v4/posting/fbs/ship')).toHaveLength(1)
  })
})

describe('partial packing, multi-box, marking codes', () => {
  it('ship/package splits units off into a new posting (status per switch)', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 3 }, { sku: b!, quantity: 1 }] })
    const client = sb.client()
    const n = await client.shipPackage(p.posting_number, [{ sku: a!, quantity: 1 }])
    expect(n).toBe(`${p.order_number}-2`)
    const [rest, part] = await Promise.all([client.getPosting(p.posting_number), client.getPosting(n)])
    expect(rest.products.find((l) => l.sku === a)!.quantity).toBe(2)
    expect(part.products).toHaveLength(1)
    expect(part.status).toBe('awaiting_packaging')
    sb.control.setVariants({ shipPackageStatus: 'awaiting_deliver' })
    const n2 = await client.shipPackage(p.posting_number, [{ sku: b!, quantity: 1 }])
    expect((await client.getPosting(n2)).status).toBe('awaiting_deliver')
    await expect(client.shipPackage(p.posting_number, [{ sku: a!, quantity: 2 }])).rejects.toMatchObject({ ozonMessage: 'HAS_INCORRECT_PRODUCT_QUANTITY' })
  })

  it('sets the box count of a multi-box posting', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 1 }], isMultibox: true })
    const client = sb.client()
    expect(await client.setMultiBoxQty(p.posting_number, 3)).toBe(true)
    expect((await client.getPosting(p.posting_number)).multi_box_qty).toBe(3)
    await expect(client.setMultiBoxQty(p.posting_number, 0)).rejects.toThrow(/box count/)
  })

  it('marking codes block the ship until every unit has a checked code', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, exemplarCheckDelayMs: 2000 })
    const sku = markedSku(sb)
    const [plain] = plainSkus(sb)
    const p = sb.control.addPosting({ products: [{ sku, quantity: 2 }, { sku: plain!, quantity: 1 }] })
    const client = clockedClient(sb)
    const plan = [{ products: [{ sku, quantity: 2 }, { sku: plain!, quantity: 1 }] }]
    const blocked = await failure(client.ship(p.posting_number, plan))
    expect(blocked.ozonMessage).toBe('EXEMPLAR_INFO_NOT_FILLED_COMPLETELY')

    const slots = await client.exemplarsCreateOrGet(p.posting_number)
    const marked = slots.find((s) => s.product_id === sku)!
    expect(marked.is_mandatory_mark_needed).toBe(true)
    expect(marked.exemplars).toHaveLength(2)
    expect(slots.find((s) => s.product_id === plain)!.is_mandatory_mark_needed).toBe(false)

    const good = (i: number) => `0104601234567890215Abc${i}defGhIjK\u001d91EE11\u001d92testcryptotail${i}`
    // a malformed code: the check fails, ship stays blocked
    await client.exemplarsSet(p.posting_number, [{ sku, exemplars: marked.exemplars.map((e, i) => ({ exemplarId: e.exemplar_id, mark: i === 0 ? 'NOT-A-CODE' : good(i) })) }])
    expect((await client.exemplarsStatus(p.posting_number)).status).toBe('validation_in_process')
    sb.clock.advance(2000)
    const failed = await client.exemplarsStatus(p.posting_number)
    expect(failed.status).toBe('ship_not_available')
    expect(failed.products.find((x) => x.product_id === sku)!.exemplars[0]!.marks[0]!.check_status).toBe('failed')
    expect((await client.exemplarsValidate(p.posting_number, [{ sku, marks: ['NOT-A-CODE'] }]))[0]!.valid).toBe(false)

    // the full set again, all good: ship goes through
    await client.exemplarsSet(p.posting_number, [{ sku, exemplars: marked.exemplars.map((e, i) => ({ exemplarId: e.exemplar_id, mark: good(i) })) }])
    sb.clock.advance(2000)
    expect((await client.exemplarsStatus(p.posting_number)).status).toBe('ship_available')
    const out = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 10 })
    expect(out.postings[0]!.status).toBe('awaiting_deliver')
    const packed = await client.getPosting(p.posting_number, { productExemplars: true })
    expect(packed.product_exemplars!.products.find((x) => x.sku === sku)!.exemplars.map((e) => e.mandatory_mark)).toEqual([good(0), good(1)])
  })
})
