// The inbox through the contract, over the demo sandbox's postings synced into a real store: filters that
// combine, counts per filter value, Cyrillic search, sorts, windows of one result, the summary bar, the saved
// view across a restart, bench defaults, scanned codes (also ones only Ozon knows) and "packed today" from the
// ship journal.
import { describe, expect, it } from 'vitest'
import type { OrdersList } from '../../../shared/contract'
import type { Posting } from '../../../shared/domain/posting'
import { StationError } from '../../../shared/errors'
import { startTestStation } from '../../support/station'
import { demoControl, liveStation, sandboxFor } from './helpers'

const ANY_STATUS = { status: [] as string[] }

async function syncedDemo() {
  const started = await startTestStation()
  expect((await started.station.call('orders.sync', {})).ok).toBe(true)
  const all = await started.station.call('orders.list', { filters: ANY_STATUS, limit: 1000 })
  return { ...started, all: all.postings }
}

/** The most common value of a field among postings awaiting packaging, so a filter on it keeps some rows. */
function commonest(postings: Posting[], read: (p: Posting) => string): string {
  const counts = new Map<string, number>()
  for (const p of postings) if (p.status === 'awaiting_packaging') counts.set(read(p), (counts.get(read(p)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
}

async function failure(p: Promise<unknown>): Promise<StationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(StationError)
  return err as StationError
}

describe('inbox list through the contract', () => {
  it('combines warehouse and carrier filters and counts each value among the other filters', async () => {
    const { station, all } = await syncedDemo()
    const waiting = all.filter((p) => p.status === 'awaiting_packaging')
    const warehouse = commonest(all, (p) => p.warehouse.id)
    const carrier = commonest(waiting.filter((p) => p.warehouse.id === warehouse), (p) => p.carrier.id)

    const list = await station.call('orders.list', { filters: { warehouse: [warehouse], carrier: [carrier] }, limit: 1000 })
    const expected = waiting.filter((p) => p.warehouse.id === warehouse && p.carrier.id === carrier)
    expect(list.total).toBe(expected.length)
    expect(list.postings.map((p) => p.postingNumber).sort()).toEqual(expected.map((p) => p.postingNumber).sort())

    // "Склад Север — 42": a warehouse's count is what choosing it would list (the carrier filter still applies).
    for (const value of list.facets.warehouse) {
      expect(value.count).toBe(waiting.filter((p) => p.warehouse.id === value.value && p.carrier.id === carrier).length)
      expect(value.selected).toBe(value.value === warehouse)
      expect(value.label).toBe(all.find((p) => p.warehouse.id === value.value)!.warehouse.name)
    }
    for (const value of list.facets.carrier) {
      expect(value.count).toBe(waiting.filter((p) => p.carrier.id === value.value && p.warehouse.id === warehouse).length)
    }
    // Status counts ignore the status filter itself: the other statuses show what a click would bring.
    const statusCounts = Object.fromEntries(list.facets.status.map((s) => [s.value, s.count]))
    expect(statusCounts.awaiting_packaging).toBe(expected.length)
    const packedThere = all.filter((p) => p.status === 'awaiting_deliver' && p.warehouse.id === warehouse && p.carrier.id === carrier).length
    expect(statusCounts.awaiting_deliver ?? 0).toBe(packedThere)
  })

  it('filters by delivery method and integration type, and by several statuses at once', async () => {
    const { station, all } = await syncedDemo()
    const method = commonest(all, (p) => p.deliveryMethod.id)
    const byMethod = await station.call('orders.list', { filters: { deliveryMethod: [method], status: [] }, limit: 1000 })
    expect(byMethod.total).toBe(all.filter((p) => p.deliveryMethod.id === method).length)

    const ozon = await station.call('orders.list', { filters: { integration: ['ozon'], status: [] }, limit: 1000 })
    expect(ozon.total).toBe(all.filter((p) => p.integrationType === 'ozon').length)
    expect(ozon.total).toBeGreaterThan(0)

    const two = await station.call('orders.list', { filters: { status: ['awaiting_packaging', 'awaiting_deliver'] }, limit: 1000 })
    expect(two.total).toBe(all.filter((p) => p.status === 'awaiting_packaging' || p.status === 'awaiting_deliver').length)
  })

  it('searches Cyrillic product names case-insensitively (ё = е), posting numbers without dashes, offer ids and SKUs', async () => {
    const { station, all } = await syncedDemo()
    const named = all.find((p) => p.items.some((i) => /[а-яё]{4,}/i.test(i.name)))!
    const item = named.items.find((i) => /[а-яё]{4,}/i.test(i.name))!
    const word = /[а-яё]{4,}/i.exec(item.name)![0]
    const typed = word.toUpperCase().replace(/Ё/g, 'Е')

    const found = await station.call('orders.list', { search: typed, filters: ANY_STATUS, limit: 1000 })
    expect(found.postings.map((p) => p.postingNumber)).toContain(named.postingNumber)
    const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е')
    for (const p of found.postings) expect(p.items.some((i) => norm(i.name).includes(norm(word)))).toBe(true)
    expect(found.query.search).toBe(typed)

    const byNumber = await station.call('orders.list', { search: named.postingNumber.replace(/-/g, ' '), filters: ANY_STATUS })
    expect(byNumber.postings.map((p) => p.postingNumber)).toContain(named.postingNumber)
    const byOffer = await station.call('orders.list', { search: item.offerId.toLowerCase(), filters: ANY_STATUS, limit: 1000 })
    expect(byOffer.postings.map((p) => p.postingNumber)).toContain(named.postingNumber)
    const bySku = await station.call('orders.list', { search: String(item.sku), filters: ANY_STATUS, limit: 1000 })
    expect(bySku.postings.map((p) => p.postingNumber)).toContain(named.postingNumber)

    const nothing = await station.call('orders.list', { search: 'щщщщщщщ', filters: ANY_STATUS })
    expect(nothing).toMatchObject({ total: 0, postings: [], rows: [] })
  })

  it('sorts by time left (default), money at stake and order date; windows of one result add up to the whole', async () => {
    const { station } = await syncedDemo()
    const whole = await station.call('orders.list', { limit: 1000 })
    expect(whole.query).toMatchObject({ sort: 'timeLeft', direction: 'asc' })
    const shipBy = whole.postings.map((p) => Date.parse(p.shipmentDate))
    expect(shipBy).toEqual([...shipBy].sort((a, b) => a - b))

    const windows: OrdersList['postings'] = []
    for (let offset = 0; offset < whole.total; offset += 7) {
      const w = await station.call('orders.list', { offset, limit: 7 })
      expect(w.total).toBe(whole.total)
      expect(w.rows.map((r) => r.postingNumber)).toEqual(w.postings.map((p) => p.postingNumber))
      windows.push(...w.postings)
    }
    expect(windows.map((p) => p.postingNumber)).toEqual(whole.postings.map((p) => p.postingNumber))

    const money = await station.call('orders.list', { sort: 'moneyAtStake', limit: 1000 })
    const stakes = money.rows.map((r) => r.moneyAtStake)
    expect(stakes).toEqual([...stakes].sort((a, b) => b - a))
    expect(stakes.some((s) => s > 0)).toBe(true)

    const oldest = await station.call('orders.list', { sort: 'orderDate', limit: 1000 })
    const ordered = oldest.postings.map((p) => Date.parse(p.inProcessAt))
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b))
    const newest = await station.call('orders.list', { sort: 'orderDate', direction: 'desc', limit: 1000 })
    expect(newest.postings.map((p) => Date.parse(p.inProcessAt))).toEqual([...ordered].sort((a, b) => b - a))
  })

  it('summarises due within an hour, overdue and cancellation risk, and gives each overdue posting its cancellation time', async () => {
    const { station } = await syncedDemo()
    const list = await station.call('orders.list', { limit: 1000 })
    const now = Date.parse(list.now)
    const left = list.postings.map((p) => Date.parse(p.shipmentDate) - now)
    expect(list.summary.overdue).toBe(left.filter((ms) => ms <= 0).length)
    expect(list.summary.dueWithinHour).toBe(left.filter((ms) => ms > 0 && ms <= 3_600_000).length)
    expect(list.summary.overdue, 'the demo has overdue postings').toBeGreaterThan(0)
    expect(list.summary.atCancellationRisk).toBeLessThanOrEqual(list.summary.overdue)
    expect(list.timeZone).toBe('Europe/Moscow')
    list.rows.forEach((row, i) => {
      // Ozon cancels at the end of a business day after the ship-by day: always later than the ship-by time.
      expect(Date.parse(row.cancellationAt!)).toBeGreaterThan(now + left[i]!)
      expect(row.preparation?.stage).toBe('packing')
    })
  })

  it('refuses a bad query naming the field', async () => {
    const { station } = await startTestStation()
    const bad = await failure(station.dispatch('orders.list', { filters: { integration: ['teleport'] } }))
    expect(bad).toMatchObject({ code: 'invalid_args' })
    expect(bad.field).toContain('integration')
    const unknownFilter = await failure(station.dispatch('orders.list', { filters: { colour: ['red'] } }))
    expect(unknownFilter.code).toBe('invalid_args')
    const long = await failure(station.dispatch('orders.list', { search: 'я'.repeat(201) }))
    expect(long.field).toBe('search')
  })
})

