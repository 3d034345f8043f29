// The station's bag label as a layout model: what goes where on the label, in mm (origin top-left, y down).
// One source of truth for every renderer: the PDF renderer (electron/labels), the raster renderer of the printing
// queue and the SVG preview in the UI all draw these elements and nothing else — text already fitted or truncated,
// barcodes as the exact dark rectangles. Pure TypeScript: text measurement and barcode encoding are injected.
//
// How it adapts: wide landscape labels get two columns. It tries a roomy arrangement (captions on their own lines,
// rules between blocks) at full, then smaller text, then a compact one (details flowed into chips), and keeps the
// first that lists every item (label-items.ts: item lines may be set smaller, continued or cut with "…"); if none
// does, item lines give way to "+N more". Barcodes never shrink below the scannable module width (label-barcode.ts):
// when a symbol cannot fit, or nothing fits at the smallest text, it is a LabelError (label-error.ts, raised for
// bad input by label-input-checks.ts too) rather than a clipped label.
import {
  CODE128_RULES,
  DATAMATRIX_RULES,
  chooseModuleDots,
  code128Rects,
  dataMatrixRects,
  dotMm,
  snapToDot,
  type BarRect,
  type BarcodeEncoder,
  type Dpi,
} from './label-barcode'
import { fillCaption } from './label-captions'
import { LabelError } from './label-error'
import type { BagLabelInput } from './label-input'
import { checkInput, checkSize, type CheckedInput } from './label-input-checks'
import { listItems, type ItemList } from './label-items'
import { MIN_FONT_PT, PT_MM, Typesetter, ascent, lineHeight, type MeasureText } from './label-typesetter'

export type { BarRect, BarcodeEncoder, Dpi } from './label-barcode'
export type { LabelCaptions, LabelLocale } from './label-captions'
export type { BagLabelInput, BagLabelItem } from './label-input'
export { LabelError, type LabelErrorCode } from './label-error'
export { LABEL_SIDE_LIMITS_MM } from './label-input-checks'
export type { MeasureText } from './label-typesetter'

// ---------------------------------------------------------------------------------------------------------------
// Sizes

/** Label stock the station knows by name, as width × height when fed (58×40 is wider than tall). */
export const LABEL_PRESETS = {
  '58x40': { widthMm: 58, heightMm: 40 },
  '75x120': { widthMm: 75, heightMm: 120 }, // Ozon's big label
  '100x150': { widthMm: 100, heightMm: 150 },
} as const
export type LabelPreset = keyof typeof LABEL_PRESETS
export type LabelOrientation = 'portrait' | 'landscape'

export interface LabelSize {
  widthMm: number
  heightMm: number
}

/** A preset or a custom W×H in mm; `orientation` turns it so the longer side is vertical (portrait) or horizontal. */
export type LabelSizeSpec =
  | { preset: LabelPreset; orientation?: LabelOrientation }
  | { widthMm: number; heightMm: number; orientation?: LabelOrientation }

export function resolveLabelSize(spec: LabelSizeSpec): LabelSize {
  const base = 'preset' in spec ? LABEL_PRESETS[spec.preset] : spec
  if (!base) throw new LabelError('invalid_size', 'size', `unknown label preset`, `Choose ${Object.keys(LABEL_PRESETS).join(', ')} or a custom size in mm.`)
  const { widthMm: w, heightMm: h } = base
  if (spec.orientation === 'portrait') return { widthMm: Math.min(w, h), heightMm: Math.max(w, h) }
  if (spec.orientation === 'landscape') return { widthMm: Math.max(w, h), heightMm: Math.min(w, h) }
  return { widthMm: w, heightMm: h }
}

// ---------------------------------------------------------------------------------------------------------------
// The model

export type LabelTextRole =
  | 'carrier'
  | 'package'
  | 'deliveryMethod'
  | 'postingNumber'
  | 'order'
  | 'warehouse'
  | 'shipBy'
  | 'itemsHeader'
  | 'item'
  | 'itemContinued'
  | 'moreItems'
  | 'trackingNumber'

