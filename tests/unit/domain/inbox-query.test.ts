import { describe, expect, it } from 'vitest'
import { createWorkingCalendar } from '../../../shared/domain/calendar'
import { makePosting } from '../../../shared/domain/fixtures'
import {
  buildInboxIndex,
  findByScannedCode,
  parseInboxQuery,
  queryInbox,
  type FacetName,
  type InboxQueryInput,
} from '../../../shared/domain/inbox-query'
import type { Posting, TariffStep } from '../../../shared/domain/posting'
import { moneyAtStake } from '../../../shared/domain/tariff'
import { generatePostings, seededRandom, WAREHOUSES, CARRIERS } from './generate-postings'

// Friday 5 June 2026, 12:00 in Moscow.
const NOW = Date.parse('2026-06-05T09:00:00Z')

const north = { id: 'w-north', name: 'Склад Север' }
const south = { id: 'w-south', name: 'Склад Юг' }
const kazan = { id: 'w-kazan', name: 'Склад Казань' }
const ozon = { id: '24', name: 'Ozon Логистика' }
const cdek = { id: '31', name: 'СДЭК' }
const post = { id: '45', name: 'Почта России' }
const own = { id: '52', name: 'Своя доставка' }
const item = (name: string, offerId: string, sku: number) => ({
  sku,
  offerId,
  name,
  quantity: 2,
  price: { amount: 499, currency: 'RUB' },
  requiresMarkingCode: false,
})
const rub = (amount: number) => ({ amount, currency: 'RUB' })
const shrinkingDiscount: TariffStep[] = [
  { type: 'discount', ratePercent: 3, charge: null, minCharge: null, deadlineAt: '2026-06-05T10:00:00Z' },
  { type: 'discount', ratePercent: 2, charge: null, minCharge: null, deadlineAt: '9999-12-31T23:59:59Z' },
]
const surchargeAtNoon: TariffStep[] = [
  { type: 'no_discount', ratePercent: 0, charge: rub(0), minCharge: null, deadlineAt: '2026-06-05T12:00:00Z' },
  { type: 'commission', ratePercent: 1, charge: rub(50), minCharge: rub(50), deadlineAt: '9999-12-31T23:59:59Z' },
]

function p(overrides: Partial<Posting>): Posting {
  const number = overrides.postingNumber ?? '00000000-0000-1'
  return makePosting({ orderNumber: number.slice(0, -2), ...overrides })
}

const A = p({ postingNumber: '11111111-0001-1', warehouse: north, carrier: ozon, shipmentDate: '2026-06-05T09:40:00Z', inProcessAt: '2026-06-03T10:00:00Z', items: [item('Кружка красная 350 мл', 'MUG-RED-350', 987654321)], tariffSteps: shrinkingDiscount, labelBarcodes: { upper: '%101%806044518', lower: '23024930500000' } })
const B = p({ postingNumber: '11111111-0002-1', warehouse: north, carrier: cdek, integrationType: '3pl_tracking', shipmentDate: '2026-06-04T15:00:00Z', inProcessAt: '2026-06-02T10:00:00Z', items: [item('Ёлочная игрушка «Шар»', 'TOY-BALL-01', 111222333)] })
const C = p({ postingNumber: '22222222-0001-1', warehouse: south, carrier: ozon, shipmentDate: '2026-06-05T06:00:00Z', inProcessAt: '2026-06-01T10:00:00Z', items: [item('Елка искусственная 180 см', 'TREE-180', 444555666)] })
const D = p({ postingNumber: '22222222-0001-2', warehouse: south, carrier: post, integrationType: 'hybryd', shipmentDate: '2026-06-05T18:00:00Z', inProcessAt: '2026-06-04T10:00:00Z', items: [item('Футболка ХЛОПКОВАЯ синяя', 'TSHIRT-BLUE-L', 555000111)], tariffSteps: surchargeAtNoon })
const E = p({ postingNumber: '33333333-0001-1', warehouse: north, carrier: ozon, status: 'awaiting_deliver', shipmentDate: '2026-06-05T07:00:00Z' })
const F = p({ postingNumber: '33333333-0002-1', warehouse: north, carrier: ozon, status: 'awaiting_deliver', shipmentDate: '2026-06-04T07:00:00Z' })
const G = p({ postingNumber: '44444444-0001-1', warehouse: kazan, carrier: own, integrationType: 'non_integrated', accountId: 'second', shipmentDate: '2026-06-08T09:00:00Z', inProcessAt: '2026-06-05T08:00:00Z', items: [item('Плед клетчатый', 'PLAID-01', 123123123)] })
const H = p({ postingNumber: '44444444-0002-1', warehouse: north, carrier: ozon, status: 'cancelled', shipmentDate: '2026-06-05T09:00:00Z' })
const I = p({ postingNumber: '55555555-0001-1', warehouse: north, carrier: ozon, shipmentDate: '2026-06-05T09:40:00Z', inProcessAt: '2026-06-03T11:00:00Z', items: [item('Кружка синяя 250 мл', 'MUG-BLUE-250', 987000111)], tariffSteps: shrinkingDiscount })
const ALL = [I, H, G, F, E, D, C, B, A] // deliberately not in any sorted order

