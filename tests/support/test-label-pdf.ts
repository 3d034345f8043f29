// Label PDFs for the printing tests, made the way the station's label renderer makes them (pdf-lib + bwip-js
// vector bars, an embedded Cyrillic TTF), so printing can be tested on its own: a page per label with the posting
// number as Code 128 and as text, a Cyrillic item line, and optionally a line in a non-embedded standard font
// (Ozon's PDFs may rely on those).
import { readFile } from 'node:fs/promises'
import fontkit from '@pdf-lib/fontkit'
import bwipjs from 'bwip-js/node'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'

const PT_PER_MM = 72 / 25.4
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'

export interface TestLabel {
  postingNumber: string
  /** A Cyrillic line, e.g. an item name. */
  caption?: string
  /** Also write this line in Helvetica without embedding it. */
  standardFontLine?: string
}

export async function testLabelPdf(
  labels: TestLabel[],
  size: { widthMm: number; heightMm: number } = { widthMm: 58, heightMm: 40 },
  opts: { moduleMm?: number } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(await readFile(FONT), { subset: true })
  const helvetica = await doc.embedFont(StandardFonts.Helvetica)
  // 0.25 mm = 2 dots at 203 dpi, 3 dots at 300 dpi.
  const moduleMm = opts.moduleMm ?? 0.25
  for (const label of labels) {
    const page = doc.addPage([size.widthMm * PT_PER_MM, size.heightMm * PT_PER_MM])
    const H = size.heightMm
    const bars = code128Bars(label.postingNumber)
    const totalModules = bars.at(-1)!.x + bars.at(-1)!.width
    const barcodeMm = totalModules * moduleMm
    // Left edge on a 0.25 mm grid: a whole number of dots at 203 dpi (8/mm) and at 300 dpi (12/mm).
    const x0 = Math.round(((size.widthMm - barcodeMm) / 2) * 4) / 4
    const barTopMm = H * 0.18
    const barHeightMm = Math.min(14, H * 0.4)
    for (const bar of bars) {
      page.drawRectangle({
        x: (x0 + bar.x * moduleMm) * PT_PER_MM,
        y: (H - barTopMm - barHeightMm) * PT_PER_MM,
        width: bar.width * moduleMm * PT_PER_MM,
        height: barHeightMm * PT_PER_MM,
        color: rgb(0, 0, 0),
      })
    }
    const textSize = Math.min(10, (barTopMm - 2) * PT_PER_MM)
    page.drawText(label.postingNumber, { x: 3 * PT_PER_MM, y: (H - barTopMm + 1) * PT_PER_MM, size: textSize, font })
    if (label.caption) page.drawText(label.caption, { x: 3 * PT_PER_MM, y: (H * 0.3) * PT_PER_MM, size: 8, font })
    if (label.standardFontLine) {
      page.drawText(label.standardFontLine, { x: 3 * PT_PER_MM, y: (H * 0.12) * PT_PER_MM, size: 9, font: helvetica })
    }
  }
  return doc.save()
}

/** Code 128 bars of `text` as module offsets: { x, width } per bar, from bwip-js's raw space/bar widths. */
export function code128Bars(text: string): Array<{ x: number; width: number }> {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text }) as unknown as Array<{ sbs: number[] }>
  const bars: Array<{ x: number; width: number }> = []
  let x = 0
  symbol!.sbs.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, width: w })
    x += w
  })
  return bars
}
