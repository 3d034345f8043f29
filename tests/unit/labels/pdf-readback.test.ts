// The read-back helpers must report what poppler sees, independent of the pdf-lib that wrote the file.
import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { pdfPageCount, pdfPageSizesMm, pdfText, pdfToPngs } from '../../support/pdf-readback'

const pt = (mm: number) => (mm * 72) / 25.4

async function twoPagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const a = doc.addPage([pt(58), pt(40)])
  a.drawText('FIRST PAGE', { x: pt(4), y: pt(30), size: 10, font })
  a.drawRectangle({ x: 0, y: 0, width: pt(29), height: pt(10), color: rgb(0, 0, 0) }) // black bottom-left quarter strip
  const b = doc.addPage([pt(75), pt(120)])
  b.drawText('SECOND PAGE', { x: pt(4), y: pt(100), size: 10, font })
  return doc.save()
}

describe('pdf-readback', () => {
  it('reports page sizes in mm, page count and text, from bytes and from a file', async () => {
    const bytes = await twoPagePdf()
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'readback-test-')), 'two.pdf')
    await writeFile(file, bytes)
    for (const source of [bytes, file]) {
      const sizes = await pdfPageSizesMm(source)
      expect(sizes.map((s) => [s.page, s.rotation])).toEqual([[1, 0], [2, 0]])
      expect(sizes[0]!.widthMm).toBeCloseTo(58, 1)
      expect(sizes[0]!.heightMm).toBeCloseTo(40, 1)
      expect(sizes[1]!.widthMm).toBeCloseTo(75, 1)
      expect(sizes[1]!.heightMm).toBeCloseTo(120, 1)
      expect(await pdfPageCount(source)).toBe(2)
    }
    expect(await pdfText(bytes, { page: 2 })).toContain('SECOND PAGE')
    expect(await pdfText(bytes, { page: 2 })).not.toContain('FIRST PAGE')
    const all = await pdfText(bytes)
    expect(all.indexOf('FIRST PAGE')).toBeLessThan(all.indexOf('SECOND PAGE'))
  })

  it('renders pages to PNG at the asked dpi, in page order, with ink where it was drawn', async () => {
    const pages = await pdfToPngs(await twoPagePdf(), { dpi: 203 })
    expect(pages.map((p) => p.page)).toEqual([1, 2])
    const first = PNG.sync.read(pages[0]!.png)
    // 58 mm × 8 dots/mm ≈ 464 dots; 40 mm ≈ 320 dots (pdftoppm rounds up a partial dot)
    expect(Math.abs(first.width - 464)).toBeLessThanOrEqual(1)
    expect(Math.abs(first.height - 320)).toBeLessThanOrEqual(1)
    const px = (x: number, y: number) => first.data[(y * first.width + x) * 4]!
    expect(px(10, first.height - 10)).toBeLessThan(50) // inside the black strip
    expect(px(first.width - 10, first.height - 10)).toBeGreaterThan(200) // right of it: paper
    const second = PNG.sync.read(pages[1]!.png)
    expect(Math.abs(second.height - 958)).toBeLessThanOrEqual(2) // 120 mm at 203 dpi
  })
})