const numbers = (r: { rows: { entry: { posting: Posting } }[] }) => r.rows.map((row) => row.entry.posting.postingNumber)
const counts = (r: ReturnType<typeof queryInbox>, f: FacetName) => Object.fromEntries(r.facets[f].map((v) => [v.label, v.count]))

describe('inbox filters, facets and search', () => {
  const index = buildInboxIndex(ALL, NOW)

  it('shows postings awaiting packaging by default, most urgent first, ties by posting number', () => {
    expect(numbers(queryInbox(index))).toEqual([B, C, A, I, D, G].map((x) => x.postingNumber))
    expect(queryInbox(index, { filters: { status: [] } }).total).toBe(9)
  })

  it('combines filters and counts each facet with the other filters applied', () => {
    const r = queryInbox(index, { filters: { warehouse: ['w-north'] } })
    expect(numbers(r)).toEqual([B, A, I].map((x) => x.postingNumber))
    expect(counts(r, 'warehouse')).toEqual({ 'Склад Казань': 1, 'Склад Север': 3, 'Склад Юг': 2 })
    expect(counts(r, 'carrier')).toEqual({ 'Ozon Логистика': 2, 'СДЭК': 1, 'Почта России': 0, 'Своя доставка': 0 })
    expect(counts(r, 'status')).toEqual({ awaiting_packaging: 3, awaiting_deliver: 2, cancelled: 1 })
    expect(r.facets.warehouse.find((v) => v.value === 'w-north')?.selected).toBe(true)

    const both = queryInbox(index, { filters: { warehouse: ['w-north'], carrier: [24] } })
    expect(numbers(both)).toEqual([A, I].map((x) => x.postingNumber))
    expect(counts(both, 'warehouse')).toEqual({ 'Склад Казань': 0, 'Склад Север': 2, 'Склад Юг': 1 })
  })

  it('groups integration types: 3PL with tracking, own delivery, Ozon, and the rest as other', () => {
    const r = queryInbox(index, { filters: { integration: ['other'] } })
    expect(numbers(r)).toEqual([D.postingNumber])
    expect(counts(r, 'integration')).toEqual({ ozon: 3, '3pl_tracking': 1, non_integrated: 1, other: 1 })
    expect(numbers(queryInbox(index, { filters: { account: ['second'] } }))).toEqual([G.postingNumber])
  })

  it('finds Cyrillic text in any case, with ё and е alike', () => {
    expect(numbers(queryInbox(index, { search: 'ЁЛОЧНАЯ' }))).toEqual([B.postingNumber])
    expect(numbers(queryInbox(index, { search: 'елочная' }))).toEqual([B.postingNumber])
    expect(numbers(queryInbox(index, { search: 'ёлка' }))).toEqual([C.postingNumber])
    expect(numbers(queryInbox(index, { search: 'хлопковая' }))).toEqual([D.postingNumber])
    expect(numbers(queryInbox(index, { search: '  Кружка   350 ' }))).toEqual([A.postingNumber])
    expect(numbers(queryInbox(index, { search: 'кружка синяя' }))).toEqual([I.postingNumber])
    expect(numbers(queryInbox(index, { search: 'кружка плед' }))).toEqual([])
  })

  it('finds posting numbers by prefix, with or without dashes and spaces, and offer ids and SKUs', () => {
    expect(numbers(queryInbox(index, { search: '11111111-00' }))).toEqual([B, A].map((x) => x.postingNumber))
    expect(numbers(queryInbox(index, { search: '1111111100' }))).toEqual([B, A].map((x) => x.postingNumber))
    expect(numbers(queryInbox(index, { search: '1111 1111-0001' }))).toEqual([A.postingNumber])
    expect(numbers(queryInbox(index, { search: '22222222-0001', filters: { status: [] } }))).toEqual([C, D].map((x) => x.postingNumber))
    expect(numbers(queryInbox(index, { search: 'tshirt-blue' }))).toEqual([D.postingNumber])
    expect(numbers(queryInbox(index, { search: '987654321' }))).toEqual([A.postingNumber])
  })

  it('counts facets within the search result', () => {
    const r = queryInbox(index, { search: 'ёл' })
    expect(numbers(r)).toEqual([B, C].map((x) => x.postingNumber))
    expect(counts(r, 'warehouse')).toEqual({ 'Склад Казань': 0, 'Склад Север': 1, 'Склад Юг': 1 })
  })

  it('keeps a selected value that no longer exists visible so it can be cleared', () => {
    const r = queryInbox(index, { filters: { warehouse: ['w-closed'] } })
    expect(r.total).toBe(0)
    expect(r.facets.warehouse.at(-1)).toEqual({ value: 'w-closed', label: 'w-closed', count: 0, selected: true })
  })
})

