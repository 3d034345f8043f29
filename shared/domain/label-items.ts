// The item lines of a bag label: "OFFER-ID × qty  name", as many as fit, long names set smaller, continued on a
// second line or cut with "…", and the rest summed up as "+N more".
import { fillCaption } from './label-captions'
import type { CheckedInput } from './label-input-checks'
import type { Column, LabelText } from './label-layout'
import { ELLIPSIS, MIN_FONT_PT, PT_MM, ascent, lineHeight, type Typesetter } from './label-typesetter'

export interface ItemList {
  elements: LabelText[]
  shown: number
  /** Item names cut with "…". */
  cuts: number
}

/** Item lines at `pt` between `top` and `bottom`; undefined when not even one item fits. */
export function listItems(type: Typesetter, input: CheckedInput, B: Column, top: number, bottom: number, pt: number, roomy: boolean, gap: number): ItemList | undefined {
  const items = input.items
  const lh = lineHeight(pt)
  const elements: LabelText[] = []
  const text = (t: Omit<LabelText, 'kind' | 'color' | 'widthMm'>) =>
    elements.push({ kind: 'text', color: 'black', ...t, widthMm: type.width(t.text, t.fontSizePt, t.bold) })
  const slots = Math.floor((bottom - top + 1e-9) / lh)
  let shown: number
  let moreInline = false
  if (slots >= items.length) shown = items.length
  else if (roomy) shown = slots - 1 // the last slot says "+N more"
  else {
    shown = slots // compact: "+N more" shares the last item line
    moreInline = true
  }
  if (shown < 1) return undefined
  const hidden = items.length - shown
  const moreText = hidden > 0 ? fillCaption(input.captions.more, { n: hidden }) : ''
  const moreW = moreText ? type.width(moreText, pt, true) : 0
  // When every item is listed and lines are left over, a long name continues on a second, indented line.
  let spare = hidden === 0 ? slots - shown : 0
  const indent = pt * PT_MM * 1.5
  let cuts = 0
  let y = top
  for (let i = 0; i < shown; i++) {
    const withMore = i === shown - 1 && moreInline && hidden > 0
    const maxW = withMore ? B.wMm - moreW - gap : B.wMm
    const { pt: linePt, lines: [first, rest] } = itemLines(type, items[i]!, pt, maxW, spare > 0 ? maxW - indent : 0)
    text({ role: 'item', text: first, xMm: B.xMm, baselineMm: y + ascent(pt), fontSizePt: linePt, bold: false, maxWidthMm: maxW })
    if (withMore) {
      text({ role: 'moreItems', text: moreText, xMm: B.xMm + B.wMm - moreW, baselineMm: y + ascent(pt), fontSizePt: pt, bold: true, maxWidthMm: moreW })
    }
    y += lh
    if (rest) {
      text({ role: 'itemContinued', text: rest, xMm: B.xMm + indent, baselineMm: y + ascent(pt), fontSizePt: pt, bold: false, maxWidthMm: maxW - indent })
      y += lh
      spare--
    }
    if ((rest ?? first).endsWith(ELLIPSIS)) cuts++
  }
  if (hidden > 0 && !moreInline) {
    text({ role: 'moreItems', text: type.truncate(moreText, pt, true, B.wMm), xMm: B.xMm, baselineMm: y + ascent(pt), fontSizePt: pt, bold: true, maxWidthMm: B.wMm })
    y += lh
  }
  return y > bottom + 1e-6 ? undefined : { elements, shown, cuts }
}

/**
 * "OFFER-ID × 2  Product name…": the offer id and quantity stay whole; the name gives way first. A line a little
 * too long is set up to 10 % smaller; beyond that, with `continuationMm` > 0, the name breaks at a word onto a
 * second line of that width, else it is cut with "…".
 */
function itemLines(
  type: Typesetter,
  item: { offerId: string; name: string; quantity: number },
  pt: number,
  maxMm: number,
  continuationMm: number,
): { pt: number; lines: [string, string?] } {
  const qty = ` × ${item.quantity}`
  const head = item.offerId ? `${item.offerId}${qty}` : ''
  if (head && type.width(head, pt, false) > maxMm) {
    return { pt, lines: [type.truncate(item.offerId, pt, false, maxMm - type.width(qty, pt, false)) + qty] }
  }
  const full = !item.offerId ? `${item.name}${qty}` : item.name ? `${head}  ${item.name}` : head
  const smaller = type.shrinkToFit(full, pt, false, maxMm, Math.max(MIN_FONT_PT, 0.9 * pt))
  if (smaller !== undefined) return { pt: smaller, lines: [full] }
  if (continuationMm <= 0) return { pt, lines: [type.truncate(full, pt, false, maxMm)] }
  // Break after the last whole word that fits (never inside the offer id and quantity).
  const words = full.split(' ')
  let cut = 0
  for (let n = 1; n < words.length; n++) {
    const line = words.slice(0, n).join(' ').trimEnd()
    if (type.width(line, pt, false) > maxMm) break
    if (line.length >= head.length) cut = n
  }
  if (cut === 0) return { pt, lines: [type.truncate(full, pt, false, maxMm)] }
  const rest = words.slice(cut).join(' ').trim()
  return { pt, lines: [words.slice(0, cut).join(' ').trimEnd(), type.truncate(rest, pt, false, continuationMm)] }
}
