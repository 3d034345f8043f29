// Money on the clock: Ozon's speed tariff (`tariffication_steps`) is a staircase. Each step says what applies
// to this posting if it is packed before the step's `deadlineAt`; after it the next step applies. Early steps
// are discounts, later ones surcharges; the last step is open-ended (Ozon sends 9999-12-31 as its deadline).
//
// Verified shape (Ozon's own 2026 example for /v3/posting/fbs/get): `tariff_charge` is the money amount of the
// step for this very posting (0 for `no_discount`; 50 RUB for a 1 % commission whose `min_charge` is 50 on a
// 1530 RUB posting), unsigned — `tariff_type` gives the direction.
import { postingValue, type Money, type Posting, type TariffStep } from './posting'
import { DAY_WORDS, formatRelativeDay, relativeDay, type DayWords } from './deadlines'
import { toMs } from './time-zone'

export type TariffKind = 'discount' | 'surcharge' | 'neutral' | 'unknown'

export interface TariffPhase {
  /** Position in the staircase, ordered by deadline. */
  index: number
  kind: TariffKind
  /** Ozon's `tariff_type` as given. */
  type: string
  ratePercent: number
  /** The step's money amount for this posting, unsigned (see `amountSource`). */
  amount: Money
  /** 'ozon': Ozon's own `tariff_charge`; 'estimated': rate × posting value, at least the minimum charge. */
  amountSource: 'ozon' | 'estimated'
  /** What the step does to the seller's money: + kept (discount), − paid (surcharge), 0 otherwise. */
  effect: number
  /** When the step begins (the previous step's deadline); null for the first step. */
  startsAt: Date | null
  /** When the step ends; null when it never does. */
  endsAt: Date | null
}

/** Deadlines this far out are Ozon's "never" (9999-12-31T23:59:59.999999900Z). */
const OPEN_ENDED_AFTER_MS = Date.UTC(9000, 0, 1)

function kindOf(type: string): TariffKind {
  if (type === 'discount') return 'discount'
  if (type === 'commission') return 'surcharge'
  if (type === 'no_discount') return 'neutral'
  return 'unknown'
}

/**
 * The step's amount. Ozon's `charge` is exact for this posting, so it wins when it is non-zero. Without it
 * (older data, or 0 on a step with a rate) the amount is estimated as `ratePercent` of `postingValue()` — the
 * money the buyer pays — raised to `minCharge` when Ozon states a minimum.
 */
function stepAmount(step: TariffStep, value: Money): Pick<TariffPhase, 'amount' | 'amountSource'> {
  if (step.charge && step.charge.amount > 0) return { amount: step.charge, amountSource: 'ozon' }
  let amount = (value.amount * step.ratePercent) / 100
  if (step.minCharge && step.ratePercent > 0) amount = Math.max(amount, step.minCharge.amount)
  return { amount: { amount: Math.round(amount * 100) / 100, currency: value.currency }, amountSource: 'estimated' }
}

interface PricedStep {
  step: TariffStep
  deadlineMs: number
  kind: TariffKind
  amount: Money
  amountSource: TariffPhase['amountSource']
  effect: number
}

/** The steps in time order with their money worked out; the one place a step's amount and sign are decided. */
function pricedSteps(posting: Pick<Posting, 'items' | 'tariffSteps'>): PricedStep[] {
  const value = postingValue(posting)
  const priced = posting.tariffSteps.map((step, i) => {
    const kind = kindOf(step.type)
    const { amount, amountSource } = stepAmount(step, value)
    const sign = kind === 'discount' ? 1 : kind === 'surcharge' ? -1 : 0
    const deadlineMs = toMs(step.deadlineAt, `tariff step ${i + 1} deadline`)
    return { step, deadlineMs, kind, amount, amountSource, effect: sign * amount.amount }
  })
  return priced.sort((a, b) => a.deadlineMs - b.deadlineMs)
}

/** What waiting from `current` into `next` costs the seller (≥ 0; 0 across currencies). */
function stakeBetween(current: Pick<PricedStep, 'effect' | 'amount'>, next: Pick<PricedStep, 'effect' | 'amount'>): number {
  if (current.amount.currency !== next.amount.currency) return 0
  return Math.max(0, Math.round((current.effect - next.effect) * 100) / 100)
}

/** The posting's staircase in time order. Throws, naming the step, when a deadline is not a valid time. */
export function tariffPhases(posting: Pick<Posting, 'items' | 'tariffSteps'>): TariffPhase[] {
  const priced = pricedSteps(posting)
  return priced.map(({ step, deadlineMs, kind, amount, amountSource, effect }, index) => {
    const prev = priced[index - 1]
    return {
      index,
      kind,
      type: step.type,
      ratePercent: step.ratePercent,
      amount,
      amountSource,
      effect,
      startsAt: prev ? new Date(prev.deadlineMs) : null,
      endsAt: deadlineMs >= OPEN_ENDED_AFTER_MS ? null : new Date(deadlineMs),
    }
  })
}

/**
 * Money at stake over time, for sorting many postings without recomputing: while now < until[k], the stake
 * is stake[k]; after the last `until`, nothing. Same numbers as `moneyOnTheClock(...).atStake`.
 */
export function stakeTimeline(posting: Pick<Posting, 'items' | 'tariffSteps'>): { until: number[]; stake: number[] } {
  const priced = pricedSteps(posting)
  return {
    until: priced.map((p) => (p.deadlineMs >= OPEN_ENDED_AFTER_MS ? Infinity : p.deadlineMs)),
    stake: priced.map((p, k) => (priced[k + 1] ? stakeBetween(p, priced[k + 1]!) : 0)),
  }
}

