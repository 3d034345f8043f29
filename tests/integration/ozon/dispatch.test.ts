// Contract: after packing — tracking numbers with per-item results, seller-driven delivery statuses, the
// carriage and its documents (a real PDF), cancellation, and lookup by label barcode.
import { afterEach, describe, expect, it } from 'vitest'
import type { OzonClient } from '../../../electron/ozon/index'
import { pdfBarcodes, pdfText } from '../../support/ozon-pdf'
import { failure, startTestSandbox, type TestSandbox } from '../../support/ozon-sandbox'

let sb: TestSandbox | null = null
afterEach(async () => {
  await sb?.close()
  sb = null
})

async function packedOf(s: TestSandbox, client: OzonClient, integration: 'ozon' | '3pl_tracking' | 'non_integrated', count: number, deliveryMethodId?: string) {
  const sku = s.control.account().catalog.find((p) => !p.requires_mark)!.sku
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const p = s.control.addPosting({ products: [{ sku, quantity: 1 }], integration, ...(deliveryMethodId ? { deliveryMethodId } : {}) })
    await client.shipIdempotent(p.posting_number, [{ products: [{ sku, quantity: 1 }] }], { pollIntervalMs: 10 })
    out.push(p.posting_number)
  }
  return out
}

describe('tracking numbers', () => {
  it('sets them with per-item results: one bad item does not fail the others', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const [a, b] = await packedOf(sb, client, '3pl_tracking', 2)
    const [ozon] = await packedOf(sb, client, 'ozon', 1)
    const res = await client.setTrackingNumbers([
      { postingNumber: a!, trackingNumber: '10012345678' },
      { postingNumber: '99999999-0001-1', trackingNumber: '10012345679' },
      { postingNumber: b!, trackingNumber: ' 10012345680 ' },
      { postingNumber: ozon!, trackingNumber: '10012345681' },
    ])
    expect(res).toEqual([
      { posting_number: a, ok: true, error: '' },
      { posting_number: '99999999-0001-1', ok: false, error: 'POSTING_NOT_FOUND' },
      { posting_number: b, ok: true, error: '' },
      { posting_number: ozon, ok: false, error: 'HAS_INCORRECT_TPL_INTEGRATION_TYPE' },
    ])
    expect((await client.getPosting(b!)).tracking_number).toBe('10012345680')
  })

  it('sends more than 20 pairs in batches of 20', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const numbers = await packedOf(sb, client, '3pl_tracking', 22)
    const res = await client.setTrackingNumbers(numbers.map((n, i) => ({ postingNumber: n, trackingNumber: `TRK${1000 + i}` })))
    expect(res.filter((r) => r.ok)).toHaveLength(22)
    expect(sb.control.calls('/v2/fbs/posting/tracking-number/set')).toHaveLength(2)
  })
})

describe('own courier (non-integrated) statuses', () => {
  it('moves delivering → last mile → delivered, refusing wrong transitions per item', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const [p] = await packedOf(sb, client, 'non_integrated', 1)
    const [ozon] = await packedOf(sb, client, 'ozon', 1)
    expect(await client.moveToDelivered([p!])).toEqual([{ posting_number: p, ok: false, error: 'TRANSITION_IS_NOT_POSSIBLE' }])
    expect(await client.moveToDelivering([p!, ozon!])).toEqual([
      { posting_number: p, ok: true, error: '' },
      { posting_number: ozon, ok: false, error: 'HAS_INCORRECT_TPL_INTEGRATION_TYPE' },
    ])
    const delivering = await client.getPosting(p!)
    expect(delivering.status).toBe('delivering')
    expect(delivering.delivering_date).not.toBeNull()
    expect(delivering.available_actions).toContain('non_int_last_mile')
    expect((await client.moveToLastMile([p!]))[0]!.ok).toBe(true)
    expect((await client.moveToDelivered([p!]))[0]!.ok).toBe(true)
    expect((await client.getPosting(p!)).status).toBe('delivered')
  })
})

describe('carriage and documents', () => {
  it('creates and approves a carriage; the act becomes ready and its PDF lists the postings', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, actDelayMs: 3000 })
    const client = sb.client()
    const methods = await client.listDeliveryMethods()
    const dm = methods.find((d) => d.tpl_integration_type === 'ozon')!
    const numbers = await packedOf(sb, client, 'ozon', 3, dm.id)
    const carriageId = await client.createCarriage(dm.id)
    expect(carriageId).toMatch(/^\d+$/)
    await client.approveCarriage(carriageId)
    expect((await client.actStatus(carriageId)).status).toBe('in_process')
    sb.clock.advance(3000)
    const ready = await client.actStatus(carriageId)
    expect(ready.status).toBe('ready')
    expect(ready.added_to_act.sort()).toEqual([...numbers].sort())
    const pdf = await client.actPdf(carriageId)
    const text = await pdfText(pdf)
    expect(text).toContain(`Лист отгрузки № ${carriageId}`)
    for (const n of numbers) expect(text).toContain(n)
    expect((await pdfBarcodes(pdf))[0]).toContain(`CODE-128:${carriageId}`)
    const listed = await client.actPostings(carriageId)
    expect(listed.map((x) => x.posting_number).sort()).toEqual([...numbers].sort())
    expect((await client.getPosting(numbers[0]!)).substatus).toBe('posting_in_carriage')
  })

  it('refuses a carriage with nothing packed, and documents before they are formed', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, actDelayMs: 3000 })
    const client = sb.client()
    const dm = (await client.listDeliveryMethods()).find((d) => d.tpl_integration_type === 'ozon')!
    await expect(client.createCarriage(dm.id)).rejects.toMatchObject({ kind: 'business', ozonMessage: 'no_postings' })
    await packedOf(sb, client, 'ozon', 1, dm.id)
    const id = await client.createCarriage(dm.id)
    await expect(client.actPdf(id)).rejects.toMatchObject({ ozonMessage: 'Incorrect_carriage_status' })
  })
})

