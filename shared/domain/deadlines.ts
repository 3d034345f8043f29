// The packer's clock for one posting: how long until `shipmentDate` (or how late it is), how urgent that is,
// when Ozon cancels it once overdue, and whether it has outstayed the warehouse's preparation limit.
// Pure functions of (posting, now, calendar); the words shown to the packer come in from i18n.
import { z } from 'zod'
import {
  endOfLocalDayNumber,
  nextBusinessDayNumber,
  type WorkingCalendar,
} from './calendar'
import type { Posting, PostingStatus } from './posting'
import { localDateFromDay, localDayOf, localTimeOf, toMs, weekdayOf, type LocalDate } from './time-zone'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

// ─── Which postings have a packing clock ────────────────────────────────────────────────────────────────────

/** Statuses before packing: the ship-by clock and Ozon's cancellation apply to these. */
export const AWAITING_PACKING_STATUSES: readonly PostingStatus[] = [
  'awaiting_verification',
  'awaiting_approve',
  'acceptance_in_progress',
  'awaiting_packaging',
]

/** Packed, not yet handed to delivery: the hand-over limit applies to these. */
export const AWAITING_HANDOVER_STATUSES: readonly PostingStatus[] = ['awaiting_registration', 'awaiting_deliver']

const CANCELLED_STATUSES: readonly PostingStatus[] = ['cancelled', 'cancelled_from_split_pending']

export function awaitsPacking(status: PostingStatus): boolean {
  return AWAITING_PACKING_STATUSES.includes(status)
}

/**
 * Moved past packaging (packed here or elsewhere) and not cancelled. A status the station does not know yet
 * counts as past packing: the statuses Ozon has added over the years appeared after packing, not before.
 */
export function isPastPacking(status: PostingStatus): boolean {
  return !awaitsPacking(status) && !CANCELLED_STATUSES.includes(status)
}

// ─── Time left ─────────────────────────────────────────────────────────────────────────────────────────────

export type DurationUnit = 'd' | 'h' | 'min'
export interface DurationPart {
  value: number
  unit: DurationUnit
}

export interface TimeLeft {
  /** Signed: > 0 time left, ≤ 0 late by that much. */
  ms: number
  overdue: boolean
  /** One or two display parts, largest first: [45 min], [2 h], [1 h, 20 min], [3 d, 4 h]. */
  parts: readonly DurationPart[]
}

/**
 * Time left before `shipmentDate`. Due times round *up* to the minute (never "0 min" while time remains);
 * late times round *down* (late "2 h" means at least two hours), with at least one minute shown.
 */
export function timeLeft(shipmentDate: string | Date | number, now: Date | number): TimeLeft {
  const ms = toMs(shipmentDate, 'shipmentDate') - toMs(now, 'now')
  const overdue = ms <= 0
  const minutes = Math.max(1, overdue ? Math.floor(-ms / MINUTE) : Math.ceil(ms / MINUTE))
  return { ms, overdue, parts: splitMinutes(minutes) }
}

function splitMinutes(total: number): DurationPart[] {
  if (total < 60) return [{ value: total, unit: 'min' }]
  if (total < 24 * 60) {
    const h = Math.floor(total / 60)
    const m = total % 60
    return m ? [{ value: h, unit: 'h' }, { value: m, unit: 'min' }] : [{ value: h, unit: 'h' }]
  }
  const d = Math.floor(total / (24 * 60))
  const h = Math.floor((total % (24 * 60)) / 60)
  return h ? [{ value: d, unit: 'd' }, { value: h, unit: 'h' }] : [{ value: d, unit: 'd' }]
}

/** Localised words for the countdown; `{t}` in a template is replaced by the duration. */
export interface TimeLeftWords {
  dueIn: string
  overdue: string
  units: Record<DurationUnit, string>
  /** Between a number and its unit ('45 min' vs '45分钟'). */
  unitGap: string
  /** Between two parts ('1 h 20 min'). */
  partGap: string
}

export const TIME_LEFT_WORDS: Record<'ru' | 'en' | 'zh', TimeLeftWords> = {
  ru: { dueIn: 'через {t}', overdue: 'просрочено на {t}', units: { d: 'д', h: 'ч', min: 'мин' }, unitGap: ' ', partGap: ' ' },
  en: { dueIn: 'due in {t}', overdue: 'overdue {t}', units: { d: 'd', h: 'h', min: 'min' }, unitGap: ' ', partGap: ' ' },
  zh: { dueIn: '{t}后到期', overdue: '已逾期{t}', units: { d: '天', h: '小时', min: '分钟' }, unitGap: '', partGap: '' },
}

/** "due in 45 min", "overdue 2 h", "через 1 ч 20 мин", "已逾期2小时". */
export function formatTimeLeft(t: TimeLeft, words: TimeLeftWords): string {
  const text = t.parts.map((p) => `${p.value}${words.unitGap}${words.units[p.unit]}`).join(words.partGap)
  return (t.overdue ? words.overdue : words.dueIn).replace('{t}', text)
}

