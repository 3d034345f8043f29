import { describe, expect, it } from 'vitest'
import { createWorkingCalendar } from '../../../shared/domain/calendar'
import {
  DAY_WORDS,
  TIME_LEFT_WORDS,
  cancellationDeadline,
  formatCancellationRisk,
  formatRelativeDay,
  formatTimeLeft,
  parsePreparationLimits,
  postingClock,
  preparationCheck,
  relativeDay,
  timeLeft,
  urgencyOf,
} from '../../../shared/domain/deadlines'
import { makePosting } from '../../../shared/domain/fixtures'

const moscow = createWorkingCalendar()
const yekaterinburg = createWorkingCalendar({ timeZone: 'Asia/Yekaterinburg' })
const ms = (iso: string) => Date.parse(iso)

describe('time left before shipmentDate', () => {
  const ship = '2026-06-05T12:00:00Z'

  it('reads as "due in 45 min" and "overdue 2 h" in English, Russian and Chinese', () => {
    const due = timeLeft(ship, ms('2026-06-05T11:15:00Z'))
    expect(due).toMatchObject({ overdue: false, ms: 45 * 60_000, parts: [{ value: 45, unit: 'min' }] })
    expect(formatTimeLeft(due, TIME_LEFT_WORDS.en)).toBe('due in 45 min')
    expect(formatTimeLeft(due, TIME_LEFT_WORDS.ru)).toBe('через 45 мин')
    expect(formatTimeLeft(due, TIME_LEFT_WORDS.zh)).toBe('45分钟后到期')

    const late = timeLeft(ship, ms('2026-06-05T14:00:00Z'))
    expect(late).toMatchObject({ overdue: true, parts: [{ value: 2, unit: 'h' }] })
    expect(formatTimeLeft(late, TIME_LEFT_WORDS.en)).toBe('overdue 2 h')
    expect(formatTimeLeft(late, TIME_LEFT_WORDS.ru)).toBe('просрочено на 2 ч')
    expect(formatTimeLeft(late, TIME_LEFT_WORDS.zh)).toBe('已逾期2小时')
  })

  it('rounds due times up and late times down, and shows two units at most', () => {
    expect(formatTimeLeft(timeLeft(ship, ms('2026-06-05T11:59:30Z')), TIME_LEFT_WORDS.en)).toBe('due in 1 min')
    expect(formatTimeLeft(timeLeft(ship, ms('2026-06-05T12:00:00Z')), TIME_LEFT_WORDS.en)).toBe('overdue 1 min')
    expect(formatTimeLeft(timeLeft(ship, ms('2026-06-05T14:59:59Z')), TIME_LEFT_WORDS.en)).toBe('overdue 2 h 59 min')
    expect(formatTimeLeft(timeLeft(ship, ms('2026-06-05T10:40:00Z')), TIME_LEFT_WORDS.en)).toBe('due in 1 h 20 min')
    expect(formatTimeLeft(timeLeft(ship, ms('2026-06-02T08:00:00Z')), TIME_LEFT_WORDS.ru)).toBe('через 3 д 4 ч')
  })
})

describe('urgency', () => {
  it('sorts a posting into overdue / within the hour / today / later', () => {
    const ship = ms('2026-06-05T15:00:00Z') // 18:00 in Moscow
    expect(urgencyOf(ship, ms('2026-06-05T15:00:00Z'), 'Europe/Moscow')).toBe('overdue')
    expect(urgencyOf(ship, ms('2026-06-05T14:00:00Z'), 'Europe/Moscow')).toBe('within_hour')
    expect(urgencyOf(ship, ms('2026-06-05T06:00:00Z'), 'Europe/Moscow')).toBe('today')
    expect(urgencyOf(ship, ms('2026-06-04T15:00:00Z'), 'Europe/Moscow')).toBe('later')
  })

  it('judges "today" on the warehouse clock: 23:30 in Moscow is already tomorrow in Yekaterinburg', () => {
    const ship = ms('2026-06-05T20:30:00Z')
    const now = ms('2026-06-05T10:00:00Z')
    expect(urgencyOf(ship, now, 'Europe/Moscow')).toBe('today')
    expect(urgencyOf(ship, now, 'Asia/Yekaterinburg')).toBe('later')
  })
})

