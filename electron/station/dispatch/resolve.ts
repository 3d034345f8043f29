// What a code scanned at hand-over stands for. A package carries three kinds of codes: our bag label (the posting
// number as Code 128), Ozon's label (`upper_barcode` / `lower_barcode`) and, for 3PL carriers, the carrier's
// tracking label. All of them are looked up in the station's own data first; a label barcode the station has
// never seen is asked from Ozon (get-by-barcode), so a package packed at another bench is still recognised.
import type { Posting } from '../../../shared/domain/posting'
import { normalizeTrackingNumber } from '../../../shared/domain/tracking-rules'
import { OzonError } from '../../ozon'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { postingFromOzon } from '../orders/from-ozon'
import type { TrackingService } from '../tracking'

export type ScanVia = 'posting' | 'ozon_label' | 'tracking'

export type Resolved =
  | { found: true; posting: Posting; via: ScanVia }
  | { found: false; reason: 'unknown' | 'ambiguous' | 'unreachable'; message: string }

const POSTING_NUMBER = /^\d{5,}-\d{1,6}-\d{1,4}$/

export async function resolveScan(ctx: StationContext, tracking: TrackingService, raw: string, preferAccount: string): Promise<Resolved> {
  const code = raw.replace(/\s+/g, '')
  const postings = Object.values(ctx.orders.data.postings)
  const pick = (list: Posting[], via: ScanVia): Resolved | null => {
    if (list.length === 0) return null
    const mine = list.filter((p) => p.accountId === preferAccount)
    const chosen = mine.length === 1 ? mine[0]! : list.length === 1 ? list[0]! : null
    if (!chosen) return { found: false, reason: 'ambiguous', message: `The code ${code} fits several postings — scan the bag label instead` }
    return { found: true, posting: chosen, via }
  }

  const byNumber = pick(
    postings.filter((p) => p.postingNumber === code),
    'posting',
  )
  if (byNumber) return byNumber
  const byLabel = pick(
    postings.filter((p) => p.labelBarcodes !== null && (p.labelBarcodes.upper === code || p.labelBarcodes.lower === code)),
    'ozon_label',
  )
  if (byLabel) return byLabel
  const track = normalizeTrackingNumber(code)
  const holders = tracking.holdersOf(track)
  const byTracking = pick(
    holders.map((h) => ctx.orders.data.postings[postingKey(h.accountId, h.postingNumber)]).filter((p): p is Posting => p !== undefined),
    'tracking',
  )
  if (byTracking) return byTracking

  // Not in the station's data: ask Ozon (the bench's account first).
  const accounts = [...ctx.accounts.list()].sort((a, b) => (a.id === preferAccount ? -1 : b.id === preferAccount ? 1 : 0))
  let unreachable: string | null = null
  for (const account of accounts) {
    try {
      const number = POSTING_NUMBER.test(code) ? code : (await account.client.getPostingByBarcode(code)).posting_number
      const posting = postingFromOzon(await account.client.getPosting(number, { productExemplars: false }), account.id, ctx.now().toISOString())
      await ctx.orders.update((d) => {
        d.postings[postingKey(account.id, posting.postingNumber)] = posting
      })
      return { found: true, posting, via: POSTING_NUMBER.test(code) ? 'posting' : 'ozon_label' }
    } catch (err) {
      if (err instanceof OzonError && ['not_found', 'validation', 'business'].includes(err.kind)) continue
      unreachable = err instanceof OzonError ? err.human : String(err)
    }
  }
  if (unreachable) return { found: false, reason: 'unreachable', message: `The code ${code} is not in the station's data and Ozon cannot be asked now (${unreachable})` }
  return { found: false, reason: 'unknown', message: `Nothing is known by the code ${code} — scan the posting label (our bag label or Ozon's label)` }
}
