// The station's bag label as a layout model: what goes where on the label, in mm (origin top-left, y down).
// One source of truth for every renderer: the PDF renderer (electron/labels), the raster renderer of the printing
// queue and the SVG preview in the UI all draw these elements and nothing else — text already fitted or truncated,
// barcodes as the exact dark rectangles. Pure TypeScript: text measurement and barcode encoding are injected.
//
// How it adapts: it tries a roomy arrangement (captions on their own lines, rules between blocks) at full, then
// smaller text, then a compact one (details flowed into chips), and keeps the first that shows every item; if none
// does, item lines give way to "+N more". Barcodes never shrink below the scannable module width (label-barcode.ts):
// when a symbol cannot fit, or nothing fits at the smallest text, it is a LabelError rather than a clipped label.
import {
  CODE128_RULES,
  DATAMATRIX_RULES,
  chooseModuleDots,
  code128Rects,
  dataMatrixRects,
  dotMm,
  firstNonCode128Char,
  snapToDot,
  type BarRect,
  type BarcodeEncoder,
  type Dpi,
} from './label-barcode'
import { LABEL_CAPTIONS, LABEL_LOCALES, ShipByFormatError, fillCaption, formatShipBy, type LabelCaptions } from './label-captions'
import type { BagLabelInput } from './label-input'

export type { BarRect, BarcodeEncoder, Dpi } from './label-barcode'
export type { LabelCaptions, LabelLocale } from './label-captions'
export type { BagLabelInput, BagLabelItem } from './label-input'

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

/** Any side outside this range is not label stock but a typo (5 mm, 2000 mm). */
export const LABEL_SIDE_LIMITS_MM = { min: 20, max: 300 } as const

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

/** Width in mm of `text` set in the label font at `fontSizePt`. */
export type MeasureText = (text: string, fontSizePt: number, bold: boolean) => number

export interface LayoutOptions {
  size: LabelSize
  dpi: Dpi
  measureText: MeasureText
  barcodes: BarcodeEncoder
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

export type LabelErrorCode =
  | 'invalid_size'
  | 'invalid_dpi'
  | 'missing_field'
  | 'unencodable'
  | 'no_items'
  | 'invalid_item'
  | 'invalid_package_number'
  | 'invalid_date'
  | 'invalid_time_zone'
  | 'invalid_locale'
  | 'barcode_does_not_fit'
  | 'content_does_not_fit'
  | 'no_labels'

/** A label that cannot be made as asked: which field, what is wrong with it and what to do. */
export class LabelError extends Error {
  postingNumber?: string

