// The station's own bag labels straight from the label layout model to printer dots — no PDF in between.
//
// Barcode bars and boxes are filled dot by dot on the layout's own dot grid (the layout put every bar edge on a
// whole dot), so nothing is resampled: a 2-dot module is exactly 2 dots. Only text goes through a canvas
// (@napi-rs/canvas with the label fonts from resources/fonts), thresholded without dithering. The PDF of the same
// layout remains the job's record and what system printers get; this is the fast, crisp path for raw printers.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import { dotMm, type Dpi } from '../../shared/domain/label-barcode'
import type { LabelLayout } from '../../shared/domain/label-layout'
import { labelDots, type Printer } from '../../shared/domain/printers'
import { blankBitmap, fillRect, rotateClockwise, thresholdInto, type LabelBitmap } from './bitmap'
import { chooseRotation } from './raster'

const FAMILY = 'Station Label'
const CJK_FAMILY = 'Station Label CJK'
let registeredFrom: string | undefined

/** resources/fonts of this checkout; a packaged app passes its own resources path. */
export function defaultLabelFontsDir(): string {
  return fileURLToPath(new URL('../../resources/fonts/', import.meta.url))
}

function registerFonts(dir: string): void {
  if (registeredFrom === dir) return
  for (const [file, family] of [
    ['DejaVuSans.ttf', FAMILY],
    ['DejaVuSans-Bold.ttf', FAMILY],
    ['DroidSansFallback.ttf', CJK_FAMILY],
  ] as const) {
    const p = path.join(dir, file)
    if (!existsSync(p)) throw new Error(`label font ${file} is missing from ${dir}; reinstall the station`)
    GlobalFonts.registerFromPath(p, family)
  }
  registeredFrom = dir
}

/**
 * The layout as a bitmap for `printer`, or undefined when the layout was made for another resolution or size
 * (then the caller rasterises the label's PDF, which scales to fit). A layout drawn for the stock turned a quarter
 * (58×40 onto 40×58) is turned exactly, dot for dot.
 */
export function renderLayoutBitmap(
  layout: LabelLayout,
  printer: Pick<Printer, 'dpi' | 'label' | 'orientation'>,
  opts: { fontsDir?: string; threshold?: number } = {},
): LabelBitmap | undefined {
  if (layout.dpi !== printer.dpi) return undefined
  const stock = labelDots(printer)
  const dot = dotMm(layout.dpi as Dpi)
  const toDots = (mm: number) => Math.round(mm / dot)
  const width = toDots(layout.widthMm)
  const height = toDots(layout.heightMm)
  const rotation = chooseRotation(width, height, stock.width, stock.height, printer.orientation)
  const [w, h] = rotation % 180 ? [height, width] : [width, height]
  // Both grids are whole dots per mm (8 or 12), so they agree; a dot or two of slack covers sizes in odd fractions of a mm.
  if (Math.abs(w - stock.width) > 2 || Math.abs(h - stock.height) > 2) return undefined

  registerFonts(opts.fontsDir ?? defaultLabelFontsDir())
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  // Boxes first (the package badge is a black box with white text on it), on whole dots.
  ctx.fillStyle = '#000000'
  for (const el of layout.elements) {
    if (el.kind === 'box') ctx.fillRect(toDots(el.xMm), toDots(el.yMm), toDots(el.xMm + el.wMm) - toDots(el.xMm), toDots(el.yMm + el.hMm) - toDots(el.yMm))
  }
  ctx.textBaseline = 'alphabetic'
  for (const el of layout.elements) {
    if (el.kind !== 'text') continue
    const px = (el.fontSizePt * 25.4) / 72 / dot
    ctx.font = `${el.bold ? 'bold ' : ''}${px.toFixed(2)}px "${FAMILY}", "${CJK_FAMILY}"`
    ctx.fillStyle = el.color === 'white' ? '#ffffff' : '#000000'
    // maxWidth keeps the canvas's own text metrics within the width the layout measured with fontkit.
    ctx.fillText(el.text, el.xMm / dot, el.baselineMm / dot, el.maxWidthMm / dot)
  }
  // Only where boxes and text are is the canvas read back (reading a whole 75×120 mm canvas costs more than
  // drawing it); overlapping regions agree, since they read the same composited pixels.
  let bitmap = blankBitmap(width, height)
  for (const r of inkRegions(layout, dot, width, height)) {
    thresholdInto(bitmap, ctx.getImageData(r.x, r.y, r.width, r.height).data, r, opts.threshold)
  }
  // Bars straight into the dots: the layout's rectangles are already whole dots.
  for (const el of layout.elements) {
    if (el.kind !== 'barcode') continue
    for (const bar of el.bars) fillRect(bitmap, toDots(bar.xMm), toDots(bar.yMm), toDots(bar.xMm + bar.wMm), toDots(bar.yMm + bar.hMm))
  }
  if (rotation === 90) bitmap = rotateClockwise(bitmap)
  if (bitmap.width === stock.width && bitmap.height === stock.height) return bitmap
  // Off by a dot or two (rounding of odd sizes): place it top-left on a stock-sized bitmap rather than rescale it.
  const fitted = blankBitmap(stock.width, stock.height)
  for (let y = 0; y < Math.min(bitmap.height, stock.height); y++) {
    for (let x = 0; x < Math.min(bitmap.bytesPerRow, fitted.bytesPerRow); x++) fitted.bits[y * fitted.bytesPerRow + x] = bitmap.bits[y * bitmap.bytesPerRow + x]!
  }
  if (stock.width % 8) {
    const keep = 0xff << (8 - (stock.width % 8))
    for (let y = 0; y < stock.height; y++) fitted.bits[y * fitted.bytesPerRow + fitted.bytesPerRow - 1]! &= keep
  }
  return fitted
}

/** Dot rectangles that may hold canvas ink: each box, and each text line's box (generous above and below). */
function inkRegions(layout: LabelLayout, dot: number, width: number, height: number) {
  const out: Array<{ x: number; y: number; width: number; height: number }> = []
  const add = (x0: number, y0: number, x1: number, y1: number) => {
    const x = Math.max(0, Math.floor(x0))
    const y = Math.max(0, Math.floor(y0))
    const w = Math.min(width, Math.ceil(x1)) - x
    const h = Math.min(height, Math.ceil(y1)) - y
    if (w > 0 && h > 0) out.push({ x, y, width: w, height: h })
  }
  for (const el of layout.elements) {
    if (el.kind === 'box') add(el.xMm / dot, el.yMm / dot, (el.xMm + el.wMm) / dot, (el.yMm + el.hMm) / dot)
    if (el.kind === 'text') {
      const em = (el.fontSizePt * 25.4) / 72 / dot
      add(el.xMm / dot - 2, el.baselineMm / dot - 1.2 * em, (el.xMm + el.maxWidthMm) / dot + 2, el.baselineMm / dot + 0.4 * em)
    }
  }
  return out
}

/**
 * The print queue's hook: a job whose extras carry the label layouts (`extras.layouts`, one per page) is drawn
 * straight to dots when every layout fits the printer; otherwise the PDF is rasterised.
 */
export async function bitmapsFromStoredLayouts(payload: { extras?: Record<string, unknown> }, printer: Printer): Promise<LabelBitmap[] | undefined> {
  const layouts = payload.extras?.layouts
  if (!Array.isArray(layouts) || layouts.length === 0) return undefined
  const out: LabelBitmap[] = []
  for (const layout of layouts as LabelLayout[]) {
    const b = renderLayoutBitmap(layout, printer)
    if (!b) return undefined
    out.push(b)
  }
  return out
}
