// Scan to verify against the sandbox: product barcodes from Ozon's product info, loud refusals that count
// nothing, opening postings by number or label, and marking codes sent to Ozon before packing.
import { describe, expect, it } from 'vitest'
import { openAuditLog } from '../../../electron/store'
import { GS } from '../../../shared/domain/packing-marks'
import { tempDir } from '../../support/temp-dir'
import { markedGoods, openPackingStation, packingSandbox, plainGoods, simpleOrder } from './support'

describe('scan to verify (sandbox)', () => {
  it('counts product barcodes, refuses wrong, complete and unknown codes loudly without counting them', async () => {
    const sb = await packingSandbox()
    const [mug, plate, other] = plainGoods(sb, 3)
    const order = sb.control.addPosting({ integration: 'ozon', products: [{ sku: mug!.sku, quantity: 2 }, { sku: plate!.sku, quantity: 1 }] })
    const elsewhere = sb.control.addPosting({ integration: 'ozon', products: [{ sku: other!.sku, quantity: 1 }] })
    const dataDir = await tempDir('packing-')
    const station = await openPackingStation(sb, dataDir)
    await station.call('packing.open', { postingNumber: elsewhere.posting_number }) // the bench learns the other product
    const n = order.posting_number
    const opened = await station.call('packing.open', { postingNumber: n })
    expect(opened.products.find((p) => p.sku === mug!.sku)!.barcodes).toEqual(mug!.barcodes)

    const ok = await station.call('packing.scan', { postingNumber: n, code: mug!.barcodes[0]! })
    expect(ok.outcome).toMatchObject({ ok: true, kind: 'unit', sku: mug!.sku, offerId: mug!.offer_id, packageIndex: 0 })
    expect(ok.outcome.expected).toEqual([
      { sku: mug!.sku, offerId: mug!.offer_id, name: mug!.name, remaining: 1 },
      { sku: plate!.sku, offerId: plate!.offer_id, name: plate!.name, remaining: 1 },
    ])
    expect((await station.call('packing.scan', { postingNumber: n, code: `OZN${mug!.sku}` })).outcome.kind).toBe('unit')

    const complete = await station.call('packing.scan', { postingNumber: n, code: mug!.offer_id })
    expect(complete.outcome).toMatchObject({ ok: false, kind: 'already_complete', offerId: mug!.offer_id })
    expect(complete.outcome.message).toContain(`all 2 of ${mug!.offer_id} are already verified`)

    const wrong = await station.call('packing.scan', { postingNumber: n, code: other!.barcodes[0]! })
    expect(wrong.outcome).toMatchObject({ ok: false, kind: 'wrong_item', offerId: other!.offer_id, name: other!.name })
    expect(wrong.outcome.expected).toEqual([{ sku: plate!.sku, offerId: plate!.offer_id, name: plate!.name, remaining: 1 }])

    const unknown = await station.call('packing.scan', { postingNumber: n, code: 'NO-SUCH-THING' })
    expect(unknown.outcome).toMatchObject({ ok: false, kind: 'unknown', code: 'NO-SUCH-THING' })

    // Nothing of the refused scans was counted.
    const after = await station.call('packing.get', { postingNumber: n })
    expect(after.plan.packages[0]!.lines.map((l) => [l.sku, l.verified])).toEqual([
      [mug!.sku, 2],
      [plate!.sku, 0],
    ])
    const audit = await openAuditLog(dataDir).read({ postingNumber: n, action: 'packing.scan_rejected' })
    expect(audit.map((a) => a.details?.kind).sort()).toEqual(['already_complete', 'unknown', 'wrong_item'])
    expect(audit.find((a) => a.details?.kind === 'wrong_item')!.details).toMatchObject({ code: other!.barcodes[0], expected: `${plate!.offer_id}×1` })
  })

  it('a scanned posting number or Ozon label opens that posting; its own label is recognised', async () => {
    const sb = await packingSandbox()
    const first = simpleOrder(sb, 1)
    const second = simpleOrder(sb, 1, { offset: 1 })
    const station = await openPackingStation(sb, await tempDir('packing-'))
    const n = first.posting_number
    await station.call('packing.open', { postingNumber: n })

    const byNumber = await station.call('packing.scan', { postingNumber: n, code: second.posting_number })
    expect(byNumber.outcome).toMatchObject({ ok: true, kind: 'open_posting', openPostingNumber: second.posting_number })
    const own = await station.call('packing.scan', { postingNumber: n, code: first.barcodes!.upper_barcode })
    expect(own.outcome).toMatchObject({ ok: true, kind: 'same_posting' })

    const label = await station.call('packing.scan', { postingNumber: n, code: second.barcodes!.lower_barcode })
    expect(label.outcome).toMatchObject({ kind: 'open_posting', openPostingNumber: second.barcodes!.lower_barcode })
    const opened = await station.call('packing.open', { code: label.outcome.openPostingNumber! })
    expect(opened.postingNumber).toBe(second.posting_number)

    await expect(station.call('packing.open', { code: '99999999999999' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('the manual +1 is recorded as manual', async () => {
    const sb = await packingSandbox()
    const order = simpleOrder(sb, 1)
    const dataDir = await tempDir('packing-')
    const station = await openPackingStation(sb, dataDir)
    const n = order.posting_number
    await station.call('packing.open', { postingNumber: n })
    const sku = order.products[0]!.sku
    const s = await station.call('packing.manualCount', { postingNumber: n, sku })
    expect(s.plan.packages[0]!.lines[0]).toMatchObject({ sku, verified: 1, manual: 1 })
    const audit = await openAuditLog(dataDir).read({ postingNumber: n, action: 'packing.manual_count' })
    expect(audit).toHaveLength(1)
    expect(audit[0]!.details).toMatchObject({ sku, package: 1 })
  })

  it('marking codes: scanned with the GS stand-in, sent to Ozon, packing blocked until ship_available', async () => {
    const sb = await packingSandbox()
    const shoe = markedGoods(sb).find((g) => g.barcodes.some((b) => /^\d{13}$/.test(b)))!
    const [mug] = plainGoods(sb, 1)
    const order = sb.control.addPosting({ integration: 'ozon', products: [{ sku: shoe.sku, quantity: 2 }, { sku: mug!.sku, quantity: 1 }] })
    const station = await openPackingStation(sb, await tempDir('packing-'))
    const n = order.posting_number
    const opened = await station.call('packing.open', { postingNumber: n })
    expect(opened.marks.status).toBe('incomplete')

    const gtin = shoe.barcodes.find((b) => /^\d{13}$/.test(b))!.padStart(14, '0')
    const code = (serial: string, sep = '~') => `01${gtin}21${serial}${sep}93Ab1x`
    await station.call('packing.scan', { postingNumber: n, code: mug!.barcodes[0]! })

    const first = await station.call('packing.scan', { postingNumber: n, code: code('Srl0001') })
    expect(first.outcome).toMatchObject({ ok: true, kind: 'mark', sku: shoe.sku })
    expect(first.session.check.errors.map((e) => [e.code, e.params.count])).toEqual([
      ['not_verified', 1],
      ['marks_missing', 1],
    ])
    const dup = await station.call('packing.scan', { postingNumber: n, code: code('Srl0001') })
    expect(dup.outcome).toMatchObject({ ok: false, kind: 'duplicate_mark' })
    const lostGs = await station.call('packing.scan', { postingNumber: n, code: `01${gtin}21Srl0002` + '91EE06' + '92' + 'x'.repeat(44) })
    expect(lostGs.outcome).toMatchObject({ ok: false, kind: 'bad_mark', problem: 'gs_missing' })
    const foreign = await station.call('packing.scan', { postingNumber: n, code: `01${'04600000000008'}21Srl0003~93Ab1x` })
    expect(foreign.outcome).toMatchObject({ ok: false, kind: 'wrong_item' })

    const checked = station.next('packing.changed', (p) => p.postingNumber === n && p.what === 'marks')
    const last = await station.call('packing.scan', { postingNumber: n, code: code('Srl0002') })
    expect(last.session.marks.status).toBe('sending')
    await checked
    const ready = await station.call('packing.get', { postingNumber: n })
    expect(ready.marks.status).toBe('ship_available')
    expect(ready.check.errors).toEqual([])

    // Ozon holds the codes with the real GS separator.
    const server = sb.control.posting(n)!
    const marks = (server.exemplars?.[String(shoe.sku)] ?? []).flatMap((e) => e.marks.map((m) => m.mark))
    expect(marks.sort()).toEqual([code('Srl0001', GS), code('Srl0002', GS)].sort())

    expect((await station.call('packing.ship', { postingNumber: n })).state).toBe('packed')
    expect(sb.control.posting(n)!.status).toBe('awaiting_deliver')
  })

  it('a multi-box posting sends its box count before packing', async () => {
    const sb = await packingSandbox()
    const order = simpleOrder(sb, 1, { isMultibox: true })
    const station = await openPackingStation(sb, await tempDir('packing-'))
    const n = order.posting_number
    await station.call('packing.open', { postingNumber: n })
    await station.call('packing.manualCount', { postingNumber: n, sku: order.products[0]!.sku })
    for (let i = 1; i < order.products[0]!.quantity; i++) await station.call('packing.manualCount', { postingNumber: n, sku: order.products[0]!.sku })
    const before = await station.call('packing.get', { postingNumber: n })
    expect(before.check.errors.map((e) => e.code)).toEqual(['multibox_missing'])
    await station.call('packing.setMultiBoxQty', { postingNumber: n, boxes: 3 })
    expect((await station.call('packing.ship', { postingNumber: n })).state).toBe('packed')
    expect(sb.control.posting(n)!.multi_box_qty).toBe(3)
    expect(sb.control.calls('/v3/posting/multiboxqty/set')).toHaveLength(1)
  })
})