/** One line of text in one font size; `text` is final (fitted, truncated with "…" where needed). */
export interface LabelText {
  kind: 'text'
  role: LabelTextRole
  text: string
  /** Left edge of the text. */
  xMm: number
  baselineMm: number
  fontSizePt: number
  bold: boolean
  /** Measured width of `text`, never more than `maxWidthMm`. */
  widthMm: number
  maxWidthMm: number
  /** White text sits on a black box (the package badge). */
  color: 'black' | 'white'
}

/** A filled black rectangle: a rule between blocks or the background of the package badge. */
export interface LabelBox {
  kind: 'box'
  role: 'rule' | 'badge'
  xMm: number
  yMm: number
  wMm: number
  hMm: number
}

export interface LabelBarcode {
  kind: 'barcode'
  role: 'posting' | 'tracking' | 'postingDataMatrix'
  symbology: 'code128' | 'datamatrix'
  /** What a scanner reads. */
  value: string
  /** Bounds of the symbol itself (the quiet zone lies around it and is kept free of ink). */
  xMm: number
  yMm: number
  widthMm: number
  heightMm: number
  moduleDots: number
  moduleMm: number
  quietZoneMm: number
  /** The dark bars (Code 128) or runs of dark modules (DataMatrix), in label mm, on whole printer dots. */
  bars: BarRect[]
}

export type LabelElement = LabelText | LabelBox | LabelBarcode

export interface LabelLayout {
  widthMm: number
  heightMm: number
  dpi: Dpi
  postingNumber: string
  elements: LabelElement[]
  /** How the label was fitted: which arrangement, how much the text was scaled, how many items are listed. */
  fit: { density: 'roomy' | 'compact'; textScale: number; itemsShown: number; itemsHidden: number }
}

export interface LayoutOptions {
  size: LabelSize
  dpi: Dpi
  measureText: MeasureText
  barcodes: BarcodeEncoder
}

// ---------------------------------------------------------------------------------------------------------------
// Columns and barcodes. Narrow or tall labels stack everything in one column; wide landscape labels put the posting
// barcode and details on the left and the items and tracking number on the right. A Code 128 gets the widest
// whole-dot module that fits the column it is centred in; its quiet zone may reach into the label margin.

export interface Column {
  xMm: number
  wMm: number
}

interface LinearSpec {
  value: string
  widths: number[]
  moduleDots: number
  moduleMm: number
  widthMm: number
  quietZoneMm: number
  /** Bars shorter than this are hard to hit with a hand scanner: 15 % of the symbol width, at least 6 mm. */
  minHeightMm: number
}

