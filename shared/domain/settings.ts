// The bench profile and the people who work at it. Stored in <dataDir>/settings.json, edited in the
// Settings screen and the first-run flow, exported/imported without secrets. Every field has a default so a
// settings file from an older station still opens: add new fields with `.default(...)`, bump the document
// version only when an existing field changes meaning.
//
// Pure zod + TypeScript: the core, the contract and the renderer (import preview) all use these rules.
import { z } from 'zod'
import { CalendarOverride, createWorkingCalendar, type WorkingCalendar } from './calendar'
import { DEFAULT_PREPARATION_LIMITS, PreparationLimits } from './deadlines'
import { assertTimeZone, dayFromLocalDate, DEFAULT_TIME_ZONE } from './time-zone'

export { CalendarOverride }

export const LANGUAGES = ['ru', 'en', 'zh'] as const
export type BenchLanguage = (typeof LANGUAGES)[number]

/** A 4-digit PIN as typed by the operator; only its salted hash is ever stored. */
export const Pin = z.string().regex(/^\d{4}$/, 'the PIN is exactly 4 digits')

export const OperatorName = z.string().trim().min(1, 'enter a name').max(60, 'at most 60 characters')

export const Operator = z.object({
  id: z.string().min(1),
  name: OperatorName,
  /** `scrypt$<salt>$<hash>` of the optional PIN (base64url parts), never the PIN itself; null = no PIN. */
  pinHash: z.string().nullable().default(null),
})
export type Operator = z.infer<typeof Operator>

/** The function keys a person may choose for "switch operator" (KeyboardEvent.code). */
export const FUNCTION_KEYS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'] as const
export const DEFAULT_OPERATOR_SWITCH_KEY = 'F12'

const trimmedIds = z.array(z.string().trim().min(1)).max(200)

/**
 * The profile's fields, built twice: `strip` for the stored document (unknown keys are dropped, so an older
 * station reading a newer file keeps working until the version check) and `strict` for an imported file,
 * where an unknown key is almost always a typo that must be named.
 */
function profileShape(strict: boolean) {
  const obj = strict ? z.strictObject : z.object
  return {
    /** Shown in the header and written on every audit entry, e.g. "Стол 2". */
    benchName: z.string().trim().min(1, 'enter a bench name').max(60, 'at most 60 characters').default('Стол 1'),
    language: z.enum(LANGUAGES).default('ru'),
    /** IANA time zone of the warehouse: deadlines and business days are judged here. */
    timeZone: z.string().trim().min(1).default(DEFAULT_TIME_ZONE),
    /** Inbox filters applied when the station starts (the warehouses and carriers this bench handles). */
    warehouseIds: trimmedIds.default([]),
    carrierIds: trimmedIds.default([]),
    /** What is printed for each package after packing. */
    labelsPerPackage: z.enum(['ozon', 'bag', 'both']).default('both'),
    /** Printer id per purpose (ids from the printer registry); null = the station's default printer. */
    printers: obj({
      'bag-label': z.string().min(1).nullable().default(null),
      'ozon-label': z.string().min(1).nullable().default(null),
    }).default({ 'bag-label': null, 'ozon-label': null }),
    autoPrint: z.boolean().default(true),
    /** Label check: after printing, the packer scans the label just printed and the station confirms it is this package's. */
    labelCheck: z.boolean().default(false),
    /** required: "Package the order" waits until every unit is scanned; advisory: it warns. */
    verification: z.enum(['required', 'advisory']).default('required'),
    sounds: obj({ enabled: z.boolean().default(true), volume: z.number().min(0).max(1).default(0.8) }).default({ enabled: true, volume: 0.8 }),
    calendarOverrides: z.array(CalendarOverride).max(1000).default([]),
    /** How long the warehouse may take to pack and then to hand over (Ozon's rules are uncertain: reference §3). */
    preparationLimits: PreparationLimits.default(DEFAULT_PREPARATION_LIMITS),
    syncIntervalMinutes: z.number().int().min(0).max(120).default(5),
    /** KeyboardEvent.code of the "switch operator" key. */
    operatorSwitchKey: z.enum(FUNCTION_KEYS).default(DEFAULT_OPERATOR_SWITCH_KEY),
  }
}