describe('cancellation and lookups', () => {
  it('lists reasons, checks them per posting and cancels', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client({ locale: 'en' })
    const all = await client.cancelReasons()
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([352, 400, 402]))
    const p = sb.control.addPosting({ lines: 2 })
    const [forP] = await client.cancelReasonsFor([p.posting_number])
    expect(forP!.reasons.map((r) => r.id)).toContain(352)
    await expect(client.cancelPosting(p.posting_number, 402)).rejects.toThrow(/needs a message/)
    const wrong = await failure(client.cancelPosting(p.posting_number, 667))
    expect(wrong.ozonMessage).toBe('HAS_INCORRECT_CANCEL_REASON')
    expect(wrong.human).toMatch(/cancellation reason/)
    expect(await client.cancelPosting(p.posting_number, 352)).toBe(true)
    const after = await client.getPosting(p.posting_number)
    expect([after.status, after.cancellation!.cancel_reason_id, after.cancellation!.cancellation_type]).toEqual(['cancelled', 352, 'seller'])
    await expect(client.cancelPosting(p.posting_number, 352)).rejects.toMatchObject({ ozonMessage: 'POSTING_ALREADY_CANCELLED' })
  })

  it('finds a posting by either label barcode (switchable)', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const p = sb.control.addPosting({ lines: 2 })
    expect((await client.getPostingByBarcode(p.barcodes.lower_barcode)).posting_number).toBe(p.posting_number)
    expect((await client.getPostingByBarcode(p.barcodes.upper_barcode)).posting_number).toBe(p.posting_number)
    sb.control.setVariants({ barcodeLookup: 'lower' })
    await expect(client.getPostingByBarcode(p.barcodes.upper_barcode)).rejects.toMatchObject({ kind: 'not_found', httpStatus: 404 })
    await expect(client.getPostingByBarcode('  ')).rejects.toThrow(/barcode is empty/)
  })

  it('lists the postings whose status changed in a window, with v4 and v3', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b] = sb.control.addPostings(3, { integration: 'non_integrated', lines: 1 }).map((p) => p.posting_number)
    sb.clock.advance(3_600_000)
    const from = new Date(sb.clock.t).toISOString()
    await sb.client().cancelPosting(a!, 352) // the seller cancels one
    sb.control.setStatus(b!, { status: 'awaiting_deliver' }) // another is packed elsewhere
    sb.clock.advance(60_000)
    const window = {
      since: new Date(sb.clock.t - 86_400_000).toISOString(),
      to: new Date(sb.clock.t).toISOString(),
      lastChangedStatusFrom: from,
      lastChangedStatusTo: new Date(sb.clock.t).toISOString(),
    }
    for (const postingList of ['v4', 'v3'] as const) {
      const changed: string[] = []
      for await (const page of sb.client({ variants: { postingList } }).postingListPages(window)) changed.push(...page.postings.map((p) => p.posting_number))
      expect(changed.sort()).toEqual([a, b].sort())
    }
  })

  it('lists all postings of a period with v4 and v3', async () => {
    sb = await startTestSandbox()
    const since = new Date(sb.clock.t - 10 * 86_400_000).toISOString()
    const to = new Date(sb.clock.t + 86_400_000).toISOString()
    const v4: string[] = []
    for await (const page of sb.client().postingListPages({ since, to, pageSize: 40 })) v4.push(...page.postings.map((p) => p.posting_number))
    const v3: string[] = []
    for await (const page of sb.client({ variants: { postingList: 'v3' } }).postingListPages({ since, to, pageSize: 40 })) v3.push(...page.postings.map((p) => p.posting_number))
    expect(v4.length).toBe(sb.control.state().accounts[0]!.postings)
    expect(v3.sort()).toEqual(v4.sort())
    // v4 switched off: the default client falls back to v3 by itself, with the same postings
    sb.control.setVariants({ disabledMethods: ['/v4/posting/fbs/list'] })
    const fallback: string[] = []
    for await (const page of sb.client().postingListPages({ since, to, pageSize: 40 })) fallback.push(...page.postings.map((p) => p.posting_number))
    expect(fallback.sort()).toEqual(v4)
  })
})
