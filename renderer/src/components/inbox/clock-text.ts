// The words on the inbox's clock, worked out from the posting and the current time with the shared domain
// rules, so a row's countdown and tariff step stay right between two queries while the clock ticks.
import type { InboxRowInfo } from '../../../../shared/contract'
import {
  awaitsPacking,
  DAY_WORDS,
  formatRelativeDay,
  formatTimeLeft,
  relativeDay,
  TIME_LEFT_WORDS,
  timeLeft,
  urgencyOf,
  type Urgency,
} from '../../../../shared/domain/deadlines'
import type { Posting } from '../../../../shared/domain/posting'
import { formatMoney, formatTariffChange, moneyOnTheClock, TARIFF_WORDS } from '../../../../shared/domain/tariff'

type Lang = 'ru' | 'en' | 'zh'

export function langOf(language: string): Lang {
  return language === 'en' || language === 'zh' ? language : 'ru'
}

export interface RowClock {
  /** Null once the posting no longer awaits packing: its clock has stopped. */
  urgency: Urgency | null
  /** "due in 45 min", "overdue 2 h"; null when the clock has stopped. */
  countdown: string | null
  /** Ship-by in the warehouse's local time: "today 14:30", "12.06 09:00". */
  shipBy: string
  /** "tomorrow 23:59": when Ozon cancels it — only while overdue and unpacked. */
  cancellation: string | null
  /** "−3% → −2% at 14:00", "+50 ₽ after 18:00"; null when nothing changes any more. */
  tariff: string | null
  /** Money lost by packing after the next step instead of now ("45 ₽"); null when nothing is at stake. */
  atStake: string | null
  /** The warehouse's preparation limit has passed. */
  limitExceeded: boolean
  /** When it was packed (local), for postings past packaging. */
  packedAt: string | null
}

export function rowClock(posting: Posting, info: InboxRowInfo | undefined, nowMs: number, timeZone: string, language: string): RowClock {
  const lang = langOf(language)
  const shipMs = Date.parse(posting.shipmentDate)
  const open = awaitsPacking(posting.status)
  const readable = Number.isFinite(shipMs)
  const when = (ms: number) => formatRelativeDay(relativeDay(ms, nowMs, timeZone), DAY_WORDS[lang])
  const at = (ms: number) => clockTime(ms, nowMs, timeZone, lang)

  let tariff: string | null = null
  let atStake: string | null = null
  if (open && posting.tariffSteps.length > 0) {
    try {
      const money = moneyOnTheClock(posting, nowMs)
      tariff = formatTariffChange(money, nowMs, timeZone, TARIFF_WORDS[lang])
      if (money.atStake.amount > 0) atStake = formatMoney(money.atStake, TARIFF_WORDS[lang])
    } catch {
      // a step with an unreadable deadline: the core lists the posting under problems; show no tariff
    }
  }
  const cancellationMs = info?.cancellationAt ? Date.parse(info.cancellationAt) : NaN
  const overdue = readable && shipMs <= nowMs
  return {
    urgency: open && readable ? urgencyOf(shipMs, nowMs, timeZone) : null,
    countdown: open && readable ? countdownText(shipMs, nowMs, lang) : null,
    shipBy: readable ? at(shipMs) : '—',
    cancellation: open && overdue && Number.isFinite(cancellationMs) ? when(cancellationMs) : null,
    tariff,
    atStake,
    limitExceeded: info?.preparation ? Date.parse(info.preparation.limitAt) < nowMs : false,
    packedAt: !open && info?.packedAt ? at(Date.parse(info.packedAt)) : null,
  }
}

/**
 * "due in 1 h 20 min", "overdue 2 h": while time is left every minute counts; once late by an hour or more the
 * largest unit says enough (and keeps the row short).
 */
function countdownText(shipMs: number, nowMs: number, lang: Lang): string {
  const left = timeLeft(shipMs, nowMs)
  const shown = left.overdue && left.ms <= -3_600_000 ? { ...left, parts: left.parts.slice(0, 1) } : left
  return formatTimeLeft(shown, TIME_LEFT_WORDS[lang])
}

/** "14:30" today, else "tomorrow 09:00", "Mon 09:00", "12.06 09:00" — in the warehouse's zone. */
function clockTime(ms: number, nowMs: number, timeZone: string, lang: Lang): string {
  const day = relativeDay(ms, nowMs, timeZone)
  return day.kind === 'today' ? day.time : formatRelativeDay(day, DAY_WORDS[lang])
}

/** A time for "data from 12:40"; the ISO text itself when it cannot be read. */
export function localTime(iso: string, timeZone: string, language: string, nowMs: number): string {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? clockTime(ms, nowMs, timeZone, langOf(language)) : iso
}
