// Deterministic, realistic-looking postings in bulk for the inbox tests and the bench: several warehouses,
// carriers and accounts, Cyrillic product names (some with ё), ship-by times around `now`, speed-tariff steps.
import { makePosting } from '../../../shared/domain/fixtures'
import type { Posting, TariffStep } from '../../../shared/domain/posting'

/** mulberry32: a tiny seeded PRNG, so every run sees the same postings. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const WAREHOUSES = [
  { id: '1020000333444000', name: 'Склад Север' },
  { id: '1020000333444100', name: 'Склад Юг' },
  { id: '1020000333444200', name: 'Склад Екатеринбург' },
  { id: '1020000333444300', name: 'Склад Казань' },
  { id: '1020000333444400', name: 'Ёлкин двор' },
]
export const CARRIERS = [
  { id: '24', name: 'Ozon Логистика', integration: 'ozon' },
  { id: '31', name: 'СДЭК', integration: '3pl_tracking' },
  { id: '45', name: 'Почта России', integration: 'hybryd' },
  { id: '52', name: 'Собственная доставка', integration: 'non_integrated' },
  { id: '77', name: 'Деловые Линии', integration: 'aggregator' },
]
const STATUSES: [string, number][] = [
  ['awaiting_packaging', 0.7],
  ['awaiting_deliver', 0.15],
  ['awaiting_approve', 0.04],
  ['delivering', 0.04],
  ['cancelled', 0.05],
  ['awaiting_registration', 0.02],
]
const NOUNS = ['Кружка', 'Футболка', 'Ёлочная игрушка', 'Чехол для телефона', 'Плойка', 'Набор отвёрток', 'Пледик', 'Щётка', 'Кабель USB-C', 'Зарядное устройство']
const ADJECTIVES = ['красная', 'синяя', 'зелёный', 'детская', 'большой', 'мини', 'хлопковая', 'стальной', 'ЁМКАЯ', 'прочная']

export interface GenerateOptions {
  count: number
  now: number
  seed?: number
}

export function generatePostings({ count, now, seed = 42 }: GenerateOptions): Posting[] {
  const rnd = seededRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const postings: Posting[] = []
  for (let i = 0; i < count; i++) {
    const warehouse = pick(WAREHOUSES)
    const carrier = pick(CARRIERS)
    let r = rnd()
    let status = STATUSES[0]![0]
    for (const [s, w] of STATUSES) {
      if ((r -= w) < 0) {
        status = s
        break
      }
    }
    const order = String(10_000_000 + Math.floor(rnd() * 89_999_999))
    const orderNumber = `${order}-${String(1 + Math.floor(rnd() * 999)).padStart(4, '0')}`
    const itemCount = 1 + Math.floor(rnd() * rnd() * 4)
    const items = Array.from({ length: itemCount }, () => {
      const noun = pick(NOUNS)
      const sku = 100_000_000 + Math.floor(rnd() * 899_999_999)
      return {
        sku,
        offerId: `${noun.slice(0, 3).toUpperCase()}-${Math.floor(rnd() * 9000 + 1000)}`,
        name: `${noun} ${pick(ADJECTIVES)} ${Math.floor(rnd() * 500 + 50)} мл`,
        quantity: 1 + Math.floor(rnd() * 3),
        price: { amount: Math.round(100 + rnd() * 9900), currency: 'RUB' },
        requiresMarkingCode: rnd() < 0.1,
      }
    })
    const shipAt = now + Math.round((rnd() * 5 - 2) * 86_400_000 / 60_000) * 60_000
    const steps: TariffStep[] = []
    if (rnd() < 0.6) {
      let t = shipAt - 6 * 3_600_000
      for (const rate of [3, 2, 1]) {
        steps.push({ type: 'discount', ratePercent: rate, charge: null, minCharge: null, deadlineAt: new Date(t).toISOString() })
        t += 3 * 3_600_000
      }
      steps.push({ type: 'no_discount', ratePercent: 0, charge: null, minCharge: null, deadlineAt: new Date(t).toISOString() })
      steps.push({ type: 'commission', ratePercent: 1, charge: null, minCharge: { amount: 50, currency: 'RUB' }, deadlineAt: '9999-12-31T23:59:59.999999900Z' })
    }
    postings.push(
      makePosting({
        accountId: rnd() < 0.8 ? 'main-shop' : 'second-shop',
        postingNumber: `${orderNumber}-${1 + Math.floor(rnd() * 3)}`,
        orderNumber,
        orderId: String(3_000_000_000 + i),
        status,
        warehouse,
        deliveryMethod: { id: `${warehouse.id.slice(0, 12)}${carrier.id.padStart(4, '0')}`, name: `${carrier.name}, ${warehouse.name}` },
        carrier: { id: carrier.id, name: carrier.name },
        integrationType: carrier.integration,
        inProcessAt: new Date(shipAt - Math.round(rnd() * 3 * 86_400_000)).toISOString(),
        shipmentDate: new Date(shipAt).toISOString(),
        items,
        labelBarcodes: { upper: `%101%${900_000_000 + i}`, lower: String(31_415_926_500_000 + i) },
        tariffSteps: steps,
      }),
    )
  }
  return postings
}
