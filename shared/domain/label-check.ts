// The label check: right after a label is printed, the packer scans it and the station says whether it is the
// label of the package in their hands. A wrong label on a bag is a parcel sent to the wrong buyer, so a
// mismatch is loud. Pure rules; the station supplies what each printed label carries.
//
// What a label carries:
// - the station's bag label: the posting number (Code 128 and DataMatrix);
// - Ozon's label: its upper barcode (`%101%806044518`) and its 14-digit lower barcode — not the posting number.

export type CheckedLabelKind = 'bag-label' | 'ozon-label'

/** One label of the job being checked (all labels of a check are of one kind). */
export interface ExpectedLabel {
  postingNumber: string
  /** The codes a scanner reads off this label; empty when not known yet (Ozon's barcodes before a sync). */
  codes: string[]
  confirmed: boolean
}

/**
 * - match: the code belongs to a label of this check not scanned yet;
 * - repeat: that label was already confirmed (scanned twice — harmless, said quietly);
 * - mismatch: the code is not on any label of this check (another package's label, a product, the wrong kind).
 */
export type LabelScanVerdict = 'match' | 'repeat' | 'mismatch'

/** Scanners add spaces or lower-case letters now and then; labels never differ by those. */
export function normaliseLabelCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase()
}

/** The label of this check a scanned code belongs to, judged by the codes known locally. */
export function judgeLabelScan(labels: readonly ExpectedLabel[], code: string): { verdict: LabelScanVerdict; postingNumber: string | null } {
  const scanned = normaliseLabelCode(code)
  if (!scanned) return { verdict: 'mismatch', postingNumber: null }
  const hit = labels.find((l) => l.codes.some((c) => normaliseLabelCode(c) === scanned))
  if (!hit) return { verdict: 'mismatch', postingNumber: null }
  return { verdict: hit.confirmed ? 'repeat' : 'match', postingNumber: hit.postingNumber }
}

/**
 * A code that matched nothing locally but that Ozon resolved to `postingNumber` — one of Ozon's label barcodes the
 * station did not know yet. Only for a check of Ozon's labels: it is a match when one of them is that posting's.
 */
export function judgeResolvedScan(labels: readonly ExpectedLabel[], postingNumber: string): { verdict: LabelScanVerdict; postingNumber: string | null } {
  const hit = labels.find((l) => l.postingNumber === postingNumber)
  if (!hit) return { verdict: 'mismatch', postingNumber: null }
  return { verdict: hit.confirmed ? 'repeat' : 'match', postingNumber: hit.postingNumber }
}

/** The codes a label of this kind carries, from what the station knows about the posting. */
export function labelCodes(kind: CheckedLabelKind, postingNumber: string, ozonBarcodes: { upper: string; lower: string } | null): string[] {
  if (kind === 'bag-label') return [postingNumber]
  return ozonBarcodes ? [ozonBarcodes.upper, ozonBarcodes.lower].filter((c) => c.trim() !== '') : []
}

/** A scanned code that could be one of Ozon's label barcodes (so asking Ozon about it makes sense). */
export function looksLikeOzonLabelCode(code: string): boolean {
  const c = normaliseLabelCode(code)
  return /^%\d+%\d+$/.test(c) || /^\d{10,20}$/.test(c)
}