// ─── Urgency ───────────────────────────────────────────────────────────────────────────────────────────────

/** Urgency classes the inbox colours and counts by. */
export type Urgency = 'overdue' | 'within_hour' | 'today' | 'later'

/** `today` means the ship-by time falls on the warehouse's current local date. */
export function urgencyOf(shipmentMs: number, nowMs: number, timeZone: string): Urgency {
  const left = shipmentMs - nowMs
  if (left <= 0) return 'overdue'
  if (left <= HOUR) return 'within_hour'
  return localDayOf(shipmentMs, timeZone) === localDayOf(nowMs, timeZone) ? 'today' : 'later'
}

// ─── Days relative to now ──────────────────────────────────────────────────────────────────────────────────

/** When something happens, as the packer reads it: "today 23:59", "tomorrow 23:59", "Mon 23:59", "12.05 23:59". */
export interface RelativeDay {
  kind: 'today' | 'tomorrow' | 'weekday' | 'date'
  /** Local date in the warehouse's zone. */
  date: LocalDate
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  /** Local 'HH:MM'. */
  time: string
  /** Whole local days from today (negative: in the past). */
  daysAhead: number
}

export function relativeDay(at: Date | number, now: Date | number, timeZone: string): RelativeDay {
  const atMs = toMs(at, 'time')
  const day = localDayOf(atMs, timeZone)
  const daysAhead = day - localDayOf(toMs(now, 'now'), timeZone)
  const kind = daysAhead === 0 ? 'today' : daysAhead === 1 ? 'tomorrow' : daysAhead > 1 && daysAhead < 7 ? 'weekday' : 'date'
  return { kind, date: localDateFromDay(day), weekday: weekdayOf(day), time: localTimeOf(atMs, timeZone), daysAhead }
}

export interface DayWords {
  today: string
  tomorrow: string
  /** Short weekday names, Sunday first. */
  weekdays: readonly [string, string, string, string, string, string, string]
  /** A date further away; tokens {dd} {mm} {d} {m} {yyyy}. */
  date: string
  /** Day and time together: {day} {time}. */
  dayAndTime: string
  /** The cancellation line: {when}. */
  cancellationRisk: string
}

export const DAY_WORDS: Record<'ru' | 'en' | 'zh', DayWords> = {
  ru: {
    today: 'сегодня',
    tomorrow: 'завтра',
    weekdays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
    date: '{dd}.{mm}',
    dayAndTime: '{day} {time}',
    cancellationRisk: 'риск отмены: {when}',
  },
  en: {
    today: 'today',
    tomorrow: 'tomorrow',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    date: '{dd}.{mm}',
    dayAndTime: '{day} {time}',
    cancellationRisk: 'cancellation risk: {when}',
  },
  zh: {
    today: '今天',
    tomorrow: '明天',
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    date: '{m}月{d}日',
    dayAndTime: '{day} {time}',
    cancellationRisk: '取消风险：{when}',
  },
}

/** "tomorrow 23:59", "пн 23:59", "12.05 23:59". */
export function formatRelativeDay(r: RelativeDay, words: DayWords): string {
  let day: string
  if (r.kind === 'today') day = words.today
  else if (r.kind === 'tomorrow') day = words.tomorrow
  else if (r.kind === 'weekday') day = words.weekdays[r.weekday]!
  else {
    const [yyyy, mm, dd] = r.date.split('-') as [string, string, string]
    day = words.date
      .replace('{dd}', dd)
      .replace('{mm}', mm)
      .replace('{d}', String(Number(dd)))
      .replace('{m}', String(Number(mm)))
      .replace('{yyyy}', yyyy)
  }
  return words.dayAndTime.replace('{day}', day).replace('{time}', r.time)
}

// ─── Cancellation of overdue postings ──────────────────────────────────────────────────────────────────────

/**
 * When Ozon cancels a posting that became overdue at `shipmentDate` and still is not packed: the end
 * (23:59:59 local) of the first business day after the local day it became overdue. Overdue on Friday
 * evening → Monday 23:59:59, or Tuesday when Monday is a holiday.
 */
export function cancellationDeadline(shipmentDate: string | Date | number, cal: WorkingCalendar): Date {
  const overdueDay = localDayOf(toMs(shipmentDate, 'shipmentDate'), cal.timeZone)
  return new Date(endOfLocalDayNumber(nextBusinessDayNumber(overdueDay, cal), cal))
}

export interface CancellationRisk {
  /** When Ozon cancels unless the posting is packed. */
  at: Date
  day: RelativeDay
  overdueSince: Date
}