describe('inbox view, scanned codes and packed today', () => {
  it('keeps filters and sort across a restart; the bench defaults are applied once and again when they change', async () => {
    const first = await startTestStation()
    expect(await first.station.call('orders.view', {})).toEqual({ filters: {}, sort: 'timeLeft', direction: null })
    await first.station.call('orders.setView', { filters: { carrier: ['24'], status: ['awaiting_packaging', 'awaiting_deliver'] }, sort: 'moneyAtStake' })
    await first.station.close()

    const second = await startTestStation({ dataDir: first.config.dataDir })
    expect(await second.station.call('orders.view', {})).toEqual({
      filters: { carrier: ['24'], status: ['awaiting_packaging', 'awaiting_deliver'] },
      sort: 'moneyAtStake',
      direction: null,
    })
    const changes: unknown[] = []
    second.station.subscribe((event, payload) => event === 'orders.changed' && changes.push(payload))
    // The bench now handles one warehouse and one carrier: both filters follow the settings.
    await second.station.call('settings.update', { profile: { warehouseIds: ['1020000000000001'], carrierIds: ['31'] } })
    await expect.poll(() => second.station.call('orders.view', {})).toMatchObject({ filters: { warehouse: ['1020000000000001'], carrier: ['31'] } })
    await expect.poll(() => changes).toContainEqual({ reason: 'settings' })

    // The packer's own choice then wins, also after a restart, until the bench defaults change again.
    await second.station.call('orders.setView', { filters: { warehouse: [] } })
    await second.station.close()
    const third = await startTestStation({ dataDir: first.config.dataDir })
    expect((await third.station.call('orders.view', {})).filters).toEqual({})
  })

  it('finds a posting by its number, its order number, and the barcodes of its Ozon label', async () => {
    const { station, all } = await syncedDemo()
    const p = all.find((x) => x.labelBarcodes)!
    const one = (r: { postings: { postingNumber: string }[] }) => r.postings.map((x) => x.postingNumber)

    expect(await station.call('orders.find', { code: p.postingNumber })).toMatchObject({ source: 'inbox', postings: [{ postingNumber: p.postingNumber }] })
    expect(one(await station.call('orders.find', { code: p.labelBarcodes!.upper }))).toEqual([p.postingNumber])
    expect(one(await station.call('orders.find', { code: ` ${p.labelBarcodes!.lower} ` }))).toEqual([p.postingNumber])
    const ofOrder = all.filter((x) => x.orderNumber === p.orderNumber).map((x) => x.postingNumber)
    expect(one(await station.call('orders.find', { code: p.orderNumber })).sort()).toEqual(ofOrder.sort())

    const unknown = await failure(station.call('orders.find', { code: 'ZZ-NOT-A-CODE-42' }))
    expect(unknown).toMatchObject({ code: 'not_found', key: 'inbox:scan.unknownCode', params: { code: 'ZZ-NOT-A-CODE-42' } })
    const empty = await failure(station.dispatch('orders.find', { code: '   ' }))
    expect(empty).toMatchObject({ code: 'invalid_args', field: 'code' })
  })

  it('resolves a label barcode the inbox does not know through Ozon, and keeps the posting from then on', async () => {
    const { station } = await syncedDemo()
    const control = await demoControl(station)
    const { added } = await control.addPostings(1, { lines: 2 })
    const fresh = await control.posting(added[0]!)
    await expect(station.call('orders.get', { postingNumber: added[0]! })).rejects.toMatchObject({ code: 'not_found' })

    const found = await station.call('orders.find', { code: fresh.barcodes.upper_barcode })
    expect(found).toMatchObject({ source: 'ozon', postings: [{ postingNumber: added[0], status: 'awaiting_packaging' }] })
    expect((await station.call('orders.get', { postingNumber: added[0]! })).labelBarcodes?.upper).toBe(fresh.barcodes.upper_barcode)
    // The inbox index follows the write at once: the posting is listed and scanning it again stays local.
    const listed = await station.call('orders.list', { search: added[0]! })
    expect(listed.postings.map((p) => p.postingNumber)).toEqual([added[0]])
    expect(await station.call('orders.find', { code: fresh.barcodes.lower_barcode })).toMatchObject({ source: 'inbox' })
  })

  it('counts a posting packed at this bench as packed today, at the time its ship journal entry was confirmed', async () => {
    const sb = await sandboxFor({ postings: 0 })
    const goods = sb.control.account().catalog.filter((c) => !c.requires_mark)
    const order = sb.control.addPosting({ integration: 'ozon', products: [{ sku: goods[0]!.sku, quantity: 1 }] })
    const { station } = await liveStation(sb)
    await station.call('orders.sync', {})
    const before = await station.call('orders.list', { filters: ANY_STATUS })
    expect(before.summary.packedToday).toBe(0)

    const changed: unknown[] = []
    station.subscribe((event, payload) => event === 'orders.changed' && changed.push(payload))
    const session = await station.call('packing.open', { postingNumber: order.posting_number })
    for (const item of session.posting.items) {
      const barcode = session.products.find((p) => p.sku === item.sku)!.barcodes[0]!
      for (let i = 0; i < item.quantity; i++) expect((await station.call('packing.scan', { postingNumber: order.posting_number, code: barcode })).outcome.ok).toBe(true)
    }
    const packed = await station.call('packing.ship', { postingNumber: order.posting_number })
    expect(packed.state).toBe('packed')
    await expect.poll(() => changed).toContainEqual({ reason: 'packing' })

    const after = await station.call('orders.list', { filters: ANY_STATUS, search: order.posting_number })
    expect(after.postings[0]!.status).toBe('awaiting_deliver')
    expect(after.summary.packedToday).toBe(1)
    const packedAt = Date.parse(after.rows[0]!.packedAt!)
    expect(Math.abs(packedAt - Date.parse(packed.result!.packedAt))).toBeLessThan(5_000)
    // The default inbox (awaiting packaging) no longer lists it.
    expect((await station.call('orders.list', {})).total).toBe(0)
  })
})
