// What a carrier's tracking number looks like. The packer scans the carrier's barcode or types the number; before
// anything is sent to Ozon it is cleaned up (spaces out, upper case, a Russian keyboard layout undone) and checked
// against the rule of the posting's carrier: allowed characters, length, and optionally a pattern. Rules live in
// the tracking settings; a carrier without its own rule gets the generic one. Pure zod + TypeScript.
import { z } from 'zod'
import { latinFromRussianLayout } from './packing-scan'

/** Characters a tracking number may contain; the rule's pattern can narrow it further. */
export const TRACKING_CHARSETS = {
  digits: /^[0-9]+$/,
  alnum: /^[A-Z0-9]+$/,
  'alnum-dash': /^[A-Z0-9-]+$/,
} as const
export type TrackingCharset = keyof typeof TRACKING_CHARSETS

/** The rule every carrier without its own rule gets. */
export const GENERIC_RULE_ID = 'generic'

const RuleFields = z.object({
  /** Stable id ('cdek', 'russian-post', 'generic', or one a person made). */
  id: z.string().trim().min(1, 'give the rule an id').max(40, 'at most 40 characters').regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and -'),
  /** Shown in settings and in error messages: "СДЭК", "Почта России". */
  label: z.string().trim().min(1, 'give the rule a name').max(60, 'at most 60 characters'),
  /** Ozon carrier ids (`tpl_provider_id`) this rule is for. */
  carrierIds: z.array(z.string().trim().min(1)).max(50).default([]),
  /** Or: words in the carrier's name (case does not matter), e.g. "сдэк", "cdek". */
  carrierNames: z.array(z.string().trim().min(1)).max(20).default([]),
  charset: z.enum(Object.keys(TRACKING_CHARSETS) as [TrackingCharset, ...TrackingCharset[]]).default('alnum-dash'),
  minLength: z.number().int().min(1).max(100).default(6),
  maxLength: z.number().int().min(1).max(100).default(40),
  /** Optional regular expression the whole number must match (checked after upper-casing), e.g. `\d{14}|[A-Z]{2}\d{9}[A-Z]{2}`. */
  pattern: z.string().max(300).nullable().default(null),
  /** A valid number, shown as a hint next to the error. */
  example: z.string().max(60).default(''),
})

export const TrackingRule = RuleFields.superRefine((r, ctx) => {
  if (r.minLength > r.maxLength) ctx.addIssue({ code: 'custom', path: ['minLength'], message: `the shortest length (${r.minLength}) is longer than the longest (${r.maxLength})` })
  if (r.pattern !== null) {
    try {
      new RegExp(`^(?:${r.pattern})$`)
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression: ${(err as Error).message}` })
    }
  }
})
export type TrackingRule = z.infer<typeof TrackingRule>

export const TrackingRules = z
  .array(TrackingRule)
  .min(1)
  .max(100)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>()
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the rule id "${r.id}" is used twice` })
      seen.add(r.id)
    })
    if (!seen.has(GENERIC_RULE_ID)) ctx.addIssue({ code: 'custom', path: [], message: `keep a rule with id "${GENERIC_RULE_ID}": it checks carriers without their own rule` })
  })

/**
 * Sensible defaults: CDEK numbers are 10 digits; Russian Post has 14-digit domestic numbers (RPO) and 13-character
 * international ones (S10: two letters, nine digits, two letters); anything else: 6–40 of A–Z, 0–9 and "-".
 */
export function defaultTrackingRules(): TrackingRule[] {
  return TrackingRules.parse([
    { id: 'cdek', label: 'СДЭК', carrierNames: ['сдэк', 'cdek'], charset: 'digits', minLength: 10, maxLength: 10, example: '1234567890' },
    {
      id: 'russian-post',
      label: 'Почта России',
      carrierNames: ['почта россии', 'russian post', 'pochta'],
      charset: 'alnum',
      minLength: 13,
      maxLength: 14,
      pattern: '\\d{14}|[A-Z]{2}\\d{9}[A-Z]{2}',
      example: '80082198765432',
    },
    { id: GENERIC_RULE_ID, label: 'Любая служба доставки', charset: 'alnum-dash', minLength: 6, maxLength: 40, example: 'TRK-123456' },
  ])
}

/** The rule for a carrier: one naming its id, else one whose words appear in its name, else the generic rule. */
export function ruleForCarrier(carrier: { id: string; name: string }, rules: readonly TrackingRule[]): TrackingRule {
  const byId = rules.find((r) => r.id !== GENERIC_RULE_ID && carrier.id !== '' && r.carrierIds.includes(carrier.id))
  if (byId) return byId
  const name = carrier.name.toLowerCase()
  const byName = rules.find((r) => r.id !== GENERIC_RULE_ID && r.carrierNames.some((w) => name.includes(w.toLowerCase())))
  if (byName) return byName
  return rules.find((r) => r.id === GENERIC_RULE_ID) ?? defaultTrackingRules().find((r) => r.id === GENERIC_RULE_ID)!
}

/**
 * A scanned or typed number as it will be sent: no spaces (people type "8008 2198 7654 32"), Latin letters where
 * the Russian layout typed Cyrillic ones (same keys), upper case.
 */
export function normalizeTrackingNumber(raw: string): string {
  return latinFromRussianLayout(raw.replace(/[\s\u00a0]+/g, '')).toUpperCase()
}

export type TrackingProblem = 'empty' | 'too_short' | 'too_long' | 'bad_chars' | 'pattern'

export type TrackingCheck =
  | { ok: true; value: string; rule: TrackingRule }
  | { ok: false; value: string; rule: TrackingRule; problem: TrackingProblem; message: string; params: Record<string, string | number> }

const CHARSET_WORDS: Record<TrackingCharset, string> = {
  digits: 'digits only',
  alnum: 'Latin letters and digits only',
  'alnum-dash': 'Latin letters, digits and "-" only',
}

/** Checks a number against a rule; the message says what is wrong and what a good number looks like. */
export function checkTrackingNumber(raw: string, rule: TrackingRule): TrackingCheck {
  const value = normalizeTrackingNumber(raw)
  const hint = rule.example ? ` (e.g. ${rule.example})` : ''
  const range = rule.minLength === rule.maxLength ? `${rule.minLength}` : `${rule.minLength}–${rule.maxLength}`
  const fail = (problem: TrackingProblem, message: string, extra: Record<string, string | number> = {}): TrackingCheck => ({
    ok: false,
    value,
    rule,
    problem,
    message: `${message}${hint}`,
    params: { value, rule: rule.label, min: rule.minLength, max: rule.maxLength, range, example: rule.example, ...extra },
  })
  if (value === '') return fail('empty', 'Scan or type the tracking number')
  if (!TRACKING_CHARSETS[rule.charset].test(value)) {
    const bad = [...value].find((c) => !TRACKING_CHARSETS[rule.charset].test(c)) ?? ''
    return fail('bad_chars', `${rule.label}: "${value}" contains "${bad}" — a tracking number has ${CHARSET_WORDS[rule.charset]}`, { char: bad, charset: rule.charset })
  }
  if (value.length < rule.minLength) return fail('too_short', `${rule.label}: "${value}" has ${value.length} characters, a tracking number has ${range}`, { length: value.length })
  if (value.length > rule.maxLength) return fail('too_long', `${rule.label}: "${value}" has ${value.length} characters, a tracking number has ${range}`, { length: value.length })
  if (rule.pattern !== null && !new RegExp(`^(?:${rule.pattern})$`).test(value)) {
    return fail('pattern', `${rule.label}: "${value}" does not look like this carrier's tracking number`)
  }
  return { ok: true, value, rule }
}