describe('cancellation of an overdue posting', () => {
  it('overdue on Friday evening → cancelled at the end of Monday', () => {
    const at = cancellationDeadline('2026-06-05T16:00:00Z', moscow) // Fri 19:00 MSK
    expect(at.toISOString()).toBe('2026-06-08T20:59:59.000Z') // Mon 23:59:59 MSK
  })

  it('…or of Tuesday when Monday is a holiday (9 March 2026)', () => {
    expect(cancellationDeadline('2026-03-06T15:00:00Z', moscow).toISOString()).toBe('2026-03-10T20:59:59.000Z')
  })

  it('a worked Saturday counts: overdue Friday 31 Oct 2025 → cancelled Saturday 1 Nov 23:59', () => {
    expect(cancellationDeadline('2025-10-31T16:00:00Z', moscow).toISOString()).toBe('2025-11-01T20:59:59.000Z')
  })

  it('spans the New Year holidays: overdue 30 Dec 2025 → cancelled 12 Jan 2026, or 9 Jan with an override', () => {
    expect(cancellationDeadline('2025-12-30T12:00:00Z', moscow).toISOString()).toBe('2026-01-12T20:59:59.000Z')
    const worksOnNinth = createWorkingCalendar({ overrides: [{ date: '2026-01-09', working: true }] })
    expect(cancellationDeadline('2025-12-30T12:00:00Z', worksOnNinth).toISOString()).toBe('2026-01-09T20:59:59.000Z')
  })

  it('depends on the warehouse zone near midnight: Thu 23:30 Moscow is Fri 01:30 Yekaterinburg', () => {
    const ship = '2026-06-04T20:30:00Z'
    expect(cancellationDeadline(ship, moscow).toISOString()).toBe('2026-06-05T20:59:59.000Z') // Fri 23:59:59 MSK
    expect(cancellationDeadline(ship, yekaterinburg).toISOString()).toBe('2026-06-08T18:59:59.000Z') // Mon 23:59:59 YEKT
  })

  it('is shown as "cancellation risk: tomorrow 23:59" with the day relative to now', () => {
    const posting = makePosting({ shipmentDate: '2026-06-05T16:00:00Z' })
    const sunday = postingClock(posting, ms('2026-06-07T09:00:00Z'), moscow)
    expect(sunday.urgency).toBe('overdue')
    expect(sunday.cancellation?.day).toMatchObject({ kind: 'tomorrow', date: '2026-06-08', time: '23:59', weekday: 1 })
    expect(formatCancellationRisk(sunday.cancellation!, DAY_WORDS.en)).toBe('cancellation risk: tomorrow 23:59')
    expect(formatCancellationRisk(sunday.cancellation!, DAY_WORDS.ru)).toBe('риск отмены: завтра 23:59')
    expect(formatCancellationRisk(sunday.cancellation!, DAY_WORDS.zh)).toBe('取消风险：明天 23:59')

    const saturday = postingClock(posting, ms('2026-06-06T09:00:00Z'), moscow)
    expect(formatCancellationRisk(saturday.cancellation!, DAY_WORDS.en)).toBe('cancellation risk: Mon 23:59')
    const monday = postingClock(posting, ms('2026-06-08T09:00:00Z'), moscow)
    expect(formatCancellationRisk(monday.cancellation!, DAY_WORDS.ru)).toBe('риск отмены: сегодня 23:59')
  })

  it('has no cancellation risk before the deadline or once the posting is packed', () => {
    const posting = makePosting({ shipmentDate: '2026-06-05T16:00:00Z' })
    expect(postingClock(posting, ms('2026-06-05T15:00:00Z'), moscow)).toMatchObject({ urgency: 'within_hour', cancellation: null })
    const packed = postingClock({ ...posting, status: 'awaiting_deliver' }, ms('2026-06-06T09:00:00Z'), moscow)
    expect(packed.urgency).toBeNull()
    expect(packed.cancellation).toBeNull()
    expect(packed.timeLeft.overdue).toBe(true)
  })
})

