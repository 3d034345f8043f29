// Hand-over against the sandbox through a real loopback relay: a batch for Ozon logistics with a wrong-carrier scan,
// a split order, a posting Ozon cancelled after the last sync (caught by the re-check at close), the carriage created
// and approved, its act downloaded, the manifest read back; own delivery moved to delivering and on; 3PL packages
// refused until their tracking number is accepted; a carriage interrupted by a lost connection and a restart.
import { describe, expect, it } from 'vitest'
import { pdfText, pdfToPngs } from '../../support/pdf-readback'
import { decodeBarcodes } from '../../support/barcode-decode'
import { tempDir } from '../../support/temp-dir'
import { OPERATOR, openStation, packedPostings, splitOrder, startWorld, until, type HandoverStation } from '../tracking/harness'

const MINUTE = 60_000

async function sync(station: HandoverStation): Promise<void> {
  expect((await station.call('orders.sync', {})).ok).toBe(true)
}

const methodOf = (station: HandoverStation, postingNumber: string) => station.ctx.orders.data.postings[`demo/${postingNumber}`]!.deliveryMethod.id

describe('dispatch for Ozon logistics', () => {
  it('checks every scan, re-checks with Ozon at close, creates and approves the carriage and downloads its act', async () => {
    const world = await startWorld()
    const singles = packedPostings(world, 3, 'ozon')
    const station = await openStation(world, await tempDir('dispatch-ozon-'))
    const split = await splitOrder(world, station, 'ozon')
    const [cdek] = packedPostings(world, 1, '3pl_tracking')
    const [late] = packedPostings(world, 1, 'ozon') // packed, but not brought to the courier
    // Every ozon posting of this test shares the delivery method the sandbox chose for the first one.
    await sync(station)
    const dm = methodOf(station, singles[0]!.posting_number)
    const ours = [...singles.map((p) => p.posting_number), ...split, late!.posting_number]
    for (const n of ours) expect(methodOf(station, n)).toBe(dm)

    const options = await station.call('dispatch.options', {})
    expect(options.options.find((o) => o.deliveryMethod.id === dm)).toMatchObject({ ready: ours.length, openBatchId: null })

    let batch = await station.call('dispatch.open', { deliveryMethodId: dm })
    expect(batch).toMatchObject({ state: 'open', label: '2026-06-02 №1', carrier: { name: 'Ozon Логистика' } })
    expect(batch.expected.map((e) => e.postingNumber).sort()).toEqual([...ours].sort())

    const wrong = await station.call('dispatch.scan', { batchId: batch.id, code: cdek!.posting_number })
    expect(wrong.outcome).toMatchObject({ ok: false, code: 'wrong_carrier', params: { carrier: 'СДЭК', expected: 'Ozon Логистика' } })

    const unknown = await station.call('dispatch.scan', { batchId: batch.id, code: '99999999-9999-9' })
    expect(unknown.outcome).toMatchObject({ ok: false, code: 'unknown' })

    const scanned: string[] = []
    const first = singles[0]!.posting_number
    // Scanned by the lower barcode of Ozon's label.
    const label = station.ctx.orders.data.postings[`demo/${first}`]!.labelBarcodes!.lower
    const byLabel = await station.call('dispatch.scan', { batchId: batch.id, code: label })
    expect(byLabel.outcome).toMatchObject({ ok: true, postingNumber: first })
    expect(byLabel.batch.packageList[0]).toMatchObject({ via: 'ozon_label', operator: OPERATOR })
    scanned.push(first)
    const twice = await station.call('dispatch.scan', { batchId: batch.id, code: first })
    expect(twice.outcome.code).toBe('duplicate')

    const splitHere = split
    expect(splitHere).toHaveLength(2)
    const half = await station.call('dispatch.scan', { batchId: batch.id, code: splitHere[0]! })
    expect(half.outcome.split).toMatchObject({ scanned: 1, total: 2, complete: false, missing: [splitHere[1]] })
    expect(half.outcome.message).toContain('1 of 2')
    scanned.push(splitHere[0]!)

    // Closing now is refused until a person gives a reason: the split order is incomplete.
    const incomplete = await station.call('dispatch.close', { batchId: batch.id }).catch((e: unknown) => e)
    expect(incomplete).toMatchObject({ code: 'conflict', key: 'dispatch:errors.needsOverride' })
    expect(JSON.stringify((incomplete as { details: unknown }).details)).toContain('incomplete_split')

    const whole = await station.call('dispatch.scan', { batchId: batch.id, code: splitHere[1]! })
    expect(whole.outcome.split).toMatchObject({ scanned: 2, total: 2, complete: true })
    scanned.push(splitHere[1]!)

    // The second single goes in; the third is scanned, then Ozon cancels it; the station's copy is 10 minutes old at close.
    const [second, doomed] = [singles[1]!.posting_number, singles[2]!.posting_number]
    expect((await station.call('dispatch.scan', { batchId: batch.id, code: second })).outcome.ok).toBe(true)
    scanned.push(second)
    expect((await station.call('dispatch.scan', { batchId: batch.id, code: doomed })).outcome.ok).toBe(true)
    world.sb.control.setStatus(doomed, { status: 'cancelled', cancellationType: 'client', cancelReason: 'Покупатель отменил заказ' })
    world.sb.clock.advance(10 * MINUTE)
    const refused = await station.call('dispatch.close', { batchId: batch.id }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'conflict', key: 'dispatch:errors.cannotClose' })
    expect((refused as Error).message).toContain(`${doomed} is CANCELLED`)
    batch = await station.call('dispatch.remove', { batchId: batch.id, postingNumber: doomed, reason: 'Отменён покупателем' })

    const closed = await station.call('dispatch.close', { batchId: batch.id, courierName: 'Пётр Курьеров', language: 'ru' })
    expect(closed).toMatchObject({ state: 'closed', closedBy: OPERATOR, courierName: 'Пётр Курьеров', packages: scanned.length })
    await until(async () => (await station.call('dispatch.get', { batchId: batch.id })).handover?.state === 'done', 'the act is ready')
    const done = await station.call('dispatch.get', { batchId: batch.id })
    expect(done.handover).toMatchObject({ kind: 'carriage', state: 'done', actStatus: 'ready', hasActPdf: true, nextCarriage: [] })
    expect(done.handover!.carriageId).toMatch(/^\d+$/)
    // Ozon's carriage takes every packed posting of the method: the one left on the shelf is named.
    expect(done.handover!.notScanned).toEqual([late!.posting_number])
    expect([...done.handover!.addedToAct].sort()).toEqual([...scanned, ...done.handover!.notScanned].sort())
    expect(world.sb.control.account().carriages[done.handover!.carriageId!]).toMatchObject({ status: 'formed' })

    const act = await station.call('dispatch.actPdf', { batchId: batch.id })
    const actPdf = Buffer.from(act.base64, 'base64')
    expect(actPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const actText = await pdfText(actPdf)
    for (const n of scanned) expect(actText).toContain(n)

    // The manifest: who handed what to whom, barcodes that decode to the posting numbers.
    const manifest = await station.call('dispatch.manifest', { batchId: batch.id })
    const pdf = Buffer.from(manifest.base64, 'base64')
    const text = await pdfText(pdf)
    expect(text).toContain('Акт приёма-передачи')
    expect(text).toContain('Пётр Курьеров')
    expect(text).toContain(OPERATOR)
    expect(text).toContain(done.handover!.carriageId!)
    expect(text).toMatch(/1\/2/)
    const pages = await pdfToPngs(pdf, { dpi: 200 })
    const decoded = (await Promise.all(pages.map((p) => decodeBarcodes(p.png)))).flat()
    expect(decoded.filter((d) => d.format === 'CODE_128').map((d) => d.text).sort()).toEqual([...scanned].sort())

    const [closedAudit] = await station.ctx.audit.read({ action: 'dispatch.closed' })
    expect(closedAudit).toMatchObject({ operator: OPERATOR, details: { carrier: 'Ozon Логистика', courier: 'Пётр Курьеров' } })
    expect((closedAudit!.details as { packages: string[] }).packages.sort()).toEqual([...scanned].sort())
    expect(await station.ctx.audit.read({ action: 'dispatch.removed' })).toHaveLength(1)

    // A second copy is marked as such; the history finds the batch by any of its postings.
    const copy = await station.call('dispatch.manifest', { batchId: batch.id, language: 'en' })
    expect(await pdfText(Buffer.from(copy.base64, 'base64'))).toMatch(/Hand-over manifest[\s\S]*copy 1/)
    const found = await station.call('dispatch.history', { search: splitHere[1]! })
    expect(found.batches.map((b) => b.id)).toEqual([batch.id])
  })

  it('a carriage interrupted by a lost connection is finished after a restart', async () => {
    const world = await startWorld()
    const postings = packedPostings(world, 2, 'ozon')
    const dataDir = await tempDir('dispatch-restart-')
    const first = await openStation(world, dataDir)
    await sync(first)
    const dm = methodOf(first, postings[0]!.posting_number)
    const mine = postings.map((p) => p.posting_number)
    const batch = await first.call('dispatch.open', { deliveryMethodId: dm })
    for (const n of mine) expect((await first.call('dispatch.scan', { batchId: batch.id, code: n })).outcome.ok).toBe(true)

    world.relay.down()
    const closed = await first.call('dispatch.close', { batchId: batch.id, overrideReason: 'Связи с Ozon нет, курьер ждёт' })
    // Closed and documented locally; Ozon's part waits.
    expect(closed.state).toBe('closed')
    expect(closed.manifest).not.toBeNull()
    expect(closed.handover).toMatchObject({ kind: 'carriage', state: 'waiting' })
    expect(first.ctx.journal.openEntries('carriage')).toHaveLength(1)
    await first.close()

    world.relay.up()
    const second = await openStation(world, dataDir)
    await until(() => second.ctx.journal.openEntries('carriage').length === 0, 'the carriage is made after the restart')
    expect((await second.call('dispatch.get', { batchId: batch.id })).handover).toMatchObject({ state: 'done', hasActPdf: true })
    const carriages = Object.values(world.sb.control.account().carriages)
    expect(carriages).toHaveLength(1)
    expect([...carriages[0]!.posting_numbers].sort()).toEqual([...mine].sort())
  })
})

