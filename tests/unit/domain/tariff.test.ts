import { describe, expect, it } from 'vitest'
import { makePosting } from '../../../shared/domain/fixtures'
import type { TariffStep } from '../../../shared/domain/posting'
import {
  TARIFF_WORDS,
  formatTariffChange,
  moneyAtStake,
  moneyOnTheClock,
  tariffPhases,
} from '../../../shared/domain/tariff'

const rub = (amount: number) => ({ amount, currency: 'RUB' })
const ms = (iso: string) => Date.parse(iso)
const MSK = 'Europe/Moscow'

// The staircase of Ozon's own /v3/posting/fbs/get example (2026), in the station's model: nothing until
// 09:00 UTC, then a 1 % commission of at least 50 ₽, growing to 100 ₽ and finally 150 ₽ for ever.
const ozonExampleSteps: TariffStep[] = [
  { type: 'no_discount', ratePercent: 0, charge: rub(0), minCharge: null, deadlineAt: '2026-03-31T09:00:00Z' },
  { type: 'commission', ratePercent: 1, charge: rub(50), minCharge: rub(50), deadlineAt: '2026-03-31T21:00:00Z' },
  { type: 'commission', ratePercent: 1, charge: rub(50), minCharge: rub(50), deadlineAt: '2026-04-01T09:00:00Z' },
  { type: 'commission', ratePercent: 2, charge: rub(100), minCharge: rub(100), deadlineAt: '2026-04-01T21:00:00Z' },
  { type: 'commission', ratePercent: 2, charge: rub(100), minCharge: rub(100), deadlineAt: '2026-04-02T09:00:00Z' },
  { type: 'commission', ratePercent: 3, charge: rub(150), minCharge: rub(150), deadlineAt: '9999-12-31T23:59:59.999999900Z' },
]
const ozonExample = makePosting({
  items: [{ sku: 827098843, offerId: 'SK-58', name: 'Плойка 9 мм', quantity: 1, price: rub(1530), requiresMarkingCode: false }],
  tariffSteps: ozonExampleSteps,
})

// A discount staircase without Ozon's amounts: 3 % until 11:00 UTC (14:00 MSK), 2 % until 15:00 UTC, then none.
const discountSteps: TariffStep[] = [
  { type: 'discount', ratePercent: 3, charge: null, minCharge: null, deadlineAt: '2026-06-05T11:00:00Z' },
  { type: 'discount', ratePercent: 2, charge: null, minCharge: null, deadlineAt: '2026-06-05T15:00:00Z' },
  { type: 'no_discount', ratePercent: 0, charge: null, minCharge: null, deadlineAt: '9999-12-31T23:59:59Z' },
]
const discounted = makePosting({ tariffSteps: discountSteps }) // 2 × 499 ₽ = 998 ₽

