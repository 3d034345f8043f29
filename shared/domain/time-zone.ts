// Wall-clock arithmetic in a warehouse's time zone, with `Intl` only (no tz library): Ozon gives every time in
// UTC, while "today", "tomorrow 23:59" and business days are judged on the warehouse's local calendar.
//
// Local dates travel as 'YYYY-MM-DD' strings (LocalDate) at the edges and as day numbers (days since 1970-01-01,
// DayNumber) inside, because day numbers make "next day" and "weekday" plain integer arithmetic.

export type LocalDate = string
export type DayNumber = number

export const DEFAULT_TIME_ZONE = 'Europe/Moscow'

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 86_400_000
/** Offsets are cached per quarter hour: every modern zone changes its offset on a 15-minute boundary of UTC. */
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsetCache = new Map<string, Map<number, number>>()

/** Throws a readable error unless `timeZone` is an IANA zone this runtime knows (e.g. 'Europe/Moscow'). */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone)
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new Error(
        `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Moscow" or "Asia/Yekaterinburg".`,
      )
    }
    formatters.set(timeZone, f)
  }
  return f
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (Moscow: +3 h). */
export function offsetAt(ms: number, timeZone: string): number {
  let perZone = offsetCache.get(timeZone)
  if (!perZone) {
    perZone = new Map()
    offsetCache.set(timeZone, perZone)
  }
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS)
  let offset = perZone.get(bucket)
  if (offset === undefined) {
    offset = measureOffset(bucket * OFFSET_BUCKET_MS, timeZone)
    if (perZone.size > 50_000) perZone.clear() // keeps a long-running station's memory bounded
    perZone.set(bucket, offset)
  }
  return offset
}

function measureOffset(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms))
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - ms
}

/** The local day (as a day number) that instant `ms` falls on in `timeZone`. */
export function localDayOf(ms: number, timeZone: string): DayNumber {
  return Math.floor((ms + offsetAt(ms, timeZone)) / MS_PER_DAY)
}

/** Minutes since local midnight at instant `ms`. */
export function localMinuteOfDay(ms: number, timeZone: string): number {
  const local = ms + offsetAt(ms, timeZone)
  return Math.floor((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE)
}

/** 'HH:MM' local wall-clock time of instant `ms`. */
export function localTimeOf(ms: number, timeZone: string): string {
  const m = localMinuteOfDay(ms, timeZone)
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`
}

/**
 * The instant at which the wall clock in `timeZone` shows `msIntoDay` after midnight of local `day`.
 * In a DST gap or overlap (not in Russia since 2014, but other zones have them) the earlier reading wins.
 */
export function instantAtLocal(day: DayNumber, msIntoDay: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + msIntoDay
  // Offsets in force a day before and a day after: at most one transition lies between them, so the answer
  // uses one of the two. A candidate is right when the zone's own offset at it maps it back to `wall`.
  const before = wall - offsetAt(wall - MS_PER_DAY, timeZone)
  const after = wall - offsetAt(wall + MS_PER_DAY, timeZone)
  const fits = (t: number) => t + offsetAt(t, timeZone) === wall
  if (fits(before) && fits(after)) return Math.min(before, after)
  if (fits(before)) return before
  if (fits(after)) return after
  return before // a wall time skipped by a DST gap: the instant the clock jumped over it
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** 'YYYY-MM-DD' → day number; throws a readable error for anything that is not a real calendar date. */
export function dayFromLocalDate(date: LocalDate): DayNumber {
  const m = LOCAL_DATE.exec(date)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const ms = Date.UTC(y, mo - 1, d)
    const back = new Date(ms)
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / MS_PER_DAY
    }
  }
  throw new Error(`"${date}" is not a calendar date: write it as YYYY-MM-DD, e.g. 2026-01-09.`)
}

export function localDateFromDay(day: DayNumber): LocalDate {
  const d = new Date(day * MS_PER_DAY)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

/** Local date of an instant in `timeZone`. */
export function localDateOf(instant: Date | number, timeZone: string): LocalDate {
  return localDateFromDay(localDayOf(toMs(instant, 'instant'), timeZone))
}

/** Parses an ISO instant (Ozon's UTC strings, a Date or epoch ms) with an error that names the field. */
export function toMs(value: Date | number | string, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) {
    throw new Error(`${what} is not a valid time (${String(value)}): expected an ISO UTC string like 2026-06-03T10:00:00Z.`)
  }
  return ms
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
