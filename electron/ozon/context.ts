// What every method module shares: the transport, the switchable variants, and answer validation that turns a
// schema mismatch into a clear OzonError ("malformed") naming the method, the posting and the field.
import type { z } from 'zod'
import { OzonError, type OzonLocale } from './errors'
import type { Clock } from './rate-limiter'
import type { CallOptions, OzonLogger, OzonTransport } from './transport'

/**
 * Every point the reference marks [UNCERTAIN] or [CONFLICT] that the client has to choose on. Defaults follow the
 * reference's recommendation; each can be flipped per account without a code change.
 */
export interface OzonClientVariants {
  /** Unfulfilled list: v4 (cursor, ≤100) first; v3 (offset, ≤1000) when v4 is missing or chosen (§5.1/5.2). */
  unfulfilledList: 'v4' | 'v3'
  /** All-postings list (§5.3/5.4). */
  postingList: 'v4' | 'v3'
  warehouses: 'v2' | 'v1'
  deliveryMethods: 'v2' | 'v1'
  /** When the preferred version answers "method not found", try the older one and remember it (§12). */
  fallbackToOlder: boolean
  /** Label path: the v3 task + v2 get (default, §7.0) or the old synchronous PDF method (§7.1). */
  labels: 'task' | 'sync'
  /** ship/package exemplar key spelling (§6.2 [CONFLICT]). */
  exemplarIdsKey: 'exemplarsIds' | 'exemplarIds'
  /** multi-box path (§6.4 [CONFLICT]). */
  multiboxPath: '/v3/posting/multiboxqty/set' | '/v3/posting/multi-box-qty/set'
  /** Filter key for the status-change window in v4 lists (§5.2 [CONFLICT]). */
  lastChangedStatusDateKey: 'last_changed_status_date' | 'last_change_status_date'
  /** `/v1/delivery-method/list` page size: 50 per the doc text, 100 in its example (§13.8). */
  deliveryMethodsV1PageSize: number
  /** int64 ids in requests: JSON numbers (when exact) or numeric strings — Ozon accepts both (§1.1). */
  int64Wire: 'number' | 'string'
  /** Statuses that mean "packed" after ship (rFBS aggregator passes awaiting_registration first, §2.5). */
  packedStatuses: string[]
}

export const DEFAULT_VARIANTS: OzonClientVariants = {
  unfulfilledList: 'v4',
  postingList: 'v4',
  warehouses: 'v2',
  deliveryMethods: 'v2',
  fallbackToOlder: true,
  labels: 'task',
  exemplarIdsKey: 'exemplarsIds',
  multiboxPath: '/v3/posting/multiboxqty/set',
  lastChangedStatusDateKey: 'last_changed_status_date',
  deliveryMethodsV1PageSize: 50,
  int64Wire: 'number',
  packedStatuses: ['awaiting_deliver', 'awaiting_registration'],
}

export interface MethodContext {
  transport: OzonTransport
  variants: OzonClientVariants
  locale: OzonLocale
  logger: OzonLogger
  /** Version choices learnt at run time (after a fallback), per method family. */
  learnt: Map<string, string>
  clock: Clock
}

export async function post(ctx: MethodContext, method: string, body: unknown, opts: CallOptions): Promise<unknown> {
  return ctx.transport.postJson(method, body, opts)
}

/** Validates an answer; a mismatch becomes a "malformed" OzonError that says where. */
export function parseAnswer<S extends z.ZodType>(ctx: MethodContext, method: string, schema: S, data: unknown, subject?: string): z.output<S> {
  const r = schema.safeParse(data)
  if (r.success) return r.data
  const where = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
  throw new OzonError({
    kind: 'malformed',
    httpStatus: 200,
    code: null,
    ozonMessage: `unexpected answer${subject ? ` for ${subject}` : ''}: ${where}`,
    method,
    retryable: false,
    locale: ctx.locale,
    ...(subject ? { subject } : {}),
  })
}

/** A file answer (label, act) must be a PDF; anything else is a "malformed" answer, worth another try. */
export function assertPdf(ctx: MethodContext, method: string, bytes: Buffer, what: string): Buffer {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new OzonError({ kind: 'malformed', httpStatus: 200, code: null, ozonMessage: `${what} is not a PDF (${bytes.length} bytes)`, method, retryable: true, locale: ctx.locale })
  return bytes
}

/** int64 id for a request body, as the variant says. */
export function wireId(ctx: MethodContext, id: string | number): string | number {
  if (ctx.variants.int64Wire === 'string') return String(id)
  const n = Number(id)
  return Number.isSafeInteger(n) ? n : String(id)
}

/** True when an error means "this method (version) does not exist here" — the trigger for a fallback. */
export function isMethodMissing(e: unknown): boolean {
  return e instanceof OzonError && (e.httpStatus === 404 || e.httpStatus === 405 || e.httpStatus === 501 || e.code === 12) && e.kind !== 'auth'
}

/** Runs the preferred version, falling back to the older one when the preferred is missing; remembers the choice. */
export async function withFallback<T>(
  ctx: MethodContext,
  family: string,
  preferred: string,
  older: string,
  run: (version: string) => Promise<T>,
): Promise<T> {
  const chosen = ctx.learnt.get(family) ?? preferred
  try {
    return await run(chosen)
  } catch (e) {
    if (!ctx.variants.fallbackToOlder || chosen === older || !isMethodMissing(e)) throw e
    ctx.logger.warn('ozon method missing, falling back to the older version', { family, from: chosen, to: older })
    ctx.learnt.set(family, older)
    return run(older)
  }
}
