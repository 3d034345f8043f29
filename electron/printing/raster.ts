// PDF label pages → the 1-bit bitmaps a thermal printer prints, at the printer's own dot grid.
//
// Ozon gives labels only as PDF, and raw printers (ESC/POS, ZPL, TSPL) only print dots, so every page is drawn
// with pdfjs-dist (legacy build, for Node) onto a canvas exactly the label's size in dots and thresholded without
// dithering. Rendering straight at the head's resolution means no resampling afterwards: a bar that is a whole
// number of dots in the PDF stays a whole number of dots on paper.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { dotsPerMm, labelDots, type Printer } from '../../shared/domain/printers'
import { silentLogger, type Logger } from '../../shared/log'
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs'
import { bitmapFromRgba, bitmapToPng, type LabelBitmap } from './bitmap'

/** What the rasteriser needs to know about the printer. */
export type RasterTarget = Pick<Printer, 'dpi' | 'label' | 'orientation'>

export class LabelPdfError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LabelPdfError'
  }
}

type PdfJs = typeof PdfJsModule
let pdfjsModule: Promise<PdfJs> | undefined
// Loaded on first use: it is large, and most of the station never rasterises.
const loadPdfJs = () => (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs'))

/**
 * pdfjs needs the 14 standard fonts' data to draw PDFs that use them without embedding (Ozon's labels may);
 * in Node it reads them from a directory path (a file URL on Windows).
 */
const standardFontDataUrl = (() => {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')
  return process.platform === 'win32' ? `${pathToFileURL(dir).href}/` : `${dir}${path.sep}`
})()

interface CanvasLike {
  getContext(kind: '2d'): unknown
}
interface Ctx2D {
  fillStyle: string
  fillRect(x: number, y: number, w: number, h: number): void
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
}

/**
 * Every page of `pdf` (or the 1-based `pages` listed) as a bitmap of exactly the label's size in dots.
 * A page of another size is scaled to fit and centred (and logged) rather than cut off; a page whose long side
 * runs the other way than the stock's is turned a quarter so it fills the label.
 */
export async function rasterisePdf(
  pdf: Uint8Array,
  target: RasterTarget,
  opts: { pages?: number[]; threshold?: number; log?: Logger } = {},
): Promise<LabelBitmap[]> {
  const log = opts.log ?? silentLogger
  const pdfjs = await loadPdfJs()
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>
  try {
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable.
    doc = await pdfjs.getDocument({ data: pdf.slice(), standardFontDataUrl, isEvalSupported: false, verbosity: 0 }).promise
  } catch (err) {
    throw new LabelPdfError(`the label PDF cannot be read (${(err as Error).message}); download or generate the label again`)
  }
  try {
    const { width, height } = labelDots(target)
    const pageNumbers = opts.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1)
    const out: LabelBitmap[] = []
    for (const n of pageNumbers) {
      if (!Number.isInteger(n) || n < 1 || n > doc.numPages) {
        throw new LabelPdfError(`the label PDF has ${doc.numPages} page(s); page ${n} does not exist`)
      }
      const page = await doc.getPage(n)
      const natural = page.getViewport({ scale: 1 })
      const rotation = chooseRotation(natural.width, natural.height, width, height, target.orientation)
      const sideways = rotation % 180 !== 0
      const pageW = sideways ? natural.height : natural.width // in points, as it will lie on the stock
      const pageH = sideways ? natural.width : natural.height
      const exact = (dotsPerMm(target.dpi) * 25.4) / 72 // dots per point at the head's resolution
      let scale = exact
      if (Math.abs(pageW * exact - width) > 1.5 || Math.abs(pageH * exact - height) > 1.5) {
        scale = Math.min(width / pageW, height / pageH)
        log.warn('printing: the label page is not the size of the label stock; scaled to fit', {
          page: n,
          pageMm: [mm(pageW), mm(pageH)],
          stockMm: [target.label.widthMm, target.label.heightMm],
        })
      }
      const viewport = page.getViewport({
        scale,
        rotation: (page.rotate + rotation) % 360,
        offsetX: Math.round((width - pageW * scale) / 2),
        offsetY: Math.round((height - pageH * scale) / 2),
      })
      const { canvas, context } = (doc.canvasFactory as { create(w: number, h: number): { canvas: CanvasLike; context: Ctx2D } }).create(
        width,
        height,
      )
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, width, height)
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, intent: 'print' })
        .promise
      out.push(bitmapFromRgba(context.getImageData(0, 0, width, height).data, width, height, opts.threshold))
      page.cleanup()
    }
    return out
  } finally {
    await doc.destroy()
  }
}

/** Number of pages (= labels) in a label PDF. */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  const pdfjs = await loadPdfJs()
  try {
    const doc = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, verbosity: 0 }).promise
    const n = doc.numPages
    await doc.destroy()
    return n
  } catch (err) {
    throw new LabelPdfError(`the label PDF cannot be read (${(err as Error).message}); download or generate the label again`)
  }
}

/** The exact bitmaps that would be sent, as PNGs for the preview ("what you see is the dots that print"). */
export async function previewPngs(pdf: Uint8Array, target: RasterTarget, opts: { pages?: number[] } = {}): Promise<Buffer[]> {
  return (await rasterisePdf(pdf, target, opts)).map(bitmapToPng)
}

/**
 * How far (clockwise, 0 or 90 degrees) a page is turned onto the stock: the configured orientation, except that a
 * page whose long side would then run across the stock's short side is turned the other way round to fit (a
 * landscape Ozon page onto portrait stock). Never 180: a label is not printed upside down by a guess.
 */
export function chooseRotation(pageW: number, pageH: number, stockW: number, stockH: number, orientation: RasterTarget['orientation']): number {
  const rotation = orientation === 'landscape' ? 90 : 0
  const [w, h] = rotation ? [pageH, pageW] : [pageW, pageH]
  const pageWide = w / h > 1.05
  const pageTall = h / w > 1.05
  const stockWide = stockW / stockH > 1.05
  const stockTall = stockH / stockW > 1.05
  const mismatch = (pageWide && stockTall) || (pageTall && stockWide)
  return mismatch ? 90 - rotation : rotation
}

const mm = (pt: number) => Math.round(((pt * 25.4) / 72) * 10) / 10
