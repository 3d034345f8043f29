// Building blocks for Ozon answers: tolerant of the wire variants Ozon is known to send (numbers as strings,
// prices as strings or objects, missing blocks), normalised so the station sees one shape.
import { z } from 'zod'

const INT_RE = /^-?\d+$/
const DEC_RE = /^-?\d+(\.\d+)?$/

/** int64 id (warehouse, delivery method, order, task, carriage…) → string, so no precision question ever arises. */
export const Int64Id = z
  .union([z.number().int(), z.string().regex(INT_RE, 'expected an integer id')])
  .transform((v) => String(v))

/** Optional int64 id: absent, null, 0 or "" → null. */
export const OptionalInt64Id = z
  .union([z.number().int(), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' || v === 0 || v === '0' ? null : String(v)))

/** A number that may arrive as a decimal string ("279.0000"). */
export const Decimal = z.union([z.number(), z.string().regex(DEC_RE, 'expected a decimal number')]).transform((v) => Number(v))

/** Ozon SKU / product id: int64 on the wire, far below 2^53 in practice; ship expects it as a number. */
export const Sku = z.union([z.number().int(), z.string().regex(INT_RE, 'expected an integer SKU')]).transform((v) => Number(v))

export const Money = z.object({ amount: z.number(), currency: z.string() })
export type Money = z.infer<typeof Money>

/**
 * Money in any of its wire shapes: `{amount, currency}` (amount number or string), `{amount, currency_code}`,
 * or a bare number/decimal string whose currency comes from a sibling field. Empty → null.
 */
export function moneyFrom(raw: unknown, fallbackCurrency: string): Money | null {
  if (raw === null || raw === undefined || raw === '') return null
  if (typeof raw === 'number') return { amount: raw, currency: fallbackCurrency }
  if (typeof raw === 'string') return DEC_RE.test(raw) ? { amount: Number(raw), currency: fallbackCurrency } : null
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>
    const amount = typeof o.amount === 'number' ? o.amount : typeof o.amount === 'string' && DEC_RE.test(o.amount) ? Number(o.amount) : null
    if (amount === null) return null
    const currency = typeof o.currency === 'string' && o.currency ? o.currency : typeof o.currency_code === 'string' && o.currency_code ? o.currency_code : fallbackCurrency
    return { amount, currency }
  }
  return null
}

export const MoneyLike = z
  .union([z.number(), z.string(), z.object({ amount: z.union([z.number(), z.string()]), currency: z.string().optional(), currency_code: z.string().optional() })])
  .nullish()

/** An optional block: absent or null → null. */
export function block<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => (v ?? null) as z.output<T> | null)
}

/** An optional list: absent or null → []. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => (v ?? []) as z.output<T>[])
}

export const Str = z
  .string()
  .nullish()
  .transform((v) => v ?? '')

export const NullableStr = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v))

export const Bool = z
  .boolean()
  .nullish()
  .transform((v) => v ?? false)

/** A per-item `error` field documented as a string but seen as `[]` or `null` in examples (§8.2 [CONFLICT]). */
export const ItemError = z
  .union([z.string(), z.array(z.unknown())])
  .nullish()
  .transform((v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.map(String).join('; ') : ''))
