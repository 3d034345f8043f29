// Scan to verify: what a scanned code means on the packing screen. A product barcode (the seller's EAN or Ozon's
// `OZN…`), the offer id or the SKU counts one unit; a marking code (DataMatrix) records the code and counts the
// unit it belongs to; a posting number or an Ozon label barcode opens that posting. Everything else is a loud
// error that names what was scanned. Pure: the core decides what to do with the answer.
import { gtin14Of, looksLikeMark, parseMark, restoreGs, type MarkProblem } from './packing-marks'
import { orderedQuantities, verifiedQuantities, type PackingPlan } from './packing-plan'

export interface ScanItem {
  sku: number
  offerId: string
  name: string
  requiresMarkingCode: boolean
}

/** Barcodes of a product, from Ozon's product info (EAN-13 and/or `OZN<sku>`). */
export type BarcodeBook = ReadonlyMap<number, readonly string[]>

export interface ScanContext {
  items: readonly ScanItem[]
  barcodes: BarcodeBook
  /** Looks a code up among products seen before that are not in this posting (for "wrong item: X"). */
  otherProduct?: (code: string) => { sku: number; offerId: string; name: string } | undefined
  /** The line the packer has selected: the owner of a marking code whose GTIN cannot be matched otherwise. */
  selectedSku?: number | null
  gsStandIn?: string
}

export type ScanMatch =
  | { kind: 'unit'; sku: number; via: 'barcode' | 'offer_id' | 'sku' | 'mark'; code: string }
  | { kind: 'mark'; sku: number; code: string }
  | { kind: 'bad_mark'; problem: MarkProblem; message: string; code: string }
  | { kind: 'mark_foreign'; gtin: string; code: string }
  | { kind: 'other_product'; product: { sku: number; offerId: string; name: string }; code: string }
  | { kind: 'posting'; code: string }
  | { kind: 'unknown'; code: string }

const POSTING_NUMBER = /^\d{5,}-\d{1,6}-\d{1,4}$/
const LABEL_BARCODE = /^%\d{3}%\d{5,}$|^\d{14,15}$/

export function interpretScan(raw: string, ctx: ScanContext): ScanMatch {
  const code = restoreGs(raw.trim(), ctx.gsStandIn)
  if (looksLikeMark(code)) return markMatch(code, ctx)

  for (const candidate of candidates(code)) {
    const hit = findItem(candidate, ctx)
    if (hit) return { kind: 'unit', sku: hit.sku, via: hit.via, code: candidate }
  }
  for (const candidate of candidates(code)) if (POSTING_NUMBER.test(candidate)) return { kind: 'posting', code: candidate }
  for (const candidate of candidates(code)) {
    const other = ctx.otherProduct?.(candidate)
    if (other) return { kind: 'other_product', product: other, code: candidate }
  }
  if (LABEL_BARCODE.test(code)) return { kind: 'posting', code }
  return { kind: 'unknown', code }
}

function markMatch(code: string, ctx: ScanContext): ScanMatch {
  const parsed = parseMark(code)
  if (!parsed.ok) return { kind: 'bad_mark', problem: parsed.problem, message: parsed.message, code }
  const byGtin = ctx.items.find((i) => (ctx.barcodes.get(i.sku) ?? []).some((b) => gtin14Of(b) === parsed.gtin))
  if (byGtin) {
    return byGtin.requiresMarkingCode ? { kind: 'mark', sku: byGtin.sku, code: parsed.code } : { kind: 'unit', sku: byGtin.sku, via: 'mark', code: parsed.code }
  }
  // A marked product without an EAN in Ozon's card: the code cannot name its product, so it goes to the
  // selected line, or to the only marked line that has no GTIN to compare with.
  const unmatchable = ctx.items.filter((i) => i.requiresMarkingCode && !(ctx.barcodes.get(i.sku) ?? []).some((b) => gtin14Of(b) !== null))
  const selected = unmatchable.find((i) => i.sku === ctx.selectedSku)
  const owner = selected ?? (unmatchable.length === 1 ? unmatchable[0] : undefined)
  if (owner) return { kind: 'mark', sku: owner.sku, code: parsed.code }
  return { kind: 'mark_foreign', gtin: parsed.gtin, code: parsed.code }
}

function findItem(code: string, ctx: ScanContext): { sku: number; via: 'barcode' | 'offer_id' | 'sku' } | undefined {
  for (const i of ctx.items) if ((ctx.barcodes.get(i.sku) ?? []).includes(code)) return { sku: i.sku, via: 'barcode' }
  const byOffer = ctx.items.find((i) => i.offerId === code) ?? ctx.items.find((i) => i.offerId.toLowerCase() === code.toLowerCase())
  if (byOffer) return { sku: byOffer.sku, via: 'offer_id' }
  if (/^\d+$/.test(code)) {
    const bySku = ctx.items.find((i) => String(i.sku) === code)
    if (bySku) return { sku: bySku.sku, via: 'sku' }
  }
  return undefined
}

/** The code as typed, then (if it differs) re-read as if the keys had been pressed on a Latin layout. */
function candidates(code: string): string[] {
  const latin = latinFromRussianLayout(code)
  return latin === code ? [code] : [code, latin]
}

// Russian ЙЦУКЕН letters → the Latin letter on the same key of a US keyboard.
const RU_TO_US: Record<string, string> = {
  й: 'q', ц: 'w', у: 'e', к: 'r', е: 't', н: 'y', г: 'u', ш: 'i', щ: 'o', з: 'p', х: '[', ъ: ']',
  ф: 'a', ы: 's', в: 'd', а: 'f', п: 'g', р: 'h', о: 'j', л: 'k', д: 'l', ж: ';', э: "'",
  я: 'z', ч: 'x', с: 'c', м: 'v', и: 'b', т: 'n', ь: 'm', б: ',', ю: '.', ё: '`',
}

/**
 * A code typed by hand while the Russian layout was on (`ЬГП-КУВ-350` for `MUG-RED-350`) → the Latin text
 * the keys meant. Only letters are mapped; digits and `-` are the same on both layouts.
 */
export function latinFromRussianLayout(text: string): string {
  let out = ''
  for (const ch of text) {
    const lower = ch.toLowerCase()
    const mapped = RU_TO_US[lower]
    if (mapped === undefined) out += ch
    else out += ch === lower ? mapped : mapped.toUpperCase()
  }
  return out
}

export interface Remaining {
  sku: number
  offerId: string
  name: string
  /** Units still to verify. */
  remaining: number
}

/** What is still expected on the bench: unverified units per line, in posting order. */
export function remainingToVerify(items: readonly ScanItem[], quantities: readonly { sku: number; quantity: number }[], plan: PackingPlan): Remaining[] {
  const ordered = orderedQuantities(quantities)
  const verified = verifiedQuantities(plan)
  return items
    .map((i) => ({ sku: i.sku, offerId: i.offerId, name: i.name, remaining: (ordered.get(i.sku) ?? 0) - (verified.get(i.sku) ?? 0) }))
    .filter((r) => r.remaining > 0)
}
