// The warehouse's working calendar: Russian weekends, public holidays and moved days off (russian-holidays.ts),
// corrected by the seller's overrides from settings, judged in the warehouse's time zone. Ozon cancels an
// overdue posting "at the end of the next business day", so every deadline question ends up here.
import { z } from 'zod'
import { productionCalendarYear } from './russian-holidays'
import {
  DEFAULT_TIME_ZONE,
  assertTimeZone,
  dayFromLocalDate,
  instantAtLocal,
  localDateFromDay,
  localDayOf,
  weekdayOf,
  type DayNumber,
  type LocalDate,
} from './time-zone'

/** One corrected day from settings: e.g. the warehouse works a holiday, or closes on a weekday. */
export const CalendarOverride = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD, e.g. 2026-01-09'),
  working: z.boolean(),
})
export type CalendarOverride = z.infer<typeof CalendarOverride>

/** Calendar part of the warehouse settings. */
export const CalendarSettings = z.object({
  timeZone: z.string().default(DEFAULT_TIME_ZONE),
  overrides: z.array(CalendarOverride).default([]),
})
export type CalendarSettings = z.input<typeof CalendarSettings>

export interface WorkingCalendar {
  readonly timeZone: string
  readonly overrides: readonly CalendarOverride[]
  /** Day number → working? for every override; consulted before the production calendar. */
  readonly overrideByDay: ReadonlyMap<DayNumber, boolean>
}

/** Builds a calendar from settings; a bad zone or override date is refused with a message saying what to fix. */
export function createWorkingCalendar(settings: CalendarSettings = {}): WorkingCalendar {
  const parsed = CalendarSettings.safeParse(settings)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`Calendar settings: ${issue?.path.join('.') || 'value'} — ${issue?.message ?? 'invalid'}.`)
  }
  const { timeZone, overrides } = parsed.data
  assertTimeZone(timeZone)
  const overrideByDay = new Map<DayNumber, boolean>()
  for (const o of overrides) {
    let day: DayNumber
    try {
      day = dayFromLocalDate(o.date)
    } catch (err) {
      throw new Error(`Calendar override: ${(err as Error).message}`)
    }
    if (overrideByDay.has(day) && overrideByDay.get(day) !== o.working) {
      throw new Error(`Calendar override ${o.date} is listed twice, once working and once not: keep one.`)
    }
    overrideByDay.set(day, o.working)
  }
  return { timeZone, overrides, overrideByDay }
}

/** Day number → is it worked by law (decree, or statute where no decree is recorded), before overrides. */
const statutoryCache = new Map<number, { off: Set<DayNumber>; worked: Set<DayNumber> }>()

function yearExceptions(year: number) {
  let y = statutoryCache.get(year)
  if (!y) {
    const data = productionCalendarYear(year)
    y = { off: new Set(data.daysOff.map(dayFromLocalDate)), worked: new Set(data.workingWeekends.map(dayFromLocalDate)) }
    statutoryCache.set(year, y)
  }
  return y
}

function yearOfDay(day: DayNumber): number {
  return new Date(day * 86_400_000).getUTCFullYear()
}

/** Is local day `day` a business day on this calendar? (Day-number form, for hot loops.) */
export function isBusinessDayNumber(day: DayNumber, cal: WorkingCalendar): boolean {
  const override = cal.overrideByDay.get(day)
  if (override !== undefined) return override
  const { off, worked } = yearExceptions(yearOfDay(day))
  if (worked.has(day)) return true
  if (off.has(day)) return false
  const wd = weekdayOf(day)
  return wd !== 0 && wd !== 6
}

/** The first business day strictly after `day`. */
export function nextBusinessDayNumber(day: DayNumber, cal: WorkingCalendar): DayNumber {
  // The longest run of days off in Russia is the New Year holidays (12 days); a year bounds typos in overrides.
  for (let d = day + 1; d <= day + 366; d++) if (isBusinessDayNumber(d, cal)) return d
  throw new Error(`No business day within a year after ${localDateFromDay(day)}: check the calendar overrides.`)
}

/**
 * A date is either a local calendar date 'YYYY-MM-DD' (taken as is) or an instant (Date), which is first
 * placed on the warehouse's local calendar: 21:30 UTC on Friday is already Saturday in Moscow.
 */
export type CalendarDateInput = LocalDate | Date

function toDay(date: CalendarDateInput, cal: WorkingCalendar): DayNumber {
  if (date instanceof Date) {
    if (!Number.isFinite(date.getTime())) throw new Error('Calendar: the date given is an invalid Date.')
    return localDayOf(date.getTime(), cal.timeZone)
  }
  return dayFromLocalDate(date)
}

export function isBusinessDay(date: CalendarDateInput, cal: WorkingCalendar): boolean {
  return isBusinessDayNumber(toDay(date, cal), cal)
}

/** The first business day strictly after `date`, as 'YYYY-MM-DD'. */
export function nextBusinessDay(date: CalendarDateInput, cal: WorkingCalendar): LocalDate {
  return localDateFromDay(nextBusinessDayNumber(toDay(date, cal), cal))
}

/** `date` itself if it is a business day, else the next one. */
export function businessDayOnOrAfter(date: CalendarDateInput, cal: WorkingCalendar): LocalDate {
  const day = toDay(date, cal)
  return localDateFromDay(isBusinessDayNumber(day, cal) ? day : nextBusinessDayNumber(day, cal))
}

/** Counts `n` business days forward from `date` (n = 0 gives `date` itself, business day or not). */
export function addBusinessDays(date: CalendarDateInput, n: number, cal: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addBusinessDays: n must be a whole number ≥ 0, got ${n}.`)
  let day = toDay(date, cal)
  for (let i = 0; i < n; i++) day = nextBusinessDayNumber(day, cal)
  return localDateFromDay(day)
}

/** 23:59:59 local time on `day`: Ozon's "end of the day". */
export function endOfLocalDayNumber(day: DayNumber, cal: WorkingCalendar): number {
  return instantAtLocal(day, 86_399_000, cal.timeZone)
}

/**
 * End (23:59:59 local) of the business day `date` falls on; when `date` is not a business day, of the next
 * one — the moment a "by the end of the business day" rule runs out.
 */
export function endOfBusinessDay(date: CalendarDateInput, cal: WorkingCalendar): Date {
  const day = dayFromLocalDate(businessDayOnOrAfter(date, cal))
  return new Date(endOfLocalDayNumber(day, cal))
}

/** Whether the law behind `year` is a signed decree (true) or only the statute (false: show "not yet official"). */
export function isCalendarYearOfficial(year: number): boolean {
  return productionCalendarYear(year).official
}