describe('inbox sorting', () => {
  const index = buildInboxIndex(ALL, NOW)

  it('by time left either way, by order date oldest first', () => {
    expect(numbers(queryInbox(index, { sort: 'timeLeft', direction: 'desc' }))).toEqual([G, D, A, I, C, B].map((x) => x.postingNumber))
    expect(numbers(queryInbox(index, { sort: 'orderDate' }))).toEqual([C, B, A, I, D, G].map((x) => x.postingNumber))
  })

  it('by money at stake, largest first, equal amounts in time-left order', () => {
    const r = queryInbox(index, { sort: 'moneyAtStake' })
    expect(numbers(r)).toEqual([D, A, I, B, C, G].map((x) => x.postingNumber))
    expect(r.rows.map((row) => row.moneyAtStake)).toEqual([50, 9.98, 9.98, 0, 0, 0])
  })

  it('follows the clock it is given: at 10:30 UTC the discount step has passed and A is overdue', () => {
    const later = queryInbox(index, { sort: 'moneyAtStake' }, Date.parse('2026-06-05T10:30:00Z'))
    expect(later.rows.find((row) => row.entry.posting === A)).toMatchObject({ urgency: 'overdue', moneyAtStake: 0 })
    expect(numbers(later)[0]).toBe(D.postingNumber)
  })
})

describe('inbox summary bar', () => {
  it('counts due within the hour, overdue, cancelled-tonight and packed today', () => {
    const r = queryInbox(buildInboxIndex(ALL, NOW))
    // A and I due 12:40 MSK; B overdue since Thursday (Ozon cancels tonight), C since this morning (Monday);
    // E is packed and due today. Without a journal, F (due yesterday) does not count as packed today.
    expect(r.summary).toEqual({ dueWithinHour: 2, overdue: 2, atCancellationRisk: 1, packedToday: 1 })
    expect(r.rows.find((row) => row.entry.posting === B)?.entry.cancellationAt).toBe(Date.parse('2026-06-05T20:59:59Z'))
    expect(r.rows.find((row) => row.entry.posting === C)?.entry.cancellationAt).toBe(Date.parse('2026-06-08T20:59:59Z'))
  })

  it("uses the station's journal for packed today when it has one", () => {
    const journal = new Map([[F.postingNumber, '2026-06-05T06:30:00Z']])
    const r = queryInbox(buildInboxIndex(ALL, NOW, { packedAt: (x) => journal.get(x.postingNumber) }))
    expect(r.summary.packedToday).toBe(2)
  })

  it('follows the warehouse filters but not status or search', () => {
    const index = buildInboxIndex(ALL, NOW)
    expect(queryInbox(index, { filters: { warehouse: ['w-south'] }, search: 'nothing like this' }).summary).toEqual({
      dueWithinHour: 0,
      overdue: 1,
      atCancellationRisk: 0,
      packedToday: 0,
    })
  })

  it('judges "today" in each warehouse zone', () => {
    // Due 20:30 UTC: 23:30 today in Moscow, 01:30 tomorrow in Yekaterinburg.
    const late = p({ postingNumber: '66666666-0001-1', warehouse: south, shipmentDate: '2026-06-05T20:30:00Z' })
    const yekaterinburg = createWorkingCalendar({ timeZone: 'Asia/Yekaterinburg' })
    const moscowRow = queryInbox(buildInboxIndex([late], NOW)).rows[0]!
    const yekatRow = queryInbox(buildInboxIndex([late], NOW, { calendar: yekaterinburg })).rows[0]!
    expect(moscowRow.urgency).toBe('today')
    expect(yekatRow.urgency).toBe('later')
  })
})

