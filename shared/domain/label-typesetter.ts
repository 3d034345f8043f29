// Type on a label: mm per point, line boxes of the label font (ascent 0.93 em, descent 0.25 em) and the fitting
// rules every line uses — shrink a little, then cut with "…". Measurement itself is injected (fontkit in Node).

/** Width in mm of `text` set in the label font at `fontSizePt`. */
export type MeasureText = (text: string, fontSizePt: number, bold: boolean) => number

export const PT_MM = 25.4 / 72
export const lineHeight = (pt: number) => pt * PT_MM * 1.18
export const ascent = (pt: number) => pt * PT_MM * 0.93
/** Nothing on a label is set smaller than this (≈1.8 mm). */
export const MIN_FONT_PT = 5
export const ELLIPSIS = '…'

/** Text measurement with the fitting rules every line on the label uses. */
export class Typesetter {
  constructor(private readonly measure: MeasureText) {}

  width(text: string, pt: number, bold: boolean): number {
    return text === '' ? 0 : this.measure(text, pt, bold)
  }

  /** The largest size ≤ `pt` (in 0.25 pt steps, not below `minPt`) at which `text` fits `maxMm`, if any. */
  shrinkToFit(text: string, pt: number, bold: boolean, maxMm: number, minPt: number): number | undefined {
    const w = this.width(text, pt, bold)
    if (w <= maxMm) return pt
    let size = Math.floor(((pt * maxMm) / w) * 4) / 4 // width grows linearly with size
    while (size >= minPt) {
      if (this.width(text, size, bold) <= maxMm) return size
      size -= 0.25
    }
    return undefined
  }

  /** `text` cut at the end with "…" so it fits `maxMm` (whole code points; empty if not even "…" fits). */
  truncate(text: string, pt: number, bold: boolean, maxMm: number): string {
    if (this.width(text, pt, bold) <= maxMm) return text
    const chars = Array.from(text)
    let lo = 0
    let hi = chars.length - 1
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (this.width(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, pt, bold) <= maxMm) lo = mid
      else hi = mid - 1
    }
    const cut = chars.slice(0, lo).join('').trimEnd() + ELLIPSIS
    return this.width(cut, pt, bold) <= maxMm ? cut : ''
  }
}
