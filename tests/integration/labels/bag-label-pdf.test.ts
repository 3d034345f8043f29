import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
// Bag label PDFs read back as a person and a scanner would: poppler's page sizes and text, and barcodes decoded
// from the page rendered at the printer's resolution.
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { assemblePdf, layoutBagLabels, loadLabelFonts, mergePdfs, renderBagLabelsPdf } from '../../../electron/labels'
import { LabelError, resolveLabelSize, type BagLabelInput, type Dpi, type LabelSize, type LabelText } from '../../../shared/domain/label-layout'
import { decodeBarcodes } from '../../support/barcode-decode'
import { pdfPageCount, pdfPageSizesMm, pdfText, pdfToPngs } from '../../support/pdf-readback'
import { CHINESE_NAME, LONG_CYRILLIC_NAME, makeBagLabelInput, manyItems } from '../../fixtures/labels/bag-labels'

const squash = (s: string) => s.replace(/\s+/g, '')

/** Dark pixels (luminance < 128) inside a rectangle given in label mm. */
function inkIn(png: PNG, dpi: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const px = (mm: number) => Math.round((mm * dpi) / 25.4)
  let dark = 0
  for (let y = Math.max(0, px(box.y0)); y < Math.min(png.height, px(box.y1)); y++) {
    for (let x = Math.max(0, px(box.x0)); x < Math.min(png.width, px(box.x1)); x++) if (png.data[(y * png.width + x) * 4]! < 128) dark++
  }
  return dark
}

const textBox = (t: LabelText) => {
  const em = (t.fontSizePt * 25.4) / 72
  return { x0: t.xMm, y0: t.baselineMm - 0.93 * em, x1: t.xMm + t.widthMm, y1: t.baselineMm + 0.25 * em }
}

async function readBack(input: BagLabelInput, size: LabelSize, dpi: Dpi) {
  const pdf = await renderBagLabelsPdf([input], { size, dpi })
  const [layout] = await layoutBagLabels([input], { size, dpi })
  const [page] = await pdfToPngs(pdf, { dpi })
  return { pdf, layout: layout!, page: page! }
}