describe('relative day labels', () => {
  it('names far days by date, in each language', () => {
    const r = relativeDay(ms('2026-05-12T20:59:59Z'), ms('2026-05-01T09:00:00Z'), 'Europe/Moscow')
    expect(r).toMatchObject({ kind: 'date', date: '2026-05-12', daysAhead: 11 })
    expect(formatRelativeDay(r, DAY_WORDS.ru)).toBe('12.05 23:59')
    expect(formatRelativeDay(r, DAY_WORDS.zh)).toBe('5月12日 23:59')
    const past = relativeDay(ms('2026-04-30T10:00:00Z'), ms('2026-05-01T09:00:00Z'), 'Europe/Moscow')
    expect(past).toMatchObject({ kind: 'date', daysAhead: -1 })
  })
})

describe('preparation limits', () => {
  const posting = makePosting({ inProcessAt: '2026-06-01T08:00:00Z' })

  it('defaults to 5 calendar days to pack and warns once a posting exceeds them', () => {
    const before = preparationCheck(posting, ms('2026-06-06T07:59:00Z'), moscow)
    expect(before).toMatchObject({ stage: 'packing', exceeded: false })
    expect(before!.limitAt.toISOString()).toBe('2026-06-06T08:00:00.000Z')
    expect(preparationCheck(posting, ms('2026-06-06T08:01:00Z'), moscow)!.exceeded).toBe(true)
  })

  it('counts business-day limits to the end of the N-th business day, skipping holidays', () => {
    const limits = parsePreparationLimits({ handover: { days: 9, unit: 'business' } })
    const packed = makePosting({ status: 'awaiting_deliver', inProcessAt: '2025-12-26T08:00:00Z' })
    const check = preparationCheck(packed, ms('2026-01-20T12:00:00Z'), moscow, limits, '2025-12-29T09:00:00Z')
    // After Mon 29 Dec: 30 Dec, then 12, 13, 14, 15, 16, 19, 20, 21 Jan — the ninth business day is 21 Jan.
    expect(check).toMatchObject({ stage: 'handover', sinceApproximate: false, exceeded: false })
    expect(check!.limitAt.toISOString()).toBe('2026-01-21T20:59:59.000Z')
    expect(preparationCheck(packed, ms('2026-01-22T06:00:00Z'), moscow, limits, '2025-12-29T09:00:00Z')!.exceeded).toBe(true)
  })

  it('says when the hand-over clock start is a stand-in, and has no limit for finished postings', () => {
    const packed = makePosting({ status: 'awaiting_deliver' })
    expect(preparationCheck(packed, ms('2026-06-03T00:00:00Z'), moscow)).toMatchObject({ sinceApproximate: true })
    expect(preparationCheck(makePosting({ status: 'cancelled' }), ms('2026-06-03T00:00:00Z'), moscow)).toBeNull()
    expect(preparationCheck(makePosting({ status: 'delivering' }), ms('2026-06-03T00:00:00Z'), moscow)).toBeNull()
  })

  it('refuses nonsense limits with what to fix', () => {
    expect(() => parsePreparationLimits({ packing: { days: 0, unit: 'calendar' } })).toThrow(/packing\.days: at least 1 day/)
    expect(() => parsePreparationLimits({ packing: { days: 2.5, unit: 'calendar' } })).toThrow(/whole number/)
    expect(() => parsePreparationLimits({ handover: { days: 9, unit: 'weeks' } })).toThrow(/handover\.unit/)
    expect(parsePreparationLimits(undefined)).toEqual({ packing: { days: 5, unit: 'calendar' }, handover: { days: 9, unit: 'business' } })
  })
})
