// Wire shapes of the posting lists (§5.1–5.4). Postings are kept as `unknown` here and validated one by one,
// so a bad posting is reported by its number instead of failing a page with a path like `postings.57.products.2`.
import { z } from 'zod'
import { Bool, Str, list } from './primitives'

const CountLike = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : Number(v)))

const V4Page = z.object({
  postings: list(z.unknown()),
  cursor: Str,
  has_next: Bool,
  count: CountLike,
})

/** v4 lists: top-level fields (docs, PYA) or wrapped in `result` (one live observation) — §5.2 [CONFLICT]. */
export const V4ListWire = z
  .union([z.object({ result: V4Page }), V4Page])
  .transform((v): z.output<typeof V4Page> => ('result' in v ? v.result : v))

export const V3UnfulfilledWire = z.object({
  result: z.object({ postings: list(z.unknown()), count: CountLike }),
})

export const V3ListWire = z.object({
  result: z.object({ postings: list(z.unknown()), has_next: Bool }),
})
