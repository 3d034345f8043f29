// The posting schema folds Ozon's wire variants into one normalised shape.
import { describe, expect, it } from 'vitest'
import { OzonPosting } from '../../../electron/ozon/index'
import { parseJsonLossless, quoteLongIntegers } from '../../../electron/ozon/json'
import { V4ListWire } from '../../../electron/ozon/schemas/lists'

const v3 = {
  posting_number: '41257303-0007-1',
  order_id: 3100012345,
  order_number: '41257303-0007',
  parent_posting_number: '',
  status: 'awaiting_packaging',
  substatus: 'posting_created',
  delivery_method: { id: 1020000333444000, name: 'Ozon Логистика', warehouse_id: '1020000333444000', warehouse: 'Склад Север', tpl_provider_id: 24, tpl_provider: 'Ozon Логистика' },
  tracking_number: '',
  tpl_integration_type: 'ozon',
  in_process_at: '2025-06-02T08:15:00Z',
  shipment_date: '2025-06-03T10:00:00Z',
  delivering_date: null,
  products: [{ sku: 987654321, offer_id: 'MUG-RED-350', name: 'Кружка', quantity: 2, price: '499.0000', currency_code: 'RUB' }],
  barcodes: null,
  requirements: { products_requiring_mandatory_mark: ['987654321'], products_requiring_gtd: [] },
  tariffication: [],
  tariffication_steps: [{ tariff_type: 'commission', tariff_rate: '2', tariff_charge: 50, min_charge: null, tariff_deadline_at: '2025-06-04T10:00:00Z', currency_code: 'RUB' }],
  some_future_field: { x: 1 },
}

describe('OzonPosting', () => {
  it('normalises a v3 posting', () => {
    const p = OzonPosting.parse(v3)
    expect(p.products[0]!.price).toEqual({ amount: 499, currency: 'RUB' })
    expect(p.delivery_method).toMatchObject({ id: '1020000333444000', warehouse_id: '1020000333444000', tpl_provider_id: '24' })
    expect(p.order_id).toBe('3100012345')
    expect(p.requirements.products_requiring_mandatory_mark).toEqual([987654321])
    expect(p.requirements.products_requiring_imei).toEqual([])
    expect(p.tariffication_steps).toEqual([{ tariff_type: 'commission', tariff_rate: 2, tariff_charge: { amount: 50, currency: 'RUB' }, min_charge: null, tariff_deadline_at: '2025-06-04T10:00:00Z' }])
    expect([p.barcodes, p.analytics_data, p.customer, p.product_exemplars, p.related_postings, p.tariffication]).toEqual([null, null, null, null, null, null])
    expect(p.available_actions).toEqual([])
    expect('some_future_field' in p).toBe(false)
  })

  it('normalises a v4 posting (price and charges as objects with string amounts)', () => {
    const p = OzonPosting.parse({
      ...v3,
      products: [{ sku: '987654321', offer_id: 'MUG-RED-350', name: 'Кружка', quantity: 1, price: { amount: '1530', currency: 'BYN' } }],
      tariffication: { current_tariff_rate: 0 },
      tariffication_steps: [{ tariff_type: 'discount', tariff_rate: 3, tariff_charge: { amount: '0', currency: 'RUB' }, min_charge: { amount: '10.5', currency: 'RUB' }, tariff_deadline_at: 'x' }],
      available_actions: ['ship'],
    })
    expect(p.products[0]).toMatchObject({ sku: 987654321, price: { amount: 1530, currency: 'BYN' } })
    expect(p.tariffication_steps[0]!.min_charge).toEqual({ amount: 10.5, currency: 'RUB' })
    expect(p.tariffication).toEqual({ current_tariff_rate: 0 })
    expect(p.available_actions).toEqual(['ship'])
  })

  it('names the broken field when a posting cannot be read', () => {
    const r = OzonPosting.safeParse({ ...v3, products: [{ ...v3.products[0], quantity: 'two' }] })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.path).toEqual(['products', 0, 'quantity'])
  })
})

describe('v4 list wrapper', () => {
  it('reads both the top-level and the result-wrapped answer', () => {
    const page = { postings: [v3], cursor: 'abc', has_next: true, count: 7 }
    expect(V4ListWire.parse(page)).toMatchObject({ cursor: 'abc', has_next: true, count: 7 })
    expect(V4ListWire.parse({ result: page })).toMatchObject({ cursor: 'abc', has_next: true, count: 7 })
    expect(V4ListWire.parse({ result: page }).postings).toHaveLength(1)
  })
})

describe('lossless JSON', () => {
  it('keeps int64 ids beyond 2^53 exact, leaves strings and decimals alone', () => {
    const text = '{"id": 9223372036854775807, "small": 1020000333444000, "s": "12345678901234567890", "d": 0.12345678901234567890, "n": [-12345678901234567]}'
    const v = parseJsonLossless(text) as Record<string, unknown>
    expect(v.id).toBe('9223372036854775807')
    expect(v.small).toBe(1020000333444000)
    expect(v.s).toBe('12345678901234567890')
    expect(typeof v.d).toBe('number')
    expect(v.n).toEqual(['-12345678901234567'])
    expect(quoteLongIntegers('{"a":"x\\"1234567890123456789"}')).toBe('{"a":"x\\"1234567890123456789"}')
  })

  it('draws the line at 2^53 − 1 for 16-digit ids', () => {
    const v = parseJsonLossless('{"max": 9007199254740991, "above": 9007199254740993, "neg": -9007199254740993, "ozon": [1020000333444000, 9000000000000001]}') as Record<string, unknown>
    expect(v.max).toBe(9007199254740991)
    expect(v.above).toBe('9007199254740993')
    expect(v.neg).toBe('-9007199254740993')
    expect(v.ozon).toEqual([1020000333444000, 9000000000000001])
  })
})
