import { describe, expect, it } from 'vitest'
import {
  dayFromLocalDate,
  instantAtLocal,
  localDateFromDay,
  localDateOf,
  localTimeOf,
  offsetAt,
  toMs,
  weekdayOf,
} from '../../../shared/domain/time-zone'

describe('time-zone arithmetic with Intl', () => {
  it('reads offsets of fixed-offset Russian zones', () => {
    const ms = Date.parse('2026-01-15T12:00:00Z')
    expect(offsetAt(ms, 'Europe/Moscow') / 3_600_000).toBe(3)
    expect(offsetAt(ms, 'Asia/Yekaterinburg') / 3_600_000).toBe(5)
    expect(offsetAt(ms, 'Asia/Vladivostok') / 3_600_000).toBe(10)
  })

  it('puts an instant on the local date and wall clock near midnight', () => {
    const t = '2026-06-05T19:30:00Z'
    expect(localDateOf(new Date(t), 'Europe/Moscow')).toBe('2026-06-05')
    expect(localTimeOf(Date.parse(t), 'Europe/Moscow')).toBe('22:30')
    expect(localDateOf(new Date(t), 'Asia/Yekaterinburg')).toBe('2026-06-06')
    expect(localTimeOf(Date.parse(t), 'Asia/Yekaterinburg')).toBe('00:30')
  })

  it('turns a local wall-clock time back into the instant, also across a DST change', () => {
    const day = dayFromLocalDate('2026-06-05')
    expect(new Date(instantAtLocal(day, 0, 'Europe/Moscow')).toISOString()).toBe('2026-06-04T21:00:00.000Z')
    // Berlin leaves summer time on 25 Oct 2026: 02:30 happens twice, the earlier (CEST, UTC+2) is taken.
    const fallBack = dayFromLocalDate('2026-10-25')
    expect(new Date(instantAtLocal(fallBack, 2.5 * 3_600_000, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z')
    // 23:59:59 on that day is already winter time (UTC+1).
    expect(new Date(instantAtLocal(fallBack, 86_399_000, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T22:59:59.000Z')
  })

  it('converts between dates and day numbers and knows the weekday', () => {
    const d = dayFromLocalDate('2025-11-01')
    expect(localDateFromDay(d)).toBe('2025-11-01')
    expect(weekdayOf(d)).toBe(6) // Saturday
    expect(weekdayOf(dayFromLocalDate('2026-06-08'))).toBe(1) // Monday
  })

  it('refuses impossible dates and unreadable times, saying which format is expected', () => {
    expect(() => dayFromLocalDate('2026-13-01')).toThrow(/YYYY-MM-DD/)
    expect(() => dayFromLocalDate('01.06.2026')).toThrow(/YYYY-MM-DD/)
    expect(() => toMs('yesterday', 'shipmentDate')).toThrow(/shipmentDate is not a valid time/)
    expect(toMs('9999-12-31T23:59:59.999999900Z', 'deadline')).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999))
  })
})