export interface MoneyOnTheClock {
  /** The step in force now; null with no steps, or when every step has ended (stale data: sync again). */
  current: TariffPhase | null
  /** The step that follows; null when the current one never ends. */
  next: TariffPhase | null
  /** When `next` takes over. */
  changesAt: Date | null
  /**
   * Money at stake, ≥ 0, in the currency of the amounts: what the seller loses by packing after `changesAt`
   * instead of now = effect(current) − effect(next). A 3 % discount (+45 ₽) turning into a 2 % one (+30 ₽)
   * puts 15 ₽ at stake; no discount turning into a 50 ₽ surcharge puts 50 ₽ at stake. Zero when nothing
   * changes, when the next step is no worse, or when the two amounts are in different currencies.
   */
  atStake: Money
}

/** The staircase as seen at `now`, from already computed phases (the inbox index keeps them). */
export function moneyOnTheClockFromPhases(phases: readonly TariffPhase[], nowMs: number, currency: string): MoneyOnTheClock {
  const i = phases.findIndex((p) => p.endsAt === null || p.endsAt.getTime() > nowMs)
  const current = i >= 0 ? phases[i]! : null
  const next = i >= 0 ? (phases[i + 1] ?? null) : null
  const stake = current && next ? stakeBetween(current, next) : 0
  return {
    current,
    next,
    changesAt: next ? current!.endsAt : null,
    atStake: { amount: stake, currency: next?.amount.currency ?? current?.amount.currency ?? currency },
  }
}

export function moneyOnTheClock(posting: Pick<Posting, 'items' | 'tariffSteps'>, now: Date | number): MoneyOnTheClock {
  return moneyOnTheClockFromPhases(tariffPhases(posting), toMs(now, 'now'), postingValue(posting).currency)
}

/** The sortable money-at-stake score: roubles (or the posting's currency) lost by waiting for the next step. */
export function moneyAtStake(posting: Pick<Posting, 'items' | 'tariffSteps'>, now: Date | number): number {
  return moneyOnTheClock(posting, now).atStake.amount
}

// ─── Showing it ────────────────────────────────────────────────────────────────────────────────────────────

export interface TariffWords {
  /** Current and next both matter: {current} {next} {when}, `when` a time today ("14:00"). */
  change: string
  /** The same when the change falls on another day: `when` carries the day ("tomorrow 09:00"). */
  changeOnDay: string
  /** Nothing applies now (no discount), something will: {next} {when}, `when` a time today. */
  after: string
  /** The same on another day. */
  afterOnDay: string
  neutral: string
  unknown: string
  /** Money: {amount} {symbol}. */
  money: string
  day: DayWords
}

export const TARIFF_WORDS: Record<'ru' | 'en' | 'zh', TariffWords> = {
  ru: {
    change: '{current} → {next} в {when}',
    changeOnDay: '{current} → {next}: {when}',
    after: '{next} после {when}',
    afterOnDay: '{next} с {when}',
    neutral: '0%',
    unknown: '?',
    money: '{amount} {symbol}',
    day: DAY_WORDS.ru,
  },
  en: {
    change: '{current} → {next} at {when}',
    changeOnDay: '{current} → {next} {when}',
    after: '{next} after {when}',
    afterOnDay: '{next} from {when}',
    neutral: '0%',
    unknown: '?',
    money: '{amount} {symbol}',
    day: DAY_WORDS.en,
  },
  zh: {
    change: '{when}起 {current} → {next}',
    changeOnDay: '{when}起 {current} → {next}',
    after: '{when}后 {next}',
    afterOnDay: '{when}后 {next}',
    neutral: '0%',
    unknown: '?',
    money: '{amount}{symbol}',
    day: DAY_WORDS.zh,
  },
}

const CURRENCY_SYMBOLS: Record<string, string> = { RUB: '₽', BYN: 'Br', KZT: '₸', EUR: '€', USD: '$', CNY: '¥' }

export function formatMoney(m: Money, words: Pick<TariffWords, 'money'>): string {
  const amount = Number.isInteger(m.amount) ? String(m.amount) : m.amount.toFixed(2)
  return words.money.replace('{amount}', amount).replace('{symbol}', CURRENCY_SYMBOLS[m.currency] ?? m.currency)
}

/** A step as the packer reads it: discounts as "−3%", surcharges as Ozon's amount "+50 ₽" (or "+1%"). */
export function formatTariffPhase(p: TariffPhase, words: TariffWords): string {
  if (p.kind === 'discount') return `−${p.ratePercent}%`
  if (p.kind === 'surcharge') return p.amountSource === 'ozon' ? `+${formatMoney(p.amount, words)}` : `+${p.ratePercent}%`
  return p.kind === 'neutral' ? words.neutral : words.unknown
}

/**
 * "−3% → −2% at 14:00", "+50 ₽ after 18:00", "−3% → 0% tomorrow 09:00"; null when nothing changes.
 * Times are local to the warehouse; a change on another day carries its day (and its own wording).
 */
export function formatTariffChange(m: MoneyOnTheClock, now: Date | number, timeZone: string, words: TariffWords): string | null {
  if (!m.next || !m.changesAt) return null
  const day = relativeDay(m.changesAt, now, timeZone)
  const today = day.kind === 'today'
  const when = today ? day.time : formatRelativeDay(day, words.day)
  const next = formatTariffPhase(m.next, words)
  if (!m.current || m.current.kind === 'neutral') return (today ? words.after : words.afterOnDay).replace('{next}', next).replace('{when}', when)
  return (today ? words.change : words.changeOnDay).replace('{current}', formatTariffPhase(m.current, words)).replace('{next}', next).replace('{when}', when)
}