/** Rules that span fields: the zone must exist here and the calendar must build (no day both on and off). */
function checkProfile(p: { timeZone: string; calendarOverrides: CalendarOverride[] }, ctx: z.RefinementCtx): void {
  try {
    assertTimeZone(p.timeZone)
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['timeZone'], message: (err as Error).message })
    return
  }
  const seen = new Map<string, boolean>()
  let clash = false
  p.calendarOverrides.forEach((o, i) => {
    try {
      dayFromLocalDate(o.date)
    } catch (err) {
      clash = true
      ctx.addIssue({ code: 'custom', path: ['calendarOverrides', i, 'date'], message: (err as Error).message })
      return
    }
    if (seen.has(o.date) && seen.get(o.date) !== o.working) {
      clash = true
      ctx.addIssue({ code: 'custom', path: ['calendarOverrides', i, 'date'], message: `${o.date} is listed twice, once working and once not: keep one` })
    }
    seen.set(o.date, o.working)
  })
  if (clash) return
  // Anything else the calendar itself refuses (e.g. an impossible date such as 2026-02-30).
  try {
    createWorkingCalendar({ timeZone: p.timeZone, overrides: p.calendarOverrides })
  } catch (err) {
    ctx.addIssue({ code: 'custom', path: ['calendarOverrides'], message: (err as Error).message })
  }
}

export const BenchProfile = z.object(profileShape(false)).superRefine(checkProfile)
export type BenchProfile = z.infer<typeof BenchProfile>
/** The same profile, refusing unknown keys — what an imported file must match. */
export const StrictBenchProfile = z.strictObject(profileShape(true)).superRefine(checkProfile)

export const defaultBenchProfile = (): BenchProfile => BenchProfile.parse({})

/**
 * A partial change from the Settings screen: each given top-level field replaces the stored one. The defaults
 * are taken off first — a left-out field must stay as stored, not fall back to its default.
 */
export const BenchProfilePatch = z.strictObject(
  Object.fromEntries(
    Object.entries(profileShape(true)).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
  ) as { [K in keyof ReturnType<typeof profileShape>]: z.ZodOptional<ReturnType<ReturnType<typeof profileShape>[K]['unwrap']>> },
)
export type BenchProfilePatch = z.input<typeof BenchProfilePatch>

/** Applies a patch and validates the whole result (cross-field rules included). */
export function applyProfilePatch(profile: BenchProfile, patch: z.output<typeof BenchProfilePatch>): z.ZodSafeParseResult<BenchProfile> {
  const merged: Record<string, unknown> = { ...profile }
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) merged[k] = v
  return BenchProfile.safeParse(merged)
}

/** The warehouse calendar this bench judges deadlines by (time zone + the overrides from settings). */
export function workingCalendarOf(profile: Pick<BenchProfile, 'timeZone' | 'calendarOverrides'>): WorkingCalendar {
  return createWorkingCalendar({ timeZone: profile.timeZone, overrides: profile.calendarOverrides })
}

// ─── Export / import ────────────────────────────────────────────────────────────────────────────────────────

export const BENCH_PROFILE_FILE_KIND = 'ozon-station/bench-profile'
export const BENCH_PROFILE_FILE_VERSION = 1

/** The exported file: the profile and the operators' names. No Api-Keys, no PINs, no account data. */
export const BenchProfileFile = z.strictObject({
  kind: z.literal(BENCH_PROFILE_FILE_KIND, { error: `not a bench profile file (expected kind "${BENCH_PROFILE_FILE_KIND}")` }),
  version: z.literal(BENCH_PROFILE_FILE_VERSION, { error: `made by another version of the station (this one reads version ${BENCH_PROFILE_FILE_VERSION})` }),
  exportedAt: z.string().optional(),
  profile: StrictBenchProfile,
  operators: z.array(z.strictObject({ name: OperatorName })).max(200).default([]),
})
export type BenchProfileFile = z.infer<typeof BenchProfileFile>

export function benchProfileFile(profile: BenchProfile, operators: readonly Pick<Operator, 'name'>[], exportedAt: string): BenchProfileFile {
  return {
    kind: BENCH_PROFILE_FILE_KIND,
    version: BENCH_PROFILE_FILE_VERSION,
    exportedAt,
    profile,
    operators: operators.map((o) => ({ name: o.name })),
  }
}

/** One thing wrong in an imported file: `field` is the dotted path inside the file ('' = the file as a whole). */
export interface ImportProblem {
  field: string
  message: string
}

export type ImportOutcome = { ok: true; file: BenchProfileFile } | { ok: false; problems: ImportProblem[] }

/** Reads an exported profile from its text; every problem names the field and says what is expected. */
export function parseBenchProfileFile(text: string): ImportOutcome {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return { ok: false, problems: [{ field: '', message: `the file is not valid JSON (${(err as Error).message})` }] }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '', message: 'the file must hold one JSON object { "kind": …, "profile": … }' }] }
  }
  const parsed = BenchProfileFile.safeParse(raw)
  if (parsed.success) return { ok: true, file: parsed.data }
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 20).map((issue) => ({ field: fieldOf(issue), message: messageOf(issue) })),
  }
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const base = issue.path.map(String)
  // An unknown key is reported on its parent object; name the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) return [...base, issue.keys[0]!].join('.')
  return base.join('.')
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} — remove it or check the spelling`
  return issue.message
}