describe('inbox index edges', () => {
  it('opens a posting from a scanned label barcode, posting number or order number', () => {
    const index = buildInboxIndex(ALL, NOW)
    expect(findByScannedCode(index, '%101%806044518').map((e) => e.posting)).toEqual([A])
    expect(findByScannedCode(index, '23024930500000\n').map((e) => e.posting)).toEqual([A])
    expect(findByScannedCode(index, '22222222-0001').map((e) => e.posting.postingNumber).sort()).toEqual([C.postingNumber, D.postingNumber])
    expect(findByScannedCode(index, '99999999-0001-1')).toEqual([])
  })

  it('keeps a posting with an unreadable ship-by time, lists it as a problem and sorts it last', () => {
    const broken = p({ postingNumber: '77777777-0001-1', shipmentDate: 'not a date' })
    const index = buildInboxIndex([broken, A], NOW)
    expect(index.problems).toEqual([{ postingNumber: '77777777-0001-1', message: expect.stringMatching(/shipmentDate "not a date"/) }])
    const r = queryInbox(index)
    expect(numbers(r)).toEqual([A.postingNumber, broken.postingNumber])
    expect(r.rows[1]!.urgency).toBeNull()
  })

  it('refuses a malformed query naming the field', () => {
    expect(() => parseInboxQuery({ sort: 'price' })).toThrow(/Inbox query: sort/)
    expect(() => parseInboxQuery({ filters: { colour: ['red'] } })).toThrow(/Inbox query: filters.*colour/)
    expect(() => parseInboxQuery({ search: 'x'.repeat(201) })).toThrow(/limited to 200/)
    expect(parseInboxQuery(undefined)).toMatchObject({ sort: 'timeLeft', search: '', filters: {} })
  })
})

// ─── The index against a plain reference implementation on generated data ──────────────────────────────────

function referenceNormalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replaceAll('ё', 'е').replace(/[\s\-‐‑‒–—―]/g, '')
}

