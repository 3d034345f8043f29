// Errors that cross the contract. Every error a person may see carries a stable `code`, an English
// `message` (logs, API clients) and, where the UI should say it in the bench's language, an i18n `key`
// with `params`. `field` names the argument that was wrong.
import { z } from 'zod'

export const ERROR_CODES = [
  'invalid_args', // arguments did not match the contract (field says which)
  'unknown_method',
  'unauthorized', // web host: missing or wrong start token
  'not_found', // e.g. no such posting
  'conflict', // the state does not allow this now (already packed, already in a batch, …)
  'ozon_unavailable', // network, timeout, 5xx, rate limit after retries — try again later
  'ozon_rejected', // Ozon answered with a business or auth error — needs a person
  'printer', // the printer could not be reached or reported a fault
  'storage', // the data dir cannot be read or written
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ErrorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  details: z.unknown().optional(),
})
export type ErrorInfo = z.infer<typeof ErrorInfo>

export const ErrorBody = z.object({ error: ErrorInfo })

export class StationError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly key?: string
  readonly params?: Record<string, string | number>
  readonly details?: unknown

  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'StationError'
    this.code = info.code
    this.field = info.field
    this.key = info.key
    this.params = info.params
    this.details = info.details
  }

  toJSON(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.field !== undefined) info.field = this.field
    if (this.key !== undefined) info.key = this.key
    if (this.params !== undefined) info.params = this.params
    if (this.details !== undefined) info.details = this.details
    return info
  }
}

/** HTTP status the web host answers with for each code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_args: 400,
  unknown_method: 404,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  ozon_unavailable: 503,
  ozon_rejected: 502,
  printer: 503,
  storage: 500,
  internal: 500,
}

/** Turns a zod failure into an invalid_args error whose message names the field. */
export function invalidArgs(method: string, error: z.ZodError): StationError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined
  const what = field ? `field "${field}"` : 'arguments'
  return new StationError({
    code: 'invalid_args',
    message: `${method}: ${what}: ${issue?.message ?? 'invalid'}`,
    field,
    key: 'errors.invalidArgs',
    params: { method, field: field ?? '' },
  })
}
