// Ozon accounts (seller cabinets) as the station sees them: what a person types to connect one, and the
// verdict on a key after asking Ozon `/v1/roles` (roles + expiry). Pure rules, shared by the core and the UI;
// the Api-Key itself never appears in anything defined here except the input of the add form.
import { z } from 'zod'

export const DEFAULT_OZON_API_URL = 'https://api-seller.ozon.ru'
/** The embedded sandbox's account id in demo mode. */
export const DEMO_ACCOUNT_ID = 'demo'
/** Warn this many days before a key expires (Ozon keys live 3–6 months now). */
export const KEY_EXPIRY_WARNING_DAYS = 14

export const ClientId = z
  .string()
  .trim()
  .min(1, 'enter the Client-Id from the seller cabinet (Settings → API keys)')
  .max(40, 'a Client-Id is at most 40 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'a Client-Id is a number such as 123456 — copy it from the seller cabinet (Settings → API keys)')

export const ApiKey = z
  .string()
  .trim()
  .min(1, 'paste the Api-Key from the seller cabinet (Settings → API keys)')
  .max(200, 'an Api-Key is at most 200 characters — check that only the key was pasted')
  .regex(/^\S+$/, 'an Api-Key has no spaces — check that only the key was pasted')

export const AccountLabel = z.string().trim().min(1, 'enter a name').max(60, 'at most 60 characters')

/** The API address: https, or plain http only to this computer (a local sandbox) — a key never crosses a network unencrypted. */
export const ApiUrl = z
  .string()
  .trim()
  .refine((text) => urlProblem(text) === null, { error: (issue) => urlProblem(String(issue.input)) ?? 'invalid address' })
  .transform((text) => text.replace(/\/+$/, ''))

export function urlProblem(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'write the full address, e.g. https://api-seller.ozon.ru'
  }
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null
  if (url.protocol === 'http:') return 'use https:// — plain http:// is allowed only for a sandbox on this computer (127.0.0.1)'
  return 'the address must start with https://'
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * The station's id of an account: its Client-Id (unique per cabinet at Ozon). The embedded demo owns the id
 * `demo`, so a cabinet whose Client-Id is literally "demo" (an external sandbox) is told apart by its host.
 */
export function accountIdFor(clientId: string, url: string): string {
  const id = clientId.trim()
  if (id !== DEMO_ACCOUNT_ID) return id
  let host = url
  try {
    host = new URL(url).host
  } catch {
    /* keep the text */
  }
  return `${id}@${host}`
}

// ─── Access check ───────────────────────────────────────────────────────────────────────────────────────────

export const ACCESS_OUTCOMES = [
  'ok', // the key works and has the FBS roles
  'expires_soon', // works, but expires within KEY_EXPIRY_WARNING_DAYS
  'expired', // Ozon says the key's time is over
  'wrong_key', // Ozon refused the Client-Id / Api-Key pair (403 code 7 / 401 code 16)
  'missing_roles', // the key works but cannot handle FBS postings
  'restricted', // the key is limited to other IP addresses, or the offer is not signed
  'unreachable', // no connection / no answer in time
  'ozon_unavailable', // Ozon answered with a failure (5xx, rate limit, unreadable answer)
] as const
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number]

export const AccessCheck = z.object({
  outcome: z.enum(ACCESS_OUTCOMES),
  checkedAt: z.string(),
  /** Role names Ozon gave the key; empty when it gave none or the check failed. */
  roles: z.array(z.string()),
  /** False when Ozon did not list roles (older API): the FBS rights could not be confirmed, nothing is blocked. */
  rolesKnown: z.boolean(),
  expiresAt: z.string().nullable(),
  /** Whole days until expiry (negative = expired), null when unknown. */
  daysLeft: z.number().int().nullable(),
  /** Ozon's own reason on failure (never contains the key: the client scrubs it). */
  detail: z.string().default(''),
})
export type AccessCheck = z.infer<typeof AccessCheck>

/** Outcomes with which the account can be used (expires_soon works, with a warning). */
export function isUsable(outcome: AccessOutcome): boolean {
  return outcome === 'ok' || outcome === 'expires_soon'
}

/** Outcomes that mean "we could not ask" rather than "Ozon said no": saving anyway is a fair choice. */
export function isInconclusive(outcome: AccessOutcome): boolean {
  return outcome === 'unreachable' || outcome === 'ozon_unavailable'
}

/**
 * Whether the roles let the key work FBS postings. Ozon names roles in the seller cabinet ("Posting FBS",
 * "Admin"); the method lists per role are not relied upon because the roles answer is new and thinly documented.
 * A read-only admin cannot pack.
 */
export function hasFbsRole(roles: readonly string[]): boolean {
  return roles.some((r) => {
    const name = r.trim().toLowerCase()
    if (/read[\s_-]*only|только чтение/.test(name)) return false
    return /\bfbs\b|fbs$|^admin$|^administrator$|^администратор$/.test(name)
  })
}

const DAY_MS = 86_400_000

/** The verdict on a key Ozon accepted: roles and expiry judged at `now`. */
export function judgeAccess(
  answer: { roles: readonly string[]; expiresAt: string | null },
  now: Date,
  warnDays = KEY_EXPIRY_WARNING_DAYS,
): Omit<AccessCheck, 'checkedAt' | 'detail'> {
  const roles = [...answer.roles]
  const rolesKnown = roles.length > 0
  const expiresMs = answer.expiresAt ? Date.parse(answer.expiresAt) : NaN
  const expiresAt = Number.isFinite(expiresMs) ? new Date(expiresMs).toISOString() : null
  const daysLeft = expiresAt ? Math.floor((expiresMs - now.getTime()) / DAY_MS) : null
  let outcome: AccessOutcome = 'ok'
  if (expiresAt && expiresMs <= now.getTime()) outcome = 'expired'
  else if (rolesKnown && !hasFbsRole(roles)) outcome = 'missing_roles'
  else if (daysLeft !== null && daysLeft < warnDays) outcome = 'expires_soon'
  return { outcome, roles, rolesKnown, expiresAt, daysLeft }
}

/** The verdict when Ozon could not be asked or refused, from the Ozon client's error kind. */
export function outcomeOfFailure(kind: string, ozonMessage = ''): AccessOutcome {
  const m = ozonMessage.toLowerCase()
  if (kind === 'auth') return m.includes('deactivated') || m.includes('expired') ? 'expired' : 'wrong_key'
  if (kind === 'forbidden') return m.includes('missing a required role') ? 'missing_roles' : 'restricted'
  if (kind === 'network' || kind === 'timeout') return 'unreachable'
  return 'ozon_unavailable'
}