function referenceQuery(postings: Posting[], q: InboxQueryInput, now: number) {
  const f = q.filters ?? {}
  const statuses = f.status ?? ['awaiting_packaging']
  const group = (t: string) => (['ozon', '3pl_tracking', 'non_integrated'].includes(t) ? t : 'other')
  const words = (q.search ?? '').split(/\s+/).map(referenceNormalize).filter(Boolean)
  const matchesSearch = (x: Posting) => {
    if (words.length === 0) return true
    const fields = [x.postingNumber, x.orderNumber, ...x.items.flatMap((i) => [i.offerId, String(i.sku), i.name])].map(referenceNormalize)
    return fields.some((field) => field.includes(words.join(''))) || words.every((w) => fields.some((field) => field.includes(w)))
  }
  const checks: Record<FacetName, (x: Posting) => boolean> = {
    warehouse: (x) => !f.warehouse?.length || f.warehouse.includes(x.warehouse.id),
    carrier: (x) => !f.carrier?.length || f.carrier.map(String).includes(x.carrier.id),
    deliveryMethod: (x) => !f.deliveryMethod?.length || f.deliveryMethod.includes(x.deliveryMethod.id),
    status: (x) => statuses.length === 0 || statuses.includes(x.status),
    integration: (x) => !f.integration?.length || (f.integration as string[]).includes(group(x.integrationType)),
    account: (x) => !f.account?.length || f.account.includes(x.accountId),
  }
  const indexed = postings.map((x, i) => ({ x, i }))
  const rows = indexed.filter(({ x }) => matchesSearch(x) && Object.values(checks).every((c) => c(x)))
  const open = (x: Posting) => ['awaiting_verification', 'awaiting_approve', 'acceptance_in_progress', 'awaiting_packaging'].includes(x.status)
  const stakes = new Map(postings.map((x) => [x, open(x) ? moneyAtStake(x, now) : 0]))
  const stake = (x: Posting) => stakes.get(x)!
  const byTime = (a: { x: Posting; i: number }, b: { x: Posting; i: number }) =>
    Date.parse(a.x.shipmentDate) - Date.parse(b.x.shipmentDate) || (a.x.postingNumber < b.x.postingNumber ? -1 : a.x.postingNumber > b.x.postingNumber ? 1 : a.i - b.i)
  if (q.sort === 'moneyAtStake') rows.sort((a, b) => stake(b.x) - stake(a.x) || byTime(a, b))
  else rows.sort(byTime)
  const warehouseCounts: Record<string, number> = {}
  for (const { x } of indexed) {
    if (!matchesSearch(x)) continue
    if (!Object.entries(checks).every(([name, c]) => name === 'warehouse' || c(x))) continue
    warehouseCounts[x.warehouse.id] = (warehouseCounts[x.warehouse.id] ?? 0) + 1
  }
  return { numbers: rows.map(({ x }) => x.postingNumber), warehouseCounts }
}

describe('inbox index agrees with a plain filter-and-sort on 3,000 generated postings', () => {
  const postings = generatePostings({ count: 3000, now: NOW, seed: 7 })
  const index = buildInboxIndex(postings, NOW)
  const rnd = seededRandom(99)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const searches = ['', '', 'ёлочная', 'ЕЛОЧНАЯ игрушка', 'кабель usb c', 'ЁМКАЯ', '1', '12', 'кру 35', 'щетка', 'отвертка', 'отвёрток', 'мини']
  const queries: InboxQueryInput[] = Array.from({ length: 60 }, (_, k) => ({
    filters: {
      ...(rnd() < 0.5 ? { warehouse: [pick(WAREHOUSES).id] } : {}),
      ...(rnd() < 0.4 ? { carrier: [pick(CARRIERS).id, pick(CARRIERS).id] } : {}),
      ...(rnd() < 0.3 ? { status: rnd() < 0.5 ? [] : ['awaiting_deliver', 'cancelled'] } : {}),
      ...(rnd() < 0.3 ? { integration: [pick(['ozon', '3pl_tracking', 'non_integrated', 'other'] as const)] } : {}),
      ...(rnd() < 0.2 ? { account: ['second-shop'] } : {}),
    },
    search: k % 7 === 0 ? postings[k]!.postingNumber.slice(0, 6 + (k % 5)) : pick(searches),
    sort: rnd() < 0.5 ? 'moneyAtStake' : 'timeLeft',
  }))

  it.each(queries.map((q, k) => [k, q] as const))('query %i gives the same rows, order and facet counts', (_k, q) => {
    const ours = queryInbox(index, q)
    const ref = referenceQuery(postings, q, NOW)
    expect(numbers(ours)).toEqual(ref.numbers)
    const ourWarehouseCounts = Object.fromEntries(ours.facets.warehouse.filter((v) => v.count > 0).map((v) => [v.value, v.count]))
    expect(ourWarehouseCounts).toEqual(ref.warehouseCounts)
  })

  it('the generated data exercises the interesting cases', () => {
    const all = queryInbox(index, { filters: { status: [] } })
    expect(all.summary.overdue).toBeGreaterThan(100)
    expect(all.summary.dueWithinHour).toBeGreaterThan(0)
    expect(all.summary.atCancellationRisk).toBeGreaterThan(0)
    expect(all.rows.filter((r) => r.moneyAtStake > 0).length).toBeGreaterThan(100)
  })
})
