// The HTTP core every Ozon method goes through: headers, per-request timeout, keep-alive, the shared rate
// limiter, retries with exponential backoff + full jitter honouring Retry-After, and the translation of every
// failure into an OzonError. It knows nothing about postings. Secrets: the Api-Key is sent in a header and
// nowhere else; every text that leaves this module (errors, logs) is scrubbed of it.
import http from 'node:http'
import https from 'node:https'
import { OzonError, classifyHttpError, type OzonErrorKind, type OzonLocale } from './errors'
import { parseJsonLossless } from './json'
import { type Clock, type RateLimiter, realClock } from './rate-limiter'

export interface OzonLogger {
  info(msg: string, data?: object): void
  warn(msg: string, data?: object): void
  error(msg: string, data?: object): void
}

export interface RetryPolicy {
  /** Total tries including the first one. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out: the error goes to the caller instead. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 400, maxDelayMs: 8000, maxRetryAfterMs: 30_000 }

export interface TransportOptions {
  baseUrl: string
  clientId: string
  apiKey: string
  timeoutMs: number
  locale: OzonLocale
  logger: OzonLogger
  retry: RetryPolicy
  limiter: RateLimiter
  clock?: Clock
  /** Reuse TCP connections (default true). The bench turns it off for the naive baseline. */
  keepAlive?: boolean
  /** Largest body accepted, bytes (default 64 MiB). */
  maxBodyBytes?: number
}

export interface CallOptions {
  /**
   * Safe to send twice (reads, and writes whose repetition changes nothing, e.g. setting the same tracking
   * number). Non-idempotent calls (ship, cancel, carriage create) are retried only when Ozon certainly did not
   * act: 429 or a refused connection.
   */
  idempotent: boolean
  timeoutMs?: number
}

interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** Node error codes that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL'])

class AttemptFailure extends Error {
  constructor(
    readonly kind: OzonErrorKind,
    readonly detail: string,
    readonly notSent: boolean,
  ) {
    super(detail)
  }
}

export class OzonTransport {
  private readonly agent: http.Agent
  private readonly base: URL
  private readonly clock: Clock

  constructor(private readonly o: TransportOptions) {
    this.base = new URL(o.baseUrl)
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
      throw new Error(`Ozon base URL must be http(s)://…, got "${o.baseUrl}"`)
    const keepAlive = o.keepAlive ?? true
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive, maxSockets: 8 })
        : new http.Agent({ keepAlive, maxSockets: 8 })
    this.clock = o.clock ?? realClock
  }

  close(): void {
    this.agent.destroy()
  }

  /** POST a JSON body to an Ozon method and return the parsed JSON answer. */
  async postJson(method: string, body: unknown, opts: CallOptions): Promise<unknown> {
    const answer = await this.call(method, body, opts, (raw) => {
      try {
        return parseJsonLossless(raw.body.toString('utf8'))
      } catch {
        throw new AttemptFailure('malformed', `answer is not JSON (${raw.body.length} bytes)`, false)
      }
    })
    return answer
  }

  /**
   * POST to a method that answers with a file (label, act). Ozon sends raw bytes; the docs describe a JSON
   * object `{content_type, file_name, file_content}` instead (§1.6 [CONFLICT]) — both are accepted.
   */
  async postBinary(method: string, body: unknown, opts: CallOptions): Promise<{ bytes: Buffer; contentType: string }> {
    return this.call(method, body, opts, (raw) => decodeFileAnswer(raw))
  }

  /** Plain GET of a file URL Ozon handed out (label task `file_url`): no Ozon headers, same retries. */
  async getFile(url: string): Promise<{ bytes: Buffer; contentType: string }> {
    const target = new URL(url, this.base)
    return this.withRetries('GET file_url', { idempotent: true }, async () => {
      const raw = await this.send(target, 'GET', null, this.o.timeoutMs, false)
      if (raw.status >= 200 && raw.status < 300) return decodeFileAnswer(raw)
      throw this.httpError('GET file_url', raw)
    })
  }

  private async call<T>(method: string, body: unknown, opts: CallOptions, decode: (raw: RawAnswer) => T): Promise<T> {
    const target = new URL(method, this.base)
    const payload = JSON.stringify(body ?? {})
    return this.withRetries(method, opts, async () => {
      const done = await this.o.limiter.acquire(method)
      let raw: RawAnswer
      try {
        raw = await this.send(target, 'POST', payload, opts.timeoutMs ?? this.o.timeoutMs, true)
      } finally {
        done()
      }
      if (raw.status >= 200 && raw.status < 300) return decode(raw)
      throw this.httpError(method, raw)
    })
  }

  private async withRetries<T>(method: string, opts: CallOptions, attempt: () => Promise<T>): Promise<T> {
    const policy = this.o.retry
    for (let n = 1; ; n++) {
      let error: OzonError
      try {
        return await attempt()
      } catch (e) {
        error = e instanceof OzonError ? e : this.toOzonError(method, e, opts)
      }
      const mayRepeat = error.retryable && (opts.idempotent || error.kind === 'rate_limit' || !error.outcomeUnknown)
      const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1))
      const delay = error.retryAfterMs != null ? error.retryAfterMs + backoff / 4 : backoff
      const tooLong = error.retryAfterMs != null && error.retryAfterMs > policy.maxRetryAfterMs
      if (!mayRepeat || n >= policy.attempts || tooLong) {
        this.o.logger.error('ozon request failed', { method, attempt: n, ...summary(error) })
        throw error
      }
      this.o.logger.warn('ozon request will be retried', { method, attempt: n, delayMs: Math.round(delay), ...summary(error) })
      await this.clock.sleep(delay)
    }
  }

  private toOzonError(method: string, e: unknown, opts: CallOptions): OzonError {
    if (e instanceof AttemptFailure) {
      const outcomeUnknown = !e.notSent && !opts.idempotent
      return new OzonError({
        kind: e.kind,
        httpStatus: null,
        code: null,
        ozonMessage: this.scrub(e.detail),
        method,
        // A malformed 2xx answer is worth another read; for a write we cannot know whether it was applied.
        retryable: e.kind !== 'malformed' || opts.idempotent,
        outcomeUnknown: e.notSent ? false : outcomeUnknown || e.kind === 'malformed',
        locale: this.o.locale,
      })
    }
    return new OzonError({
      kind: 'network',
      httpStatus: null,
      code: null,
      ozonMessage: this.scrub(e instanceof Error ? e.message : String(e)),
      method,
      retryable: true,
      outcomeUnknown: !opts.idempotent,
      locale: this.o.locale,
    })
  }

  private httpError(method: string, raw: RawAnswer): OzonError {
    const { code, message } = readErrorBody(raw)
    const { kind, retryable } = classifyHttpError(raw.status, code, message)
    return new OzonError({
      kind,
      httpStatus: raw.status,
      code,
      ozonMessage: this.scrub(message),
      method,
      retryable,
      // 5xx: the gateway may have failed after the backend acted.
      outcomeUnknown: raw.status >= 500,
      retryAfterMs: parseRetryAfter(raw.headers['retry-after'], this.clock.now()),
      locale: this.o.locale,
    })
  }

  private send(target: URL, verb: 'GET' | 'POST', payload: string | null, timeoutMs: number, withAuth: boolean): Promise<RawAnswer> {
    const lib = target.protocol === 'https:' ? https : http
    const headers: Record<string, string> = { Accept: 'application/json, application/pdf, */*' }
    if (payload !== null) {
      headers['Content-Type'] = 'application/json'
      headers['Content-Length'] = String(Buffer.byteLength(payload))
    }
    if (withAuth) {
      headers['Client-Id'] = this.o.clientId
      headers['Api-Key'] = this.o.apiKey
    }
    const maxBody = this.o.maxBodyBytes ?? 64 * 1024 * 1024
    return new Promise<RawAnswer>((resolve, reject) => {
      let settled = false
      const fail = (f: AttemptFailure) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        req.destroy()
        reject(f)
      }
      const req = lib.request(target, { method: verb, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > maxBody) fail(new AttemptFailure('malformed', `answer larger than ${maxBody} bytes`, false))
          else chunks.push(c)
        })
        res.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
        })
        res.on('error', (err) => fail(new AttemptFailure('network', `answer interrupted: ${errText(err)}`, false)))
        res.on('aborted', () => fail(new AttemptFailure('network', 'answer interrupted', false)))
      })
      const timer = setTimeout(() => fail(new AttemptFailure('timeout', `no answer within ${timeoutMs} ms`, false)), timeoutMs)
      req.on('error', (err: NodeJS.ErrnoException) => {
        // Only failures to connect prove the request was never seen. A reset — even on a reused keep-alive socket —
        // may come after the server acted, so a non-idempotent call treats it as an unknown outcome.
        fail(new AttemptFailure('network', errText(err), NOT_SENT_CODES.has(err.code ?? '')))
      })
      if (payload !== null) req.end(payload)
      else req.end()
    })
  }

  private scrub(text: string): string {
    return scrubSecret(text, this.o.apiKey)
  }
}

