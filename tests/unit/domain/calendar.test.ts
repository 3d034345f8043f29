import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
  businessDayOnOrAfter,
  createWorkingCalendar,
  endOfBusinessDay,
  isBusinessDay,
  isCalendarYearOfficial,
  nextBusinessDay,
} from '../../../shared/domain/calendar'
import { productionCalendarYear, statutoryYear } from '../../../shared/domain/russian-holidays'

const moscow = createWorkingCalendar()
const yekaterinburg = createWorkingCalendar({ timeZone: 'Asia/Yekaterinburg' })

function workingDaysIn(year: number, cal = moscow): number {
  let n = 0
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    if (isBusinessDay(new Date(ms).toISOString().slice(0, 10), cal)) n++
  }
  return n
}

function daysOffBetween(from: string, to: string, cal = moscow): string[] {
  const out: string[] = []
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    const d = new Date(ms).toISOString().slice(0, 10)
    if (!isBusinessDay(d, cal)) out.push(d)
  }
  return out
}

describe('Russian production calendar', () => {
  it('has the official number of working days in 2025 and 2026 (247 each)', () => {
    expect(workingDaysIn(2025)).toBe(247)
    expect(workingDaysIn(2026)).toBe(247)
  })

  it('keeps the New Year holidays 31 Dec 2025 – 11 Jan 2026 free and reopens on Monday 12 January', () => {
    expect(daysOffBetween('2025-12-29', '2026-01-13')).toEqual([
      '2025-12-31',
      '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06',
      '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11',
    ])
    expect(nextBusinessDay('2025-12-30', moscow)).toBe('2026-01-12')
  })

  it('knows the May 2025 holidays: 1–4 and 8–11 May off, 5–7 May worked', () => {
    expect(daysOffBetween('2025-04-30', '2025-05-12')).toEqual([
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04',
      '2025-05-08', '2025-05-09', '2025-05-10', '2025-05-11',
    ])
    expect(nextBusinessDay('2025-04-30', moscow)).toBe('2025-05-05')
    expect(nextBusinessDay('2025-05-07', moscow)).toBe('2025-05-12')
  })

  it('works the transferred Saturday 1 November 2025 and rests on Monday 3 November instead', () => {
    expect(isBusinessDay('2025-11-01', moscow)).toBe(true)
    expect(isBusinessDay('2025-11-03', moscow)).toBe(false)
    expect(nextBusinessDay('2025-10-31', moscow)).toBe('2025-11-01')
    expect(nextBusinessDay('2025-11-01', moscow)).toBe('2025-11-05')
  })

  it('moves a weekend holiday to the next working day by statute (8 March 2026 → 9 March)', () => {
    expect(daysOffBetween('2026-03-06', '2026-03-10')).toEqual(['2026-03-07', '2026-03-08', '2026-03-09'])
  })

  it('matches the 2026 decree: the statute plus its two January moves (3 Jan → 9 Jan, 4 Jan → 31 Dec)', () => {
    const statute = new Set(statutoryYear(2026).daysOff)
    const decree = new Set(productionCalendarYear(2026).daysOff)
    expect([...decree].filter((d) => !statute.has(d)).sort()).toEqual(['2026-01-09', '2026-12-31'])
    expect([...statute].filter((d) => !decree.has(d))).toEqual([])
  })

  it('marks 2027 as not yet official and applies the statute to it (1 May on Saturday → Monday 3 May off)', () => {
    expect(isCalendarYearOfficial(2025)).toBe(true)
    expect(isCalendarYearOfficial(2026)).toBe(true)
    expect(isCalendarYearOfficial(2027)).toBe(false)
    expect(daysOffBetween('2027-04-30', '2027-05-11')).toEqual([
      '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-08', '2027-05-09', '2027-05-10',
    ])
    expect(daysOffBetween('2027-06-11', '2027-06-15')).toEqual(['2027-06-12', '2027-06-13', '2027-06-14'])
    expect(nextBusinessDay('2026-12-30', moscow)).toBe('2027-01-11')
  })

  it('counts business days forward across holidays', () => {
    expect(addBusinessDays('2025-12-29', 0, moscow)).toBe('2025-12-29')
    expect(addBusinessDays('2025-12-29', 2, moscow)).toBe('2026-01-12')
    expect(businessDayOnOrAfter('2026-01-03', moscow)).toBe('2026-01-12')
    expect(businessDayOnOrAfter('2026-01-12', moscow)).toBe('2026-01-12')
    expect(() => addBusinessDays('2026-01-12', -1, moscow)).toThrow(/whole number/)
  })
})

describe('calendar overrides from settings', () => {
  it('can open a day off and close a weekday', () => {
    const cal = createWorkingCalendar({
      overrides: [
        { date: '2026-01-09', working: true },
        { date: '2026-06-08', working: false },
      ],
    })
    expect(nextBusinessDay('2025-12-30', cal)).toBe('2026-01-09')
    expect(isBusinessDay('2026-06-08', cal)).toBe(false)
    expect(nextBusinessDay('2026-06-05', cal)).toBe('2026-06-09')
    // The same dates without overrides, for contrast.
    expect(nextBusinessDay('2025-12-30', moscow)).toBe('2026-01-12')
    expect(nextBusinessDay('2026-06-05', moscow)).toBe('2026-06-08')
  })

  it('refuses bad settings with a message that says what to fix', () => {
    expect(() => createWorkingCalendar({ timeZone: 'Mars/Olympus' })).toThrow(/Unknown time zone "Mars\/Olympus".*IANA/)
    expect(() => createWorkingCalendar({ overrides: [{ date: '2026-02-30', working: true }] })).toThrow(
      /"2026-02-30" is not a calendar date.*YYYY-MM-DD/,
    )
    expect(() => createWorkingCalendar({ overrides: [{ date: '9 Jan', working: true }] })).toThrow(/overrides\.0\.date.*YYYY-MM-DD/)
    expect(() =>
      createWorkingCalendar({
        overrides: [
          { date: '2026-01-09', working: true },
          { date: '2026-01-09', working: false },
        ],
      }),
    ).toThrow(/2026-01-09 is listed twice/)
  })
})

describe('days judged in the warehouse time zone', () => {
  // 19:30 UTC on Friday 5 June 2026 is 22:30 Friday in Moscow (UTC+3) but 00:30 Saturday in Yekaterinburg (UTC+5).
  const fridayNightUtc = new Date('2026-06-05T19:30:00Z')

  it('places an instant on the local date before asking whether it is a business day', () => {
    expect(isBusinessDay(fridayNightUtc, moscow)).toBe(true)
    expect(isBusinessDay(fridayNightUtc, yekaterinburg)).toBe(false)
    expect(nextBusinessDay(fridayNightUtc, moscow)).toBe('2026-06-08')
    expect(nextBusinessDay(new Date('2026-06-04T19:30:00Z'), moscow)).toBe('2026-06-05')
    expect(nextBusinessDay(new Date('2026-06-04T19:30:00Z'), yekaterinburg)).toBe('2026-06-08')
  })

  it('ends a business day at 23:59:59 local time', () => {
    expect(endOfBusinessDay('2026-06-05', moscow).toISOString()).toBe('2026-06-05T20:59:59.000Z')
    expect(endOfBusinessDay('2026-06-05', yekaterinburg).toISOString()).toBe('2026-06-05T18:59:59.000Z')
    // Saturday 7 March 2026 is off, and so are the 8th and the holiday Monday 9th: the end is Tuesday's.
    expect(endOfBusinessDay('2026-03-07', moscow).toISOString()).toBe('2026-03-10T20:59:59.000Z')
  })
})