describe('money on the clock', () => {
  it('before the first step ends: no discount now, "+50 ₽ after 12:00", 50 ₽ at stake', () => {
    const m = moneyOnTheClock(ozonExample, ms('2026-03-31T06:00:00Z'))
    expect(m.current).toMatchObject({ kind: 'neutral', effect: 0 })
    expect(m.next).toMatchObject({ kind: 'surcharge', amount: rub(50), amountSource: 'ozon', effect: -50 })
    expect(m.changesAt?.toISOString()).toBe('2026-03-31T09:00:00.000Z')
    expect(m.atStake).toEqual(rub(50))
    expect(formatTariffChange(m, ms('2026-03-31T06:00:00Z'), MSK, TARIFF_WORDS.en)).toBe('+50 ₽ after 12:00')
    expect(formatTariffChange(m, ms('2026-03-31T06:00:00Z'), MSK, TARIFF_WORDS.ru)).toBe('+50 ₽ после 12:00')
  })

  it('between steps: the surcharge grows from 50 ₽ to 100 ₽ at 12:00 tomorrow', () => {
    const now = ms('2026-03-31T22:00:00Z') // 01:00 on 1 April in Moscow: the 09:00 UTC change is today
    const m = moneyOnTheClock(ozonExample, now)
    expect(m.current?.index).toBe(2)
    expect(m.atStake).toEqual(rub(50))
    expect(formatTariffChange(m, now, MSK, TARIFF_WORDS.en)).toBe('+50 ₽ → +100 ₽ at 12:00')
    const earlier = ms('2026-03-31T12:00:00Z')
    const same = moneyOnTheClock(ozonExample, earlier)
    expect(same.atStake.amount).toBe(0) // 50 ₽ now, 50 ₽ in the next step too
    expect(formatTariffChange(same, earlier, MSK, TARIFF_WORDS.en)).toBe('+50 ₽ → +50 ₽ tomorrow 00:00')
    expect(formatTariffChange(same, earlier, MSK, TARIFF_WORDS.ru)).toBe('+50 ₽ → +50 ₽: завтра 00:00')
    expect(formatTariffChange(same, earlier, MSK, TARIFF_WORDS.zh)).toBe('明天 00:00起 +50₽ → +50₽')
  })

  it('after the last change: the open-ended step never ends, nothing more at stake', () => {
    const m = moneyOnTheClock(ozonExample, ms('2026-04-05T00:00:00Z'))
    expect(m.current).toMatchObject({ index: 5, amount: rub(150), endsAt: null })
    expect(m.next).toBeNull()
    expect(m.changesAt).toBeNull()
    expect(m.atStake.amount).toBe(0)
    expect(formatTariffChange(m, ms('2026-04-05T00:00:00Z'), MSK, TARIFF_WORDS.en)).toBeNull()
  })

  it('discounts shrinking: "−3% → −2% at 14:00", with the stake estimated from the posting value', () => {
    const now = ms('2026-06-05T09:00:00Z')
    const m = moneyOnTheClock(discounted, now)
    expect(m.current).toMatchObject({ kind: 'discount', amount: rub(29.94), amountSource: 'estimated', effect: 29.94 })
    expect(m.next).toMatchObject({ kind: 'discount', amount: rub(19.96) })
    expect(m.atStake).toEqual(rub(9.98)) // 3 % − 2 % of 998 ₽
    expect(formatTariffChange(m, now, MSK, TARIFF_WORDS.en)).toBe('−3% → −2% at 14:00')
    expect(formatTariffChange(m, now, MSK, TARIFF_WORDS.ru)).toBe('−3% → −2% в 14:00')
    expect(formatTariffChange(m, now, MSK, TARIFF_WORDS.zh)).toBe('14:00起 −3% → −2%')
    const later = ms('2026-06-05T12:00:00Z')
    expect(formatTariffChange(moneyOnTheClock(discounted, later), later, MSK, TARIFF_WORDS.en)).toBe('−2% → 0% at 18:00')
    expect(moneyAtStake(discounted, later)).toBe(19.96)
  })

  it("prefers Ozon's own amount over the estimate, and raises estimates to the minimum charge", () => {
    const steps: TariffStep[] = [
      { type: 'discount', ratePercent: 3, charge: rub(1472), minCharge: null, deadlineAt: '2026-06-05T11:00:00Z' },
      { type: 'commission', ratePercent: 1, charge: null, minCharge: rub(50), deadlineAt: '9999-12-31T23:59:59Z' },
    ]
    const m = moneyOnTheClock(makePosting({ tariffSteps: steps }), ms('2026-06-05T10:00:00Z'))
    expect(m.current).toMatchObject({ amount: rub(1472), amountSource: 'ozon' })
    expect(m.next).toMatchObject({ amount: rub(50), amountSource: 'estimated' }) // 1 % of 998 ₽ is below 50 ₽
    expect(m.atStake).toEqual(rub(1522))
    expect(formatTariffChange(m, ms('2026-06-05T10:00:00Z'), MSK, TARIFF_WORDS.en)).toBe('−3% → +1% at 14:00')
  })

  it('orders steps by deadline whatever order they came in, and gives stale data no current step', () => {
    const shuffled = makePosting({ tariffSteps: [discountSteps[2]!, discountSteps[0]!, discountSteps[1]!] })
    expect(tariffPhases(shuffled).map((p) => p.ratePercent)).toEqual([3, 2, 0])
    expect(tariffPhases(shuffled)[1]!.startsAt?.toISOString()).toBe('2026-06-05T11:00:00.000Z')
    const ended = makePosting({ tariffSteps: discountSteps.slice(0, 2) })
    expect(moneyOnTheClock(ended, ms('2026-06-06T00:00:00Z'))).toMatchObject({ current: null, next: null, atStake: { amount: 0 } })
    expect(moneyOnTheClock(makePosting(), ms('2026-06-06T00:00:00Z')).current).toBeNull()
  })

  it('names the broken step when a deadline cannot be read', () => {
    const bad = makePosting({ tariffSteps: [{ ...discountSteps[0]!, deadlineAt: 'soon' }] })
    expect(() => tariffPhases(bad)).toThrow(/tariff step 1 deadline is not a valid time \(soon\)/)
  })
})