/** Removes the secret from a text (defence in depth: a proxy or server might echo headers). */
export function scrubSecret(text: string, secret: string): string {
  if (!secret || secret.length < 4) return text
  return text.split(secret).join('***')
}

function errText(err: NodeJS.ErrnoException): string {
  return err.code ? `${err.code} ${err.message}` : err.message
}

function summary(e: OzonError): object {
  return { kind: e.kind, httpStatus: e.httpStatus, code: e.code, ozonMessage: e.ozonMessage }
}

/** Reads Ozon's rpcStatus `{code, message, details}` (or the old `{error: {code, message}}`) from an error answer. */
function readErrorBody(raw: RawAnswer): { code: number | null; message: string } {
  const text = raw.body.toString('utf8')
  try {
    const j = JSON.parse(text) as Record<string, unknown>
    if (j && typeof j === 'object') {
      const inner = (j.error && typeof j.error === 'object' ? j.error : j) as Record<string, unknown>
      const code = typeof inner.code === 'number' ? inner.code : null
      const message = typeof inner.message === 'string' ? inner.message : typeof inner.code === 'string' ? inner.code : ''
      if (message || code !== null) return { code, message }
    }
  } catch {
    // not JSON: fall through
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 160)
  return { code: null, message: snippet ? `HTTP ${raw.status}: ${snippet}` : `HTTP ${raw.status}` }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | null {
  const v = Array.isArray(value) ? value[0] : value
  if (!v) return null
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs)
}

function decodeFileAnswer(raw: RawAnswer): { bytes: Buffer; contentType: string } {
  const contentType = String(raw.headers['content-type'] ?? '')
  if (!contentType.startsWith('application/json')) return { bytes: raw.body, contentType: contentType || 'application/octet-stream' }
  let j: unknown
  try {
    j = JSON.parse(raw.body.toString('utf8'))
  } catch {
    throw new AttemptFailure('malformed', 'file answer claims JSON but is not JSON', false)
  }
  const obj = (j && typeof j === 'object' && 'result' in j ? (j as { result: unknown }).result : j) as Record<string, unknown> | null
  if (obj && typeof obj.file_content === 'string') {
    return { bytes: Buffer.from(obj.file_content, 'base64'), contentType: typeof obj.content_type === 'string' ? obj.content_type : 'application/pdf' }
  }
  throw new AttemptFailure('malformed', 'file answer is JSON without file_content', false)
}
