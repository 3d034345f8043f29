// A realistic posting for unit tests of pure domain logic (no Ozon, no store). Override what a test needs.
import type { Posting } from './posting'

export function makePosting(overrides: Partial<Posting> = {}): Posting {
  return {
    accountId: 'demo',
    postingNumber: '41257303-0007-1',
    orderNumber: '41257303-0007',
    orderId: '3100012345',
    parentPostingNumber: '',
    status: 'awaiting_packaging',
    substatus: 'posting_created',
    warehouse: { id: '1020000333444000', name: 'Склад Север' },
    deliveryMethod: { id: '1020000333444001', name: 'Ozon Логистика, Склад Север' },
    carrier: { id: '24', name: 'Ozon Логистика' },
    integrationType: 'ozon',
    trackingNumber: '',
    inProcessAt: '2026-06-02T08:15:00Z',
    shipmentDate: '2026-06-03T10:00:00Z',
    shipmentDateWithoutDelay: null,
    deliveringDate: null,
    items: [
      {
        sku: 987654321,
        offerId: 'MUG-RED-350',
        name: 'Кружка красная 350 мл',
        quantity: 2,
        price: { amount: 499, currency: 'RUB' },
        requiresMarkingCode: false,
      },
    ],
    labelBarcodes: { upper: '%101%912345678', lower: '31415926500000' },
    isMultibox: false,
    multiBoxQty: 1,
    isExpress: false,
    availableActions: ['cancel', 'product_cancel', 'ship'],
    tariffSteps: [],
    cancellation: null,
    syncedAt: '2026-06-02T09:00:00Z',
    ...overrides,
  }
}
