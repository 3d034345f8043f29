// Errors the sandbox answers with, in Ozon's rpcStatus shape `{code, message, details}` (§1.4).
// gRPC codes: 3 invalid argument (Ozon also uses it for business reasons), 5 not found, 7 permission denied,
// 8 resource exhausted, 13 internal, 16 unauthenticated.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  body(): { code: number; message: string; details: unknown[] } {
    return { code: this.code, message: this.message, details: [] }
  }
}

/** `Request validation error: invalid <Message>.<Field>: <what>` — the wording Ozon's validator uses. */
export function invalid(message: string, field: string, what: string): ApiError {
  return new ApiError(400, 3, `Request validation error: invalid ${message}.${field}: ${what}`)
}

export function notFound(reason = 'POSTING_NOT_FOUND'): ApiError {
  return new ApiError(404, 5, reason)
}

/** A business refusal; the HTTP status is undocumented at Ozon (§1.4), so it is a sandbox switch. */
export function refused(status: 400 | 409, reason: string): ApiError {
  return new ApiError(status, 3, reason)
}
