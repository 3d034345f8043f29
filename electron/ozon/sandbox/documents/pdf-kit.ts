// Small PDF toolkit for the sandbox's own documents (Ozon-style labels, the shipment sheet). It is independent of
// the station's label module on purpose: the sandbox stands in for Ozon, whose PDFs the station only receives.
// Text uses DejaVu Sans (Cyrillic) when found; without a font file the text is transliterated so a PDF is
// still produced. Barcodes are drawn as vector bars from bwip-js' bar widths (sharp at any printer dpi).
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fontkit from '@pdf-lib/fontkit'
import bwipjs from 'bwip-js/node'
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

export const MM = 72 / 25.4

let fontBytes: Uint8Array | null | undefined

/** DejaVu Sans from OZON_SANDBOX_FONT, the project's resources/fonts, or the system's fonts-dejavu-core. */
function findFont(): Uint8Array | null {
  if (fontBytes !== undefined) return fontBytes
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [
    process.env.OZON_SANDBOX_FONT,
    path.resolve(here, '../../../../resources/fonts/DejaVuSans.ttf'),
    path.resolve(process.cwd(), 'resources/fonts/DejaVuSans.ttf'),
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => existsSync(p))
  fontBytes = found ? new Uint8Array(readFileSync(found)) : null
  return fontBytes
}

export interface Pen {
  doc: PDFDocument
  font: PDFFont
  /** True when the font can draw Cyrillic; otherwise text is transliterated. */
  unicode: boolean
}

export async function newDocument(title: string): Promise<Pen> {
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  doc.setProducer('Ozon sandbox (ozon-station)')
  doc.setCreator('Ozon sandbox')
  const bytes = findFont()
  if (bytes) {
    doc.registerFontkit(fontkit)
    return { doc, font: await doc.embedFont(bytes, { subset: true }), unicode: true }
  }
  return { doc, font: await doc.embedFont(StandardFonts.Helvetica), unicode: false }
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}

function printable(pen: Pen, text: string): string {
  if (pen.unicode) return text
  return [...text]
    .map((ch) => {
      const lower = ch.toLowerCase()
      const t = TRANSLIT[lower]
      if (t === undefined) return /[\x20-\x7e]/.test(ch) ? ch : '?'
      return ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1)
    })
    .join('')
}

/** Draws text at (x, y) mm from the bottom-left; long text is cut with "…" to fit `maxWidthMm`. */
export function text(pen: Pen, page: PDFPage, s: string, xMm: number, yMm: number, sizePt: number, maxWidthMm?: number): void {
  let t = printable(pen, s)
  if (maxWidthMm !== undefined) {
    const max = maxWidthMm * MM
    if (pen.font.widthOfTextAtSize(t, sizePt) > max) {
      const ell = pen.unicode ? '…' : '...'
      while (t.length > 1 && pen.font.widthOfTextAtSize(t + ell, sizePt) > max) t = t.slice(0, -1)
      t += ell
    }
  }
  page.drawText(t, { x: xMm * MM, y: yMm * MM, size: sizePt, font: pen.font, color: rgb(0, 0, 0) })
}

/**
 * A Code 128 barcode with its bottom-left corner at (x, y) mm. `moduleMm` is the narrowest bar; 0.25 mm is two
 * dots on a 203 dpi printer. Returns the barcode's width in mm (quiet zones not included).
 */
export function code128(page: PDFPage, value: string, xMm: number, yMm: number, heightMm: number, moduleMm = 0.25): number {
  const [sym] = bwipjs.raw({ bcid: 'code128', text: value }) as { sbs: number[] }[]
  if (!sym) throw new Error(`cannot encode "${value}" as Code 128`)
  let x = xMm
  sym.sbs.forEach((w, i) => {
    if (i % 2 === 0) page.drawRectangle({ x: x * MM, y: yMm * MM, width: w * moduleMm * MM, height: heightMm * MM, color: rgb(0, 0, 0) })
    x += w * moduleMm
  })
  return x - xMm
}

/** Width in mm a Code 128 of `value` will take. */
export function code128Width(value: string, moduleMm = 0.25): number {
  const [sym] = bwipjs.raw({ bcid: 'code128', text: value }) as { sbs: number[] }[]
  return (sym?.sbs.reduce((a, b) => a + b, 0) ?? 0) * moduleMm
}

export function line(page: PDFPage, x1: number, y1: number, x2: number, y2: number, thicknessMm = 0.3): void {
  page.drawLine({ start: { x: x1 * MM, y: y1 * MM }, end: { x: x2 * MM, y: y2 * MM }, thickness: thicknessMm * MM, color: rgb(0, 0, 0) })
}