interface Arrangement {
  split: boolean
  a: Column
  b: Column
  posting: LinearSpec
  tracking: LinearSpec | undefined
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

function linearSpec(value: string, widths: number[], dpi: Dpi, col: Column, marginMm: number): LinearSpec | undefined {
  const dots = chooseModuleDots(sum(widths), CODE128_RULES, dpi, col.wMm, col.wMm + 2 * marginMm)
  if (dots === undefined) return undefined
  const moduleMm = dots * dotMm(dpi)
  const widthMm = sum(widths) * moduleMm
  return {
    value,
    widths,
    moduleDots: dots,
    moduleMm,
    widthMm,
    quietZoneMm: CODE128_RULES.quietZoneModules * moduleMm,
    minHeightMm: Math.max(6, 0.15 * widthMm),
  }
}

function linearDoesNotFit(field: 'postingNumber' | 'trackingNumber', value: string, widths: number[], opts: LayoutOptions): LabelError {
  const minMm = CODE128_RULES.minDots[opts.dpi] * dotMm(opts.dpi)
  const needMm = (sum(widths) + 2 * CODE128_RULES.quietZoneModules) * minMm
  return new LabelError(
    'barcode_does_not_fit',
    field,
    `the Code 128 of "${value}" needs ${needMm.toFixed(1)} mm with its quiet zones at the smallest scannable module ` +
      `(${minMm.toFixed(3)} mm = ${CODE128_RULES.minDots[opts.dpi]} dots at ${opts.dpi} dpi), but the label is ${opts.size.widthMm} mm wide`,
    'Use wider label stock or turn the label to landscape.',
  )
}

/** Smallest column width that holds a Code 128 at the minimum module (its quiet zone may use the margin). */
function minColumnFor(widths: number[], dpi: Dpi, marginMm: number): number {
  const minMm = CODE128_RULES.minDots[dpi] * dotMm(dpi)
  const symbol = sum(widths) * minMm
  return Math.max(symbol, symbol + 2 * CODE128_RULES.quietZoneModules * minMm - 2 * marginMm)
}

/** DataMatrix side (with quiet zones) at a module of `dots`. */
function matrixSideMm(modules: number, dots: number, dpi: Dpi): number {
  return (modules + 2 * DATAMATRIX_RULES.quietZoneModules) * dots * dotMm(dpi)
}

/** The largest DataMatrix module whose symbol (with quiet zone) is no taller than `maxMm`; the minimum otherwise. */
function matrixModuleDots(modules: number, dpi: Dpi, maxMm: number): number {
  let dots = DATAMATRIX_RULES.maxDots[dpi]
  while (dots > DATAMATRIX_RULES.minDots[dpi] && matrixSideMm(modules, dots, dpi) > maxMm) dots--
  return dots
}

const matrixModules = (rows: boolean[][]) => Math.max(rows.length, rows[0]?.length ?? 0)
/** Room the details text keeps beside a DataMatrix. */
const MIN_DETAILS_BESIDE_MATRIX_MM = 25

function arrangements(ctx: Context): Arrangement[] {
  const { opts, marginMm: m } = ctx
  const { widthMm: W, heightMm: H } = opts.size
  const cw = W - 2 * m
  const full: Column = { xMm: m, wMm: cw }
  const posting = linearSpec(ctx.input.postingNumber, ctx.postingWidths, opts.dpi, full, m)
  if (!posting) throw linearDoesNotFit('postingNumber', ctx.input.postingNumber, ctx.postingWidths, opts)
  let tracking: LinearSpec | undefined
  if (ctx.trackingWidths) {
    tracking = linearSpec(ctx.input.trackingNumber!, ctx.trackingWidths, opts.dpi, full, m)
    if (!tracking) throw linearDoesNotFit('trackingNumber', ctx.input.trackingNumber!, ctx.trackingWidths, opts)
  }
  if (ctx.dataMatrixRows) {
    const side = matrixSideMm(matrixModules(ctx.dataMatrixRows), DATAMATRIX_RULES.minDots[opts.dpi], opts.dpi)
    if (side + MIN_DETAILS_BESIDE_MATRIX_MM > cw) {
      throw new LabelError(
        'barcode_does_not_fit',
        'dataMatrix',
        `the DataMatrix needs ${side.toFixed(1)} mm beside the details, too much for a ${W} mm wide label`,
        'Turn off the DataMatrix for this label size or use wider stock.',
      )
    }
  }
  const single: Arrangement = { split: false, a: full, b: full, posting, tracking }
  if (W < 1.3 * H) return [single]

  // Two columns: the left one just wide enough for the posting barcode (and a DataMatrix beside the details).
  const gutter = 2 * m + 1
  let needA = minColumnFor(ctx.postingWidths, opts.dpi, m)
  if (ctx.dataMatrixRows) {
    const side = matrixSideMm(matrixModules(ctx.dataMatrixRows), DATAMATRIX_RULES.minDots[opts.dpi], opts.dpi)
    needA = Math.max(needA, side + MIN_DETAILS_BESIDE_MATRIX_MM)
  }
  const needB = Math.max(40, ctx.trackingWidths ? minColumnFor(ctx.trackingWidths, opts.dpi, m) : 0)
  const aw = Math.max(needA, (cw - gutter) / 2)
  const bw = cw - gutter - aw
  if (bw < needB) return [single]
  const a: Column = { xMm: m, wMm: aw }
  const b: Column = { xMm: m + aw + gutter, wMm: bw }
  const splitPosting = linearSpec(ctx.input.postingNumber, ctx.postingWidths, opts.dpi, a, m)
  const splitTracking = ctx.trackingWidths ? linearSpec(ctx.input.trackingNumber!, ctx.trackingWidths, opts.dpi, b, m) : undefined
  if (!splitPosting || (ctx.trackingWidths && !splitTracking)) return [single]
  return [{ split: true, a, b, posting: splitPosting, tracking: splitTracking }, single]
}

// ---------------------------------------------------------------------------------------------------------------
// Arrangements

type Density = 'roomy' | 'compact'
const PLANS: Array<{ density: Density; scale: number }> = [
  { density: 'roomy', scale: 1 },
  { density: 'roomy', scale: 0.9 },
  { density: 'roomy', scale: 0.8 },
  { density: 'compact', scale: 1 },
  { density: 'compact', scale: 0.9 },
  { density: 'compact', scale: 0.8 },
  { density: 'compact', scale: 0.7 },
  { density: 'compact', scale: 0.6 },
]

interface Context {
  opts: LayoutOptions
  input: CheckedInput
  type: Typesetter
  marginMm: number
  baseFontPt: number
  barHeightMm: number
  postingWidths: number[]
  trackingWidths: number[] | undefined
  dataMatrixRows: boolean[][] | undefined
}

interface Built {
  elements: LabelElement[]
  itemsShown: number
}

/** Lays out one package's bag label; throws LabelError (naming the posting) when it cannot be made as asked. */
export function layoutBagLabel(input: BagLabelInput, opts: LayoutOptions): LabelLayout {
  try {
    return layout(input, opts)
  } catch (err) {
    if (err instanceof LabelError && typeof input?.postingNumber === 'string' && input.postingNumber.trim()) {
      throw err.forPosting(input.postingNumber.trim())
    }
    throw err
  }
}

function layout(input: BagLabelInput, opts: LayoutOptions): LabelLayout {
  checkSize(opts.size, opts.dpi)
  const checked = checkInput(input)
  const { widthMm: W, heightMm: H } = opts.size
  const ctx: Context = {
    opts,
    input: checked,
    type: new Typesetter(opts.measureText),
    marginMm: Math.min(3, Math.max(1.5, 0.04 * Math.min(W, H))),
    baseFontPt: Math.min(11, Math.max(6.5, W / 8)),
    barHeightMm: Math.min(22, Math.max(7, 0.15 * H)),
    postingWidths: opts.barcodes.code128(checked.postingNumber),
    trackingWidths: checked.trackingNumber ? opts.barcodes.code128(checked.trackingNumber) : undefined,
    dataMatrixRows: checked.dataMatrix ? opts.barcodes.dataMatrix(checked.postingNumber) : undefined,
  }

  const n = checked.items.length
  const tried: Array<{ plan: (typeof PLANS)[number]; built: Built }> = []
  search: for (const arrangement of arrangements(ctx)) {
    for (const plan of PLANS) {
      if (ctx.baseFontPt * plan.scale < MIN_FONT_PT) continue
      const built = build(ctx, arrangement, plan.density, plan.scale)
      if (!built) continue
      tried.push({ plan, built })
      if (built.itemsShown === n) break search // every item listed: the largest arrangement that does so wins
    }
  }
  const chosen =
    tried.find((t) => t.built.itemsShown === n) ?? tried.find((t) => t.built.itemsShown >= Math.min(n, 3)) ?? tried[0]
  if (!chosen) {
    throw new LabelError(
      'content_does_not_fit',
      'size',
      `a ${W}×${H} mm label cannot hold the barcodes, the posting number, the details and one item line even at the smallest text`,
      `Use taller label stock${ctx.dataMatrixRows ? ', turn off the DataMatrix' : ''}${ctx.trackingWidths ? ' or print the tracking number separately' : ''}.`,
    )
  }
  assertPrintable(chosen.built.elements, W, H)
  return {
    widthMm: W,
    heightMm: H,
    dpi: opts.dpi,
    postingNumber: checked.postingNumber,
    elements: chosen.built.elements,
    fit: {
      density: chosen.plan.density,
      textScale: chosen.plan.scale,
      itemsShown: chosen.built.itemsShown,
      itemsHidden: n - chosen.built.itemsShown,
    },
  }
}

/** Builds one arrangement top to bottom; undefined when the fixed content does not fit the label. */
function build(ctx: Context, arr: Arrangement, density: Density, scale: number): Built | undefined {
  const { opts, input, type, marginMm: m } = ctx
  const { widthMm: W, heightMm: H } = opts.size
  const dpi = opts.dpi
  const dot = dotMm(dpi)
  const roomy = density === 'roomy'
  const F = ctx.baseFontPt * scale
  const lh = lineHeight(F)
  const gap = Math.max(0.5, F * PT_MM * 0.35)
  const ruleMm = 2 * dot
  const cw = W - 2 * m
  const els: LabelElement[] = []
  const text = (t: Omit<LabelText, 'kind' | 'color' | 'widthMm'> & { color?: 'black' | 'white' }): LabelText => {
    const el: LabelText = { kind: 'text', color: 'black', ...t, widthMm: type.width(t.text, t.fontSizePt, t.bold) }
    els.push(el)
    return el
  }
  const hRule = (x: number, w: number, y: number) => els.push({ kind: 'box', role: 'rule', xMm: x, yMm: snapToDot(y, dpi), wMm: w, hMm: ruleMm })
  /** A line of a detail the packer acts on (order, ship-by): smaller text before any "…". */
  const essential = (s: string, pt: number, bold: boolean, maxW: number) => {
    const size = type.shrinkToFit(s, pt, bold, maxW, Math.max(MIN_FONT_PT, 0.75 * pt))
    return size !== undefined ? { text: s, pt: size } : { text: type.truncate(s, MIN_FONT_PT, bold, maxW), pt: MIN_FONT_PT }
  }

  // Header across the label: carrier left, "package k of n" as a black badge right — the packer's first look.
  let y = m
  const badgeText = fillCaption(input.captions.packageOf, { k: input.packageIndex, n: input.packageCount })
  const badgePt = type.shrinkToFit(badgeText, F * (roomy ? 1.3 : 1.15), true, 0.6 * cw, MIN_FONT_PT)
  if (badgePt === undefined) return undefined
  const pad = F * PT_MM * 0.3
  const badgeW = type.width(badgeText, badgePt, true) + 2 * pad
  const badgeH = lineHeight(badgePt) + pad
  els.push({ kind: 'box', role: 'badge', xMm: W - m - badgeW, yMm: y, wMm: badgeW, hMm: badgeH })
  const badgeBaseline = y + pad / 2 + ascent(badgePt)
  text({ role: 'package', text: badgeText, xMm: W - m - badgeW + pad, baselineMm: badgeBaseline, fontSizePt: badgePt, bold: true, maxWidthMm: badgeW - 2 * pad, color: 'white' })
  const carrierPt = F * (roomy ? 1.1 : 1)
  const carrierMax = cw - badgeW - gap
  text({ role: 'carrier', text: type.truncate(input.carrier, carrierPt, true, carrierMax), xMm: m, baselineMm: badgeBaseline, fontSizePt: carrierPt, bold: true, maxWidthMm: carrierMax })
  y += badgeH + gap * 0.5
  const showMethod = input.deliveryMethod !== '' && input.deliveryMethod !== input.carrier
  if (roomy && showMethod) {
    text({ role: 'deliveryMethod', text: type.truncate(input.deliveryMethod, F, false, cw), xMm: m, baselineMm: y + ascent(F), fontSizePt: F, bold: false, maxWidthMm: cw })
    y += lh
  }
  if (roomy) {
    hRule(m, cw, y + gap * 0.5)
    y += ruleMm + gap
  } else {
    y += gap * 0.5
  }
  const columnsTop = y

  // Column A: the posting number as Code 128 with its text big and bold below, then the details.
  const A = arr.a
  const postingH = snapToDot(Math.max(arr.posting.minHeightMm, ctx.barHeightMm * scale), dpi)
  y = snapToDot(y, dpi)
  els.push(linearBarcode('posting', arr.posting, A.xMm + (A.wMm - arr.posting.widthMm) / 2, y, postingH, dpi))
  y += postingH + gap * 0.4
  const hrPt = type.shrinkToFit(input.postingNumber, F * (roomy ? 1.5 : 1.35), true, A.wMm, MIN_FONT_PT)
  if (hrPt === undefined) return undefined
  const hrW = type.width(input.postingNumber, hrPt, true)
  text({ role: 'postingNumber', text: input.postingNumber, xMm: A.xMm + (A.wMm - hrW) / 2, baselineMm: y + ascent(hrPt), fontSizePt: hrPt, bold: true, maxWidthMm: A.wMm })
  y += lineHeight(hrPt) + gap * 0.5
  if (roomy) {
    hRule(A.xMm, A.wMm, y)
    y += ruleMm + gap
  }

  // Details: order, warehouse, ship-by (and the delivery method when compact). The DataMatrix floats at their
  // right, no taller than two lines, so the lines beside it are narrower and the ship-by line gets the full width.
  const matrix = ctx.dataMatrixRows
  let matrixDots = 0
  let matrixBox = 0 // side with quiet zones
  if (matrix) {
    matrixDots = matrixModuleDots(matrixModules(matrix), dpi, 2 * lh)
    matrixBox = matrixSideMm(matrixModules(matrix), matrixDots, dpi)
    if (matrixBox + MIN_DETAILS_BESIDE_MATRIX_MM > A.wMm) return undefined
  }
  const detailsTop = y
  /** Room for a line whose top is at `lineTop`: narrower where it runs beside the DataMatrix. */
  const detailsWidthAt = (lineTop: number) => (matrix && lineTop < detailsTop + matrixBox - 1e-6 ? A.wMm - matrixBox : A.wMm)
  if (roomy) {
    const lines = [
      { role: 'order' as const, text: `${input.captions.order}: ${input.orderNumber}`, bold: false, essential: true },
      { role: 'warehouse' as const, text: `${input.captions.warehouse}: ${input.warehouse}`, bold: false, essential: false },
      { role: 'shipBy' as const, text: `${input.captions.shipBy}: ${input.shipBy}`, bold: true, essential: true },
    ]
    for (const line of lines) {
      const maxW = detailsWidthAt(y)
      const fitted = line.essential ? essential(line.text, F, line.bold, maxW) : { text: type.truncate(line.text, F, line.bold, maxW), pt: F }
      text({ role: line.role, text: fitted.text, xMm: A.xMm, baselineMm: y + ascent(F), fontSizePt: fitted.pt, bold: line.bold, maxWidthMm: maxW })
      y += lh
    }
  } else {
    // Chips flow left to right and wrap, so short values share a line.
    const chips: Array<{ role: LabelTextRole; text: string; bold: boolean; essential: boolean }> = [
      { role: 'order', text: `${input.captions.order} ${input.orderNumber}`, bold: false, essential: true },
      { role: 'shipBy', text: `${input.captions.shipBy} ${input.shipBy}`, bold: true, essential: true },
      { role: 'warehouse', text: input.warehouse, bold: false, essential: false },
    ]
    if (showMethod) chips.push({ role: 'deliveryMethod', text: input.deliveryMethod, bold: false, essential: false })
    const sep = type.width('  ', F, false)
    let x = A.xMm
    let lineOpen = false
    const fit = (chip: (typeof chips)[number], maxW: number) =>
      chip.essential ? essential(chip.text, F, chip.bold, maxW) : { text: type.truncate(chip.text, F, chip.bold, maxW), pt: F }
    for (const chip of chips) {
      let fitted = fit(chip, detailsWidthAt(y))
      let w = type.width(fitted.text, fitted.pt, chip.bold)
      if (lineOpen && x + sep + w > A.xMm + detailsWidthAt(y)) {
        y += lh
        x = A.xMm
        lineOpen = false
        fitted = fit(chip, detailsWidthAt(y)) // the next line may be wider (below the DataMatrix)
        w = type.width(fitted.text, fitted.pt, chip.bold)
      }
      if (lineOpen) x += sep
      text({ role: chip.role, text: fitted.text, xMm: x, baselineMm: y + ascent(F), fontSizePt: fitted.pt, bold: chip.bold, maxWidthMm: A.xMm + detailsWidthAt(y) - x })
      x += w
      lineOpen = true
    }
    y += lh
  }
  if (matrix) {
    const quiet = DATAMATRIX_RULES.quietZoneModules * matrixDots * dot
    const side = matrixBox - 2 * quiet
    const top = snapToDot(detailsTop + quiet / 2, dpi)
    els.push(matrixBarcode(input.postingNumber, matrix, matrixDots, A.xMm + A.wMm - side, top, dpi))
    y = Math.max(y, top + side + quiet)
  }
  y += gap * 0.5

  // Column B: the items, and the tracking number at the bottom.
  const B = arr.b
  let top: number
  if (arr.split) {
    if (y > H - m + 1e-6) return undefined
    top = columnsTop
    if (roomy) {
      const x = snapToDot(A.xMm + A.wMm + (B.xMm - A.xMm - A.wMm) / 2 - ruleMm / 2, dpi)
      els.push({ kind: 'box', role: 'rule', xMm: x, yMm: snapToDot(columnsTop - gap + ruleMm, dpi), wMm: ruleMm, hMm: H - m - (columnsTop - gap + ruleMm) })
    }
  } else {
    top = y
    if (roomy) {
      hRule(m, cw, top)
      top += ruleMm + gap
    }
  }
  let bottom = H - m
  if (arr.tracking) {
    const t = arr.tracking
    const trackingText = `${input.captions.tracking}: ${t.value}`
    const tPt = type.shrinkToFit(trackingText, F * 1.1, true, B.wMm, MIN_FONT_PT)
    if (tPt === undefined) return undefined
    const barsH = snapToDot(Math.max(t.minHeightMm, 0.8 * ctx.barHeightMm * scale), dpi)
    const blockTop = snapToDot(bottom - lineHeight(tPt) - gap * 0.4 - barsH, dpi)
    els.push(linearBarcode('tracking', t, B.xMm + (B.wMm - t.widthMm) / 2, blockTop, barsH, dpi))
    const tW = type.width(trackingText, tPt, true)
    text({ role: 'trackingNumber', text: trackingText, xMm: B.xMm + (B.wMm - tW) / 2, baselineMm: blockTop + barsH + gap * 0.4 + ascent(tPt), fontSizePt: tPt, bold: true, maxWidthMm: B.wMm })
    bottom = blockTop - gap
    if (roomy) {
      hRule(B.xMm, B.wMm, bottom - ruleMm)
      bottom -= ruleMm + gap
    }
  }

  // Items: as many lines as fit, the rest summed up as "+N more".
  y = top
  const items = input.items
  if (roomy) {
    const units = items.reduce((s, i) => s + i.quantity, 0)
    const header = `${input.captions.items}: ${units} ${input.captions.units}`
    if (bottom - y < lh) return undefined
    text({ role: 'itemsHeader', text: type.truncate(header, F, true, B.wMm), xMm: B.xMm, baselineMm: y + ascent(F), fontSizePt: F, bold: true, maxWidthMm: B.wMm })
    y += lh
  }
  // The item lines may be set up to 20 % smaller than the rest: whichever size lists the most items, then cuts
  // the fewest names, wins (larger first on a tie).
  let best: ItemList | undefined
  for (const factor of [1, 0.9, 0.8]) {
    const pt = F * factor
    if (pt < MIN_FONT_PT) break
    const list = listItems(type, input, B, y, bottom, pt, roomy, gap)
    if (list && (!best || list.shown > best.shown || (list.shown === best.shown && list.cuts < best.cuts))) best = list
  }
  if (!best) return undefined
  els.push(...best.elements)
  return { elements: els, itemsShown: best.shown }
}

function linearBarcode(role: 'posting' | 'tracking', spec: LinearSpec, xMm: number, yMm: number, heightMm: number, dpi: Dpi): LabelBarcode {
  const x = snapToDot(xMm, dpi)
  return {
    kind: 'barcode',
    role,
    symbology: 'code128',
    value: spec.value,
    xMm: x,
    yMm,
    widthMm: spec.widthMm,
    heightMm,
    moduleDots: spec.moduleDots,
    moduleMm: spec.moduleMm,
    quietZoneMm: spec.quietZoneMm,
    bars: code128Rects(spec.widths, { xMm: x, yMm }, spec.moduleDots, heightMm, dpi),
  }
}

function matrixBarcode(value: string, rows: boolean[][], moduleDots: number, xMm: number, yMm: number, dpi: Dpi): LabelBarcode {
  const x = snapToDot(xMm, dpi)
  const moduleMm = moduleDots * dotMm(dpi)
  return {
    kind: 'barcode',
    role: 'postingDataMatrix',
    symbology: 'datamatrix',
    value,
    xMm: x,
    yMm,
    widthMm: (rows[0]?.length ?? 0) * moduleMm,
    heightMm: rows.length * moduleMm,
    moduleDots,
    moduleMm,
    quietZoneMm: DATAMATRIX_RULES.quietZoneModules * moduleMm,
    bars: dataMatrixRects(rows, { xMm: x, yMm }, moduleDots, dpi),
  }
}

/** The area an element inks (text: its line box), and for a barcode the quiet zone it needs free of other ink. */
function bounds(el: LabelElement): { x0: number; y0: number; x1: number; y1: number } {
  if (el.kind === 'text') {
    const em = el.fontSizePt * PT_MM
    return { x0: el.xMm, y0: el.baselineMm - 0.93 * em, x1: el.xMm + el.widthMm, y1: el.baselineMm + 0.25 * em }
  }
  if (el.kind === 'box') return { x0: el.xMm, y0: el.yMm, x1: el.xMm + el.wMm, y1: el.yMm + el.hMm }
  // Code 128 needs its quiet zone left and right; a DataMatrix all round.
  const q = el.quietZoneMm
  const v = el.symbology === 'datamatrix' ? q : 0
  return { x0: el.xMm - q, y0: el.yMm - v, x1: el.xMm + el.widthMm + q, y1: el.yMm + el.heightMm + v }
}

/**
 * Last guard before anything reaches a printer: every element lies on the label, no text is wider than its room,
 * and nothing inks a barcode's quiet zone. Failing here is a bug in this file, not bad input.
 */
function assertPrintable(elements: LabelElement[], W: number, H: number): void {
  const eps = 1e-6
  const name = (el: LabelElement) => `${el.kind} "${el.role}"`
  for (const el of elements) {
    const b = bounds(el)
    const onLabel = el.kind === 'barcode' ? { ...b, y0: el.yMm, y1: el.yMm + el.heightMm } : b
    if (onLabel.x0 < -eps || onLabel.y0 < -eps || onLabel.x1 > W + eps || onLabel.y1 > H + eps) {
      throw new Error(`label layout bug: ${name(el)} lies outside the ${W}×${H} mm label`)
    }
    if (el.kind === 'text' && el.widthMm > el.maxWidthMm + eps) throw new Error(`label layout bug: ${name(el)} is wider than its room`)
    if (el.kind !== 'barcode') continue
    for (const other of elements) {
      if (other === el) continue
      const o = bounds(other)
      const inkOfOther = other.kind === 'barcode' ? { x0: other.xMm, y0: other.yMm, x1: other.xMm + other.widthMm, y1: other.yMm + other.heightMm } : o
      if (inkOfOther.x0 < b.x1 - eps && inkOfOther.x1 > b.x0 + eps && inkOfOther.y0 < b.y1 - eps && inkOfOther.y1 > b.y0 + eps) {
        throw new Error(`label layout bug: ${name(other)} inks the quiet zone of ${name(el)}`)
      }
    }
  }
}