/** "cancellation risk: tomorrow 23:59". */
export function formatCancellationRisk(risk: CancellationRisk, words: DayWords): string {
  return words.cancellationRisk.replace('{when}', formatRelativeDay(risk.day, words))
}

// ─── Everything about one posting's clock ─────────────────────────────────────────────────────────────────

export interface PostingClock {
  shipmentAt: Date
  timeLeft: TimeLeft
  /** null once the posting no longer awaits packing (packed, handed over, cancelled): its clock has stopped. */
  urgency: Urgency | null
  /** Only for postings that are overdue and still await packing. */
  cancellation: CancellationRisk | null
}

export function postingClock(
  posting: Pick<Posting, 'shipmentDate' | 'status'>,
  now: Date | number,
  cal: WorkingCalendar,
): PostingClock {
  const shipMs = toMs(posting.shipmentDate, 'shipmentDate')
  const nowMs = toMs(now, 'now')
  const left = timeLeft(shipMs, nowMs)
  const open = awaitsPacking(posting.status)
  let cancellation: CancellationRisk | null = null
  if (open && left.overdue) {
    const at = cancellationDeadline(shipMs, cal)
    cancellation = { at, day: relativeDay(at, nowMs, cal.timeZone), overdueSince: new Date(shipMs) }
  }
  return {
    shipmentAt: new Date(shipMs),
    timeLeft: left,
    urgency: open ? urgencyOf(shipMs, nowMs, cal.timeZone) : null,
    cancellation,
  }
}

// ─── The warehouse's preparation limits ────────────────────────────────────────────────────────────────────

// Ozon's help pages (reference §3) give "at most 5 days" to prepare (a newer page says 10) and 9 working days
// to hand a packed posting over when the first mile is set up; both are rFBS pages and only partly verified,
// so both limits are settings with these defaults.
const LimitSchema = z.object({
  days: z.number().int('a whole number of days').min(1, 'at least 1 day').max(60, 'at most 60 days'),
  unit: z.enum(['calendar', 'business']),
})

export const PreparationLimits = z.object({
  /** From the order coming in (`inProcessAt`) until packed. */
  packing: LimitSchema.default({ days: 5, unit: 'calendar' }),
  /** From packed until handed over to delivery. */
  handover: LimitSchema.default({ days: 9, unit: 'business' }),
})
export type PreparationLimits = z.infer<typeof PreparationLimits>
export const DEFAULT_PREPARATION_LIMITS: PreparationLimits = PreparationLimits.parse({})

/** Reads the limits from settings, refusing bad values with what to fix. */
export function parsePreparationLimits(raw: unknown): PreparationLimits {
  const r = PreparationLimits.safeParse(raw ?? {})
  if (r.success) return r.data
  const issue = r.error.issues[0]
  throw new Error(`Preparation limit ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}.`)
}

export interface PreparationCheck {
  stage: 'packing' | 'handover'
  /** When the stage's clock started. */
  since: Date
  /** True when `since` is a stand-in (hand-over without a known packing time starts at `inProcessAt`). */
  sinceApproximate: boolean
  /** When the limit runs out. */
  limitAt: Date
  /** The posting has outstayed the limit: warn. */
  exceeded: boolean
}

/**
 * Where a posting stands against the warehouse's limit for its current stage; null when no limit applies
 * (cancelled, already handed over). `packedAt` comes from the station's journal when it packed the posting.
 * Calendar-day limits count 24-hour days from the start; business-day limits run to the end (23:59:59
 * local) of the N-th business day after the start day.
 */
export function preparationCheck(
  posting: Pick<Posting, 'status' | 'inProcessAt'>,
  now: Date | number,
  cal: WorkingCalendar,
  limits: PreparationLimits = DEFAULT_PREPARATION_LIMITS,
  packedAt?: string | null,
): PreparationCheck | null {
  let stage: PreparationCheck['stage']
  if (awaitsPacking(posting.status)) stage = 'packing'
  else if (AWAITING_HANDOVER_STATUSES.includes(posting.status)) stage = 'handover'
  else return null
  const fromJournal = stage === 'handover' && packedAt ? packedAt : null
  const sinceMs = fromJournal ? toMs(fromJournal, 'packedAt') : toMs(posting.inProcessAt, 'inProcessAt')
  const limit = limits[stage]
  let limitMs: number
  if (limit.unit === 'calendar') {
    limitMs = sinceMs + limit.days * DAY
  } else {
    let day = localDayOf(sinceMs, cal.timeZone)
    for (let i = 0; i < limit.days; i++) day = nextBusinessDayNumber(day, cal)
    limitMs = endOfLocalDayNumber(day, cal)
  }
  return {
    stage,
    since: new Date(sinceMs),
    sinceApproximate: stage === 'handover' && !fromJournal,
    limitAt: new Date(limitMs),
    exceeded: toMs(now, 'now') > limitMs,
  }
}