describe('bag label PDF', () => {
  const sizes: Array<[string, LabelSize]> = [
    ['58×40', resolveLabelSize({ preset: '58x40' })],
    ['75×120', resolveLabelSize({ preset: '75x120' })],
    ['120×75 landscape', resolveLabelSize({ preset: '75x120', orientation: 'landscape' })],
    ['custom 80×62.5', { widthMm: 80, heightMm: 62.5 }],
  ]

  it.each(sizes)('%s: exact page size, extractable text, barcodes that decode to exactly the posting and tracking numbers', async (_name, size) => {
    const input = makeBagLabelInput()
    const { pdf, layout, page } = await readBack(input, size, 203)

    const [pageSize, ...more] = await pdfPageSizesMm(pdf)
    expect(more).toEqual([])
    expect(Math.abs(pageSize!.widthMm - size.widthMm)).toBeLessThan(0.1)
    expect(Math.abs(pageSize!.heightMm - size.heightMm)).toBeLessThan(0.1)

    const text = squash(await pdfText(pdf, { mode: 'raw' }))
    expect(text).toContain('41257303-0007-1')
    expect(text).toContain('RA123456789RU')
    expect(text).toContain(squash('Кружка красная'))
    // Every glyph survived subsetting: each line of the layout comes back from the PDF as it was laid out.
    for (const t of layout.elements.filter((e): e is LabelText => e.kind === 'text')) expect(text).toContain(squash(t.text))

    const found = await decodeBarcodes(page.png)
    expect(found.map((b) => `${b.format} ${b.text}`).sort()).toEqual([
      'CODE_128 41257303-0007-1',
      'CODE_128 RA123456789RU',
      'DATA_MATRIX 41257303-0007-1',
    ])
  })

  it('lays out for a 300 dpi head: the page rendered at 300 dpi decodes too', async () => {
    const { page } = await readBack(makeBagLabelInput(), resolveLabelSize({ preset: '58x40' }), 300)
    expect((await decodeBarcodes(page.png)).map((b) => b.text).sort()).toEqual(['41257303-0007-1', '41257303-0007-1', 'RA123456789RU'])
  })

  it('draws every character, Cyrillic and Chinese alike (no glyph lost in the font subset)', async () => {
    const input = makeBagLabelInput({
      items: [
        { offerId: 'CN-1', name: CHINESE_NAME, quantity: 1 },
        { offerId: 'RU-1', name: LONG_CYRILLIC_NAME, quantity: 2 },
        { offerId: 'MIX-1', name: 'Кружка 红色马克杯 350 мл', quantity: 1 },
      ],
    })
    const { pdf, layout, page } = await readBack(input, resolveLabelSize({ preset: '100x150' }), 203)
    const png = PNG.sync.read(page.png)
    for (const t of layout.elements.filter((e): e is LabelText => e.kind === 'text' && e.color === 'black')) {
      const chars = squash(t.text).length
      expect(inkIn(png, 203, textBox(t)), `ink of "${t.text}"`).toBeGreaterThan(3 * chars)
    }
    // A line of Chinese alone: each character is a dense glyph, not a blank.
    const chinese = layout.elements.find((e): e is LabelText => e.kind === 'text' && e.text.includes(CHINESE_NAME))!
    const ascii = 'CN-1 × 1  '
    const fonts = await loadLabelFonts()
    const chineseBox = { ...textBox(chinese), x0: chinese.xMm + fonts.measureText(ascii, chinese.fontSizePt, false) }
    expect(inkIn(png, 203, chineseBox)).toBeGreaterThan(15 * [...CHINESE_NAME.replace(/\s/g, '')].length)
    expect(squash(await pdfText(pdf))).toContain(squash(CHINESE_NAME))
    expect(squash(await pdfText(pdf))).toContain(squash('Кружка 红色马克杯 350 мл'))
  })

  it('embeds font subsets, not whole fonts (a label PDF stays small)', async () => {
    const pdf = await renderBagLabelsPdf([makeBagLabelInput()], { size: resolveLabelSize({ preset: '75x120' }), dpi: 203 })
    expect(pdf.length).toBeLessThan(120_000) // the three TTFs are 4.9 MB
  })

  it('puts a batch into one PDF, one page per package, in the given order', async () => {
    const inputs = [1, 2, 3].map((k) =>
      makeBagLabelInput({ postingNumber: `41257303-0007-${k}`, packageIndex: k, packageCount: 3, items: manyItems(k * 5) }),
    )
    const pdf = await renderBagLabelsPdf(inputs, { size: resolveLabelSize({ preset: '58x40' }), dpi: 203 })
    expect(await pdfPageCount(pdf)).toBe(3)
    for (const k of [1, 2, 3]) {
      const text = await pdfText(pdf, { page: k })
      expect(text).toContain(`41257303-0007-${k}`)
      expect(text).toContain(`Место ${k} из 3`)
    }
    const pages = await pdfToPngs(pdf, { dpi: 203 })
    expect((await decodeBarcodes(pages[2]!.png)).map((b) => b.text)).toContain('41257303-0007-3')
  })

  it('refuses the whole batch when one package is bad, naming its posting', async () => {
    const inputs = [makeBagLabelInput(), makeBagLabelInput({ postingNumber: '41257303-0008-1', items: [] })]
    const err = await renderBagLabelsPdf(inputs, { size: resolveLabelSize({ preset: '58x40' }), dpi: 203 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LabelError)
    expect((err as LabelError).postingNumber).toBe('41257303-0008-1')
    expect((err as LabelError).field).toBe('items')
    await expect(renderBagLabelsPdf([], { size: resolveLabelSize({ preset: '58x40' }), dpi: 203 })).rejects.toThrow(/no packages/)
  })

  it('reports a missing font folder with what to do', async () => {
    await expect(loadLabelFonts('/nonexistent/fonts')).rejects.toThrow(/DejaVuSans\.ttf cannot be read.*reinstall/)
    expect(await loadLabelFonts()).toBe(await loadLabelFonts()) // parsed once per process
  })
})

describe('text stays extractable across PDFs made by one process', () => {
  it('a Latin name after a Cyrillic-only label keeps every letter (glyphs shared by composites keep their code points)', async () => {
    // A fresh copy of the fonts = freshly parsed font objects, so the order of use in this process is the one below.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'label-fonts-'))
    try {
      await cp(path.resolve('resources/fonts'), dir, { recursive: true })
      const size = resolveLabelSize({ preset: '75x120' })
      const cyrillic = makeBagLabelInput({ items: [{ offerId: '1', name: 'Кружка рабочая', quantity: 1 }], trackingNumber: undefined, dataMatrix: false })
      const latin = makeBagLabelInput({ items: [{ offerId: '2', name: 'Zebra apple press', quantity: 1 }], trackingNumber: undefined, dataMatrix: false })
      await renderBagLabelsPdf([cyrillic], { size, dpi: 203, fontsDir: dir })
      const second = await renderBagLabelsPdf([latin], { size, dpi: 203, fontsDir: dir })
      expect(await pdfText(second, { mode: 'raw' })).toContain('Zebra apple press')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** Stands in for Ozon's label PDF: another producer, another font, its own page size; one page per text. */
async function foreignLabel(...texts: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const text of texts) doc.addPage([(75 * 72) / 25.4, (120 * 72) / 25.4]).drawText(text, { x: 20, y: 200, size: 14, font })
  return doc.save()
}

describe('mergePdfs', () => {

  it('joins Ozon-style PDFs and ours into one print job in the given order', async () => {
    const ours = await renderBagLabelsPdf(
      [makeBagLabelInput(), makeBagLabelInput({ postingNumber: '41257303-0007-2', packageIndex: 2 })],
      { size: resolveLabelSize({ preset: '58x40' }), dpi: 203 },
    )
    const merged = await mergePdfs([await foreignLabel('OZON LABEL A'), ours, await foreignLabel('OZON LABEL B')])
    const sizes = (await pdfPageSizesMm(merged)).map((s) => `${s.widthMm.toFixed(1)}x${s.heightMm.toFixed(1)}`)
    expect(sizes).toEqual(['75.0x120.0', '58.0x40.0', '58.0x40.0', '75.0x120.0'])
    const pages = await Promise.all([1, 2, 3, 4].map((page) => pdfText(merged, { page })))
    expect(pages[0]).toContain('OZON LABEL A')
    expect(pages[1]).toContain('41257303-0007-1')
    expect(pages[2]).toContain('41257303-0007-2')
    expect(pages[3]).toContain('OZON LABEL B')
    // Our pages keep their fonts and vector barcodes through the copy.
    const rendered = await pdfToPngs(merged, { dpi: 203, firstPage: 3, lastPage: 3 })
    expect((await decodeBarcodes(rendered[0]!.png)).map((b) => b.text)).toContain('41257303-0007-2')
  })

  it('merges a morning batch of 25 label PDFs', async () => {
    const singles = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        renderBagLabelsPdf([makeBagLabelInput({ postingNumber: `5000${i}-0001-1`, trackingNumber: null })], { size: resolveLabelSize({ preset: '75x120' }), dpi: 203 }),
      ),
    )
    const merged = await mergePdfs(singles)
    expect(await pdfPageCount(merged)).toBe(25)
    const text = await pdfText(merged)
    const order = Array.from({ length: 25 }, (_, i) => text.indexOf(`5000${i}-0001-1`))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('says which PDF of the set cannot be read', async () => {
    const good = await foreignLabel('A')
    await expect(mergePdfs([good, new TextEncoder().encode('<html>not a pdf</html>'), good])).rejects.toThrow(/PDF 2 of 3 cannot be read/)
  })
})

describe('assemblePdf', () => {
  it('puts picked pages and whole PDFs in the order of the picks, counting the pages each pick put in', async () => {
    const ozon = await foreignLabel('OZON PAGE 1', 'OZON PAGE 2') // a label Ozon gave as two pages
    const ours = await renderBagLabelsPdf(
      [makeBagLabelInput(), makeBagLabelInput({ postingNumber: '41257303-0007-2', packageIndex: 2 })],
      { size: resolveLabelSize({ preset: '58x40' }), dpi: 203 },
    )
    const { pdf, pageCounts } = await assemblePdf([ours, ozon], [{ source: 1 }, { source: 0, page: 1 }, { source: 0, page: 0 }, { source: 1, page: 1 }])
    expect(pageCounts).toEqual([2, 1, 1, 1])
    const pages = (await pdfText(pdf)).split('\f').slice(0, -1)
    expect(pages.map((p) => (p.includes('OZON PAGE') ? p.trim() : squash(p).match(/41257303-0007-\d/)?.[0]))).toEqual([
      'OZON PAGE 1',
      'OZON PAGE 2',
      '41257303-0007-2',
      '41257303-0007-1',
      'OZON PAGE 2',
    ])
  })

  it('names a page that is not there and a PDF that was not given', async () => {
    const ozon = await foreignLabel('A')
    await expect(assemblePdf([ozon], [{ source: 0, page: 1 }])).rejects.toThrow('PDF 1 of 1 has 1 page(s); page 2 does not exist')
    await expect(assemblePdf([ozon], [{ source: 1 }])).rejects.toThrow('PDF 2 of 1 was not given')
  })
})
