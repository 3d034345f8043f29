import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { Printer, labelDots } from '../../../shared/domain/printers'
import { bitmapToPng, countBlack, isBlack } from '../../../electron/printing/bitmap'
import { chooseRotation, countPdfPages, LabelPdfError, previewPngs, rasterisePdf } from '../../../electron/printing/raster'
import { decodeBarcodes } from '../../support/barcode-decode'
import { testLabelPdf } from '../../support/test-label-pdf'

const target = (widthMm: number, heightMm: number, dpi: 203 | 300 = 203, orientation: 'portrait' | 'landscape' = 'portrait') =>
  Printer.parse({ id: 'p', name: 'P', driver: 'folder', connection: '/tmp/x', label: { widthMm, heightMm }, dpi, orientation })

describe('rasterising label PDFs to printer dots', () => {
  it('draws a 58×40 label at 203 dpi as exactly 464×320 dots whose barcode reads back as the posting number', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '41257303-0007-1', caption: 'Кружка красная 350 мл' }])
    const [bitmap] = await rasterisePdf(pdf, target(58, 40))
    expect([bitmap!.width, bitmap!.height]).toEqual([464, 320])
    const png = bitmapToPng(bitmap!)
    const codes = await decodeBarcodes(png)
    expect(codes).toContainEqual({ format: 'CODE_128', text: '41257303-0007-1' })
  })

  it('draws 75×120 at 203 dpi as 600×960 and at 300 dpi as 900×1440 dots, barcode readable at both', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '87654321-0001-2' }], { widthMm: 75, heightMm: 120 })
    for (const [dpi, size] of [
      [203, [600, 960]],
      [300, [900, 1440]],
    ] as const) {
      const [bitmap] = await rasterisePdf(pdf, target(75, 120, dpi))
      expect([bitmap!.width, bitmap!.height]).toEqual(size)
      expect(await decodeBarcodes(bitmapToPng(bitmap!))).toContainEqual({ format: 'CODE_128', text: '87654321-0001-2' })
    }
  })

  it('keeps bars on whole dots: every Code 128 module is exactly 2 dots wide at 203 dpi (no grey, no blur)', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '12345678-0001-1' }])
    const [b] = await rasterisePdf(pdf, target(58, 40))
    // Scan one row through the middle of the bars: every run of black or white must be a multiple of 2 dots.
    const y = Math.round(40 * 0.18 * 8 + 30)
    const runs: number[] = []
    let x = 0
    while (x < b!.width && !isBlack(b!, x, y)) x++
    let last = isBlack(b!, x, y)
    let len = 0
    for (; x < b!.width; x++) {
      if (isBlack(b!, x, y) === last) len++
      else {
        runs.push(len)
        last = !last
        len = 1
      }
    }
    const barsAndSpaces = runs.slice(0, -1) // the last white run is the margin
    expect(barsAndSpaces.length).toBeGreaterThan(40)
    expect(barsAndSpaces.filter((r) => r % 2 !== 0)).toEqual([])
  })

  it('renders the embedded Cyrillic font and a non-embedded standard font (text areas carry ink)', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '12345678-0001-1', caption: 'Кружка красная', standardFontLine: 'Helvetica WWW' }])
    const [b] = await rasterisePdf(pdf, target(58, 40))
    const H = 320
    // caption baseline at 30 % of the height from the bottom, standard-font line at 12 %
    const captionInk = countBlack(b!, { x0: 24, y0: H - Math.round(0.3 * H) - 22, x1: 300, y1: H - Math.round(0.3 * H) + 2 })
    const helveticaInk = countBlack(b!, { x0: 24, y0: H - Math.round(0.12 * H) - 22, x1: 300, y1: H - Math.round(0.12 * H) + 2 })
    expect(captionInk).toBeGreaterThan(300)
    expect(helveticaInk).toBeGreaterThan(300)
  })

  it('turns a landscape page onto portrait stock instead of shrinking it', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '55555555-0001-1' }], { widthMm: 58, heightMm: 40 })
    const [b] = await rasterisePdf(pdf, target(40, 58))
    expect([b!.width, b!.height]).toEqual([320, 464])
    expect(await decodeBarcodes(bitmapToPng(b!))).toContainEqual({ format: 'CODE_128', text: '55555555-0001-1' })
    expect(chooseRotation(164, 113, 320, 464, 'portrait')).toBe(90)
    expect(chooseRotation(164, 113, 464, 320, 'portrait')).toBe(0)
    expect(chooseRotation(164, 113, 320, 464, 'landscape')).toBe(90)
    expect(chooseRotation(113, 164, 320, 464, 'landscape')).toBe(0) // turning would not fit: never upside down
    expect(chooseRotation(100, 100, 400, 400, 'landscape')).toBe(90) // square: as configured
  })

  it('fits a page of another size into the stock, centred, and still readable', async () => {
    const pdf = await testLabelPdf([{ postingNumber: '99999999-0001-1' }], { widthMm: 75, heightMm: 120 })
    const [b] = await rasterisePdf(pdf, target(100, 150))
    expect(labelDots(target(100, 150))).toEqual({ width: 800, height: 1200 })
    expect([b!.width, b!.height]).toEqual([800, 1200])
    expect(await decodeBarcodes(bitmapToPng(b!))).toContainEqual({ format: 'CODE_128', text: '99999999-0001-1' })
  })

  it('rasterises every page of a batch and previews them as 1-bit PNGs of the exact dots', async () => {
    const numbers = ['10000001-0001-1', '10000002-0001-1', '10000003-0001-1']
    const pdf = await testLabelPdf(numbers.map((postingNumber) => ({ postingNumber })))
    expect(await countPdfPages(pdf)).toBe(3)
    const pngs = await previewPngs(pdf, target(58, 40))
    expect(pngs).toHaveLength(3)
    for (const [i, png] of pngs.entries()) {
      const decoded = PNG.sync.read(png)
      expect([decoded.width, decoded.height]).toEqual([464, 320])
      expect(await decodeBarcodes(png)).toContainEqual({ format: 'CODE_128', text: numbers[i] })
    }
    // the caller's bytes are still usable after rasterising (pdfjs must not detach them)
    expect(pdf.length).toBeGreaterThan(0)
    expect(await countPdfPages(pdf)).toBe(3)
  })

  it('says clearly when the PDF is not a PDF or a page does not exist', async () => {
    await expect(rasterisePdf(new TextEncoder().encode('not a pdf'), target(58, 40))).rejects.toThrow(LabelPdfError)
    await expect(rasterisePdf(new TextEncoder().encode('not a pdf'), target(58, 40))).rejects.toThrow(/cannot be read/)
    const pdf = await testLabelPdf([{ postingNumber: '1' }])
    await expect(rasterisePdf(pdf, target(58, 40), { pages: [2] })).rejects.toThrow(/has 1 page\(s\); page 2 does not exist/)
  })
})