describe('dispatch for own delivery and 3PL carriers', () => {
  it('own delivery: scanned by tracking number, moved to delivering at close, then last mile and delivered on demand', async () => {
    const world = await startWorld()
    const postings = packedPostings(world, 3, 'non_integrated')
    const station = await openStation(world, await tempDir('dispatch-own-'))
    await sync(station)
    const numbers = postings.map((p) => p.posting_number)
    // The courier's own number for one parcel (optional for this scheme).
    const set = await station.call('tracking.set', { entries: [{ postingNumber: numbers[0]!, trackingNumber: 'MSK-000123' }] })
    expect(set.results[0]!.row!.state).toBe('accepted')

    const batch = await station.call('dispatch.open', { deliveryMethodId: methodOf(station, numbers[0]!) })
    const byTrack = await station.call('dispatch.scan', { batchId: batch.id, code: 'msk-000123' })
    expect(byTrack.outcome).toMatchObject({ ok: true, postingNumber: numbers[0] })
    expect(byTrack.batch.packageList[0]).toMatchObject({ via: 'tracking', trackingNumber: 'MSK-000123' })
    for (const n of numbers.slice(1)) expect((await station.call('dispatch.scan', { batchId: batch.id, code: n })).outcome.ok).toBe(true)

    const closed = await station.call('dispatch.close', { batchId: batch.id, courierName: 'Свой курьер', language: 'en' })
    expect(closed.handover).toMatchObject({ kind: 'delivering', state: 'done' })
    expect(closed.handover!.moves.map((m) => [m.postingNumber, m.step, m.ok])).toEqual(numbers.map((n) => [n, 'delivering', true]))
    for (const n of numbers) expect(world.sb.control.posting(n)!.status).toBe('delivering')

    const lastMile = await station.call('dispatch.advance', { batchId: batch.id, step: 'last_mile' })
    expect(lastMile.handover!.state).toBe('done')
    for (const n of numbers) expect(world.sb.control.posting(n)!.substatus).toBe('posting_transferred_to_courier_service')
    const delivered = await station.call('dispatch.advance', { batchId: batch.id, step: 'delivered', postingNumbers: [numbers[2]!] })
    expect(delivered.handover!.moves.filter((m) => m.step === 'delivered')).toEqual([{ postingNumber: numbers[2], step: 'delivered', ok: true, error: '' }])
    expect(world.sb.control.posting(numbers[2]!)!.status).toBe('delivered')

    // Handed over: the number can no longer change here; the batch is found by it.
    const locked = await station.call('tracking.set', { entries: [{ postingNumber: numbers[0]!, trackingNumber: 'MSK-000999', reason: 'ошибка' }] })
    expect(locked.results[0]).toMatchObject({ ok: false, check: { problem: 'handed_over' } })
    expect((await station.call('dispatch.history', { search: 'MSK-000123' })).batches.map((b) => b.id)).toEqual([batch.id])
    const manifest = await station.call('dispatch.manifest', { batchId: batch.id })
    expect(await pdfText(Buffer.from(manifest.base64, 'base64'))).toContain('MSK-000123')
  })

  it('3PL: a package without an accepted tracking number is refused until it has one', async () => {
    const world = await startWorld()
    const [p] = packedPostings(world, 1, '3pl_tracking')
    const station = await openStation(world, await tempDir('dispatch-3pl-'))
    await sync(station)
    const n = p!.posting_number
    const batch = await station.call('dispatch.open', { deliveryMethodId: methodOf(station, n) })
    expect(batch.expected).toEqual([{ postingNumber: n, orderNumber: p!.order_number, blocked: expect.stringContaining('No tracking number') }])
    const missing = await station.call('dispatch.scan', { batchId: batch.id, code: n })
    expect(missing.outcome).toMatchObject({ ok: false, code: 'tracking_missing' })

    world.relay.down()
    await station.call('tracking.set', { entries: [{ postingNumber: n, trackingNumber: '5550001112' }] })
    const waiting = await station.call('dispatch.scan', { batchId: batch.id, code: n })
    expect(waiting.outcome).toMatchObject({ ok: false, code: 'tracking_waiting' })

    world.relay.up()
    await station.call('tracking.retry', {})
    const ok = await station.call('dispatch.scan', { batchId: batch.id, code: '5550001112' })
    expect(ok.outcome).toMatchObject({ ok: true, postingNumber: n })
    const closed = await station.call('dispatch.close', { batchId: batch.id, language: 'en' })
    expect(closed.handover).toMatchObject({ kind: 'none', state: 'done' })
    const again = await station.call('dispatch.scan', { batchId: batch.id, code: n }).catch((e: unknown) => e)
    expect(again).toMatchObject({ code: 'conflict', key: 'dispatch:errors.notOpen' })
  })
})