  constructor(
    readonly code: LabelErrorCode,
    readonly field: string,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${field}: ${problem}. ${remedy}`)
    this.name = 'LabelError'
  }

  /** Names the posting in the message (done by layoutBagLabel once the posting number is known). */
  forPosting(postingNumber: string): this {
    this.postingNumber = postingNumber
    this.message = `Label for posting ${postingNumber} — ${this.field}: ${this.problem}. ${this.remedy}`
    return this
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Typography (mm per pt, and line boxes of the label font: ascent 0.93 em, descent 0.25 em)

const PT_MM = 25.4 / 72
const lineHeight = (pt: number) => pt * PT_MM * 1.18
const ascent = (pt: number) => pt * PT_MM * 0.93
/** Nothing on a label is set smaller than this (≈1.8 mm). */
const MIN_FONT_PT = 5
const ELLIPSIS = '…'

/** Text measurement with the fitting rules every line on the label uses. */
class Typesetter {
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

// ---------------------------------------------------------------------------------------------------------------
// Input checks

interface CheckedInput {
  postingNumber: string
  orderNumber: string
  packageIndex: number
  packageCount: number
  carrier: string
  deliveryMethod: string
  warehouse: string
  shipBy: string
  items: Array<{ offerId: string; name: string; quantity: number }>
  trackingNumber: string | undefined
  dataMatrix: boolean
  captions: LabelCaptions
}

/** Control characters and runs of white space become one space: a label line is one line. */
function clean(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\p{Cc}\s]+/gu, ' ').trim() : ''
}

const MAX_BARCODE_CHARS = 48

function checkCode128Field(field: 'postingNumber' | 'trackingNumber', value: string, what: string): void {
  const bad = firstNonCode128Char(value)
  if (bad) {
    throw new LabelError(
      'unencodable',
      field,
      `the ${what} "${value}" contains "${bad.char}" (character ${bad.index + 1}), which a Code 128 barcode cannot carry`,
      `Use Latin letters, digits and ASCII punctuation only${field === 'trackingNumber' ? ' — re-scan or re-type the tracking number' : ''}.`,
    )
  }
  if (value.length > MAX_BARCODE_CHARS) {
    throw new LabelError(
      'unencodable',
      field,
      `the ${what} is ${value.length} characters long; a label barcode holds at most ${MAX_BARCODE_CHARS}`,
      `Check that the ${what} was entered correctly.`,
    )
  }
}

function checkInput(input: BagLabelInput): CheckedInput {
  const postingNumber = clean(input.postingNumber)
  if (!postingNumber) {
    throw new LabelError('missing_field', 'postingNumber', 'the posting number is empty', 'A label needs the posting number of its package.')
  }
  checkCode128Field('postingNumber', postingNumber, 'posting number')
  const orderNumber = clean(input.orderNumber)
  if (!orderNumber) {
    throw new LabelError('missing_field', 'orderNumber', 'the order number is empty', 'Reload the posting from Ozon.')
  }
  const { packageIndex: k, packageCount: n } = input
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 1 || k > n) {
    throw new LabelError(
      'invalid_package_number',
      'packageIndex',
      `"package ${k} of ${n}" is not a package of the order`,
      'Package numbers run from 1 to the number of packages; check the packing plan.',
    )
  }
  if (!LABEL_LOCALES.includes(input.locale)) {
    throw new LabelError('invalid_locale', 'locale', `"${String(input.locale)}" is not a label language`, `Choose one of ${LABEL_LOCALES.join(', ')}.`)
  }
  if (!Array.isArray(input.items) || input.items.length === 0) {
    throw new LabelError('no_items', 'items', 'the package has no items', 'A package holds at least one item; check the packing plan of this posting.')
  }
  const items = input.items.map((item, i) => {
    const offerId = clean(item.offerId)
    const name = clean(item.name)
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new LabelError('invalid_item', `items[${i}].quantity`, `quantity ${item.quantity} of "${offerId || name}" is not a whole number of pieces`, 'Fix the quantity in the packing plan.')
    }
    if (!offerId && !name) {
      throw new LabelError('invalid_item', `items[${i}]`, 'the item has neither an offer id nor a name', 'Reload the posting from Ozon.')
    }
    return { offerId, name, quantity: item.quantity }
  })
  const trackingNumber = clean(input.trackingNumber ?? '') || undefined
  if (trackingNumber) checkCode128Field('trackingNumber', trackingNumber, 'tracking number')
  let shipBy: string
  try {
    shipBy = formatShipBy(clean(input.shipBy), input.timeZone, input.locale)
  } catch (err) {
    if (!(err instanceof ShipByFormatError)) throw err
    throw err.field === 'timeZone'
      ? new LabelError('invalid_time_zone', 'timeZone', err.message, 'Set the bench time zone in settings, e.g. "Europe/Moscow".')
      : new LabelError('invalid_date', 'shipBy', err.message, 'Reload the posting from Ozon: its ship-by date is missing or broken.')
  }
  const captions = { ...LABEL_CAPTIONS[input.locale], ...input.captions }
  return {
    postingNumber,
    orderNumber,
    packageIndex: k,
    packageCount: n,
    carrier: clean(input.carrier) || '—',
    deliveryMethod: clean(input.deliveryMethod),
    warehouse: clean(input.warehouse) || '—',
    shipBy,
    items,
    trackingNumber,
    dataMatrix: input.dataMatrix === true,
    captions,
  }
}

function checkSize(size: LabelSize, dpi: Dpi): void {
  const { widthMm: w, heightMm: h } = size
  const { min, max } = LABEL_SIDE_LIMITS_MM
  if (!Number.isFinite(w) || !Number.isFinite(h) || Math.min(w, h) < min || Math.max(w, h) > max) {
    throw new LabelError(
      'invalid_size',
      'size',
      `a ${w}×${h} mm label is outside ${min}–${max} mm per side`,
      'Choose a preset (58×40, 75×120, 100×150) or enter the label stock size in mm.',
    )
  }
  if (dpi !== 203 && dpi !== 300) {
    throw new LabelError('invalid_dpi', 'dpi', `${String(dpi)} dpi is not a print head resolution the station supports`, 'Choose 203 or 300 dpi, as printed on the printer.')
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Columns and barcodes. Narrow or tall labels stack everything in one column; wide landscape labels put the posting
// barcode and details on the left and the items and tracking number on the right. A Code 128 gets the widest
// whole-dot module that fits the column it is centred in; its quiet zone may reach into the label margin.

interface Column {
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

interface ItemList {
  elements: LabelText[]
  shown: number
  /** Item names cut with "…". */
  cuts: number
}

/** Item lines at `pt` between `top` and `bottom`; undefined when not even one item fits. */
function listItems(type: Typesetter, input: CheckedInput, B: Column, top: number, bottom: number, pt: number, roomy: boolean, gap: number): ItemList | undefined {
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
