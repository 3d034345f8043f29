// The words on a row's clock on fixed dates (Moscow warehouse): countdown, ship-by, cancellation risk, money on
// the clock, preparation limit, packed time — computed from the posting and the time, so they tick without a query.
import { describe, expect, it } from 'vitest'
import type { InboxRowInfo } from '../../shared/contract'
import { makePosting } from '../../shared/domain/fixtures'
import { localTime, rowClock } from '../../renderer/src/components/inbox/clock-text'

const MSK = 'Europe/Moscow'
const at = (iso: string) => Date.parse(iso)
const info = (over: Partial<InboxRowInfo> = {}): InboxRowInfo => ({
  accountId: 'demo',
  postingNumber: '41257303-0007-1',
  cancellationAt: null,
  moneyAtStake: 0,
  preparation: null,
  packedAt: null,
  ...over,
})

describe('row clock', () => {
  // Ship by 13:00 Moscow on Wednesday 3 June 2026.
  const posting = makePosting({ shipmentDate: '2026-06-03T10:00:00Z' })

  it('counts down to the ship-by time in the warehouse zone', () => {
    const c = rowClock(posting, info(), at('2026-06-03T09:15:00Z'), MSK, 'ru')
    expect(c).toMatchObject({ urgency: 'within_hour', countdown: 'через 45 мин', shipBy: '13:00', cancellation: null })
    expect(rowClock(posting, info(), at('2026-06-02T09:00:00Z'), MSK, 'en')).toMatchObject({ urgency: 'later', countdown: 'due in 1 d 1 h', shipBy: 'tomorrow 13:00' })
    expect(rowClock(posting, info(), at('2026-06-03T06:40:00Z'), MSK, 'zh').countdown).toBe('3小时20分钟后到期')
  })

  it('once late, says by how much (whole units beyond an hour) and when Ozon cancels', () => {
    const cancel = info({ cancellationAt: '2026-06-04T20:59:59.000Z' }) // Thursday 23:59:59 Moscow
    expect(rowClock(posting, cancel, at('2026-06-03T10:20:00Z'), MSK, 'ru')).toMatchObject({ urgency: 'overdue', countdown: 'просрочено на 20 мин', cancellation: 'завтра 23:59' })
    expect(rowClock(posting, cancel, at('2026-06-03T12:35:00Z'), MSK, 'ru').countdown).toBe('просрочено на 2 ч')
    expect(rowClock(posting, cancel, at('2026-06-04T12:00:00Z'), MSK, 'en')).toMatchObject({ countdown: 'overdue 1 d', cancellation: 'today 23:59' })
    // Not overdue yet: the cancellation time is known but not shown.
    expect(rowClock(posting, cancel, at('2026-06-03T09:00:00Z'), MSK, 'ru').cancellation).toBeNull()
  })

  it('shows what changes at the next tariff step and what is at stake', () => {
    const tariffed = makePosting({
      shipmentDate: '2026-06-03T10:00:00Z',
      tariffSteps: [
        { type: 'discount', ratePercent: 3, charge: null, minCharge: null, deadlineAt: '2026-06-03T11:00:00Z' },
        { type: 'discount', ratePercent: 2, charge: null, minCharge: null, deadlineAt: '2026-06-03T15:00:00Z' },
        { type: 'commission', ratePercent: 1, charge: { amount: 50, currency: 'RUB' }, minCharge: null, deadlineAt: '9999-12-31T23:59:59Z' },
      ],
    })
    // 998 ₽ of goods: −3 % keeps 29.94 ₽, −2 % keeps 19.96 ₽ — 9.98 ₽ at stake until 14:00.
    expect(rowClock(tariffed, info(), at('2026-06-03T08:00:00Z'), MSK, 'ru')).toMatchObject({ tariff: '−3% → −2% в 14:00', atStake: '9.98 ₽' })
    expect(rowClock(tariffed, info(), at('2026-06-02T08:00:00Z'), MSK, 'en').tariff).toBe('−3% → −2% tomorrow 14:00')
    expect(rowClock(tariffed, info(), at('2026-06-03T12:00:00Z'), MSK, 'en')).toMatchObject({ tariff: '−2% → +50 ₽ at 18:00', atStake: '69.96 ₽' })
    expect(rowClock(tariffed, info(), at('2026-06-04T12:00:00Z'), MSK, 'en')).toMatchObject({ tariff: null, atStake: null })
  })

  it('stops the clock once packed and shows when; warns when the preparation limit has passed', () => {
    const packed = makePosting({ status: 'awaiting_deliver' })
    expect(rowClock(packed, info({ packedAt: '2026-06-03T07:05:00Z' }), at('2026-06-03T09:00:00Z'), MSK, 'ru')).toMatchObject({ urgency: null, countdown: null, packedAt: '10:05', tariff: null })
    const limit = info({ preparation: { stage: 'packing', limitAt: '2026-06-07T08:15:00.000Z', exceeded: false, sinceApproximate: false } })
    expect(rowClock(posting, limit, at('2026-06-07T08:14:00Z'), MSK, 'ru').limitExceeded).toBe(false)
    expect(rowClock(posting, limit, at('2026-06-07T08:16:00Z'), MSK, 'ru').limitExceeded).toBe(true)
  })

  it('says when data was taken as a clock time, with the date when it was not today', () => {
    expect(localTime('2026-06-03T09:40:00Z', MSK, 'ru', at('2026-06-03T10:00:00Z'))).toBe('12:40')
    expect(localTime('2026-06-02T09:40:00Z', MSK, 'en', at('2026-06-03T10:00:00Z'))).toBe('02.06 12:40')
    expect(localTime('not a time', MSK, 'en', at('2026-06-03T10:00:00Z'))).toBe('not a time')
  })
})
