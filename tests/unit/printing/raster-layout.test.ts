import { beforeAll, describe, expect, it } from 'vitest'
import { layoutBagLabels, loadLabelFonts, renderLabelLayoutsPdf, type LabelFonts } from '../../../electron/labels'
import { bitmapToPng, countBlack, type LabelBitmap } from '../../../electron/printing/bitmap'
import { rasterisePdf } from '../../../electron/printing/raster'
import { bitmapsFromStoredLayouts, renderLayoutBitmap } from '../../../electron/printing/raster-layout'
import { makePosting } from '../../../shared/domain/fixtures'
import { bagLabelInputFromPosting } from '../../../shared/domain/label-input'
import type { LabelBarcode, LabelLayout, LabelText } from '../../../shared/domain/label-layout'
import { Printer } from '../../../shared/domain/printers'
import { decodeBarcodes } from '../../support/barcode-decode'

let fonts: LabelFonts
beforeAll(async () => {
  fonts = await loadLabelFonts()
})

const printer = (widthMm: number, heightMm: number, dpi: 203 | 300 = 203) =>
  Printer.parse({ id: 'p', name: 'P', driver: 'zpl', connection: 'tcp://127.0.0.1:9100', label: { widthMm, heightMm }, dpi })

async function layoutFor(size: { widthMm: number; heightMm: number }, overrides: Parameters<typeof makePosting>[0] = {}, dpi: 203 | 300 = 203) {
  const posting = makePosting(overrides)
  const input = bagLabelInputFromPosting(posting, { packageIndex: 1, packageCount: 2, locale: 'ru', timeZone: 'Europe/Moscow', dataMatrix: true })
  const [layout] = await layoutBagLabels([input], { size, dpi })
  return layout!
}

const dotsOf = (b: LabelBitmap, box: { x0: number; y0: number; x1: number; y1: number }) => {
  const out: number[] = []
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) out.push((b.bits[y * b.bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1)
  return out
}
const barcodeBox = (el: LabelBarcode) => ({
  x0: Math.round(el.xMm / 0.125),
  y0: Math.round(el.yMm / 0.125),
  x1: Math.round((el.xMm + el.widthMm) / 0.125),
  y1: Math.round((el.yMm + el.heightMm) / 0.125),
})

describe('bag label layout → printer dots, without a PDF', () => {
  for (const size of [
    { widthMm: 58, heightMm: 40 },
    { widthMm: 75, heightMm: 120 },
  ]) {
    it(`${size.widthMm}×${size.heightMm}: exact label size in dots, and every barcode reads back`, async () => {
      const layout = await layoutFor(size, { postingNumber: '41257303-0007-1', trackingNumber: 'RA123456789RU' })
      const bitmap = renderLayoutBitmap(layout, printer(size.widthMm, size.heightMm))!
      expect([bitmap.width, bitmap.height]).toEqual([size.widthMm * 8, size.heightMm * 8])
      const codes = await decodeBarcodes(bitmapToPng(bitmap))
      const expected = layout.elements.filter((e): e is LabelBarcode => e.kind === 'barcode').map((e) => ({ format: e.symbology === 'code128' ? 'CODE_128' : 'DATA_MATRIX', text: e.value }))
      expect(expected.length).toBeGreaterThanOrEqual(2)
      for (const e of expected) expect(codes).toContainEqual(e)
    })
  }

  it('puts the bars on exactly the same dots as rasterising the label’s PDF does', async () => {
    const layout = await layoutFor({ widthMm: 58, heightMm: 40 })
    const direct = renderLayoutBitmap(layout, printer(58, 40))!
    const [viaPdf] = await rasterisePdf(await renderLabelLayoutsPdf([layout], fonts), printer(58, 40))
    for (const el of layout.elements.filter((e): e is LabelBarcode => e.kind === 'barcode')) {
      const box = barcodeBox(el)
      expect(dotsOf(direct, box)).toEqual(dotsOf(viaPdf!, box))
      expect(countBlack(direct, box)).toBeGreaterThan(0)
    }
  })

  it('draws every text line (Cyrillic included) with about the ink the PDF has there', async () => {
    const layout = await layoutFor({ widthMm: 75, heightMm: 120 })
    const direct = renderLayoutBitmap(layout, printer(75, 120))!
    const [viaPdf] = await rasterisePdf(await renderLabelLayoutsPdf([layout], fonts), printer(75, 120))
    const lines = layout.elements.filter((e): e is LabelText => e.kind === 'text' && e.color === 'black')
    expect(lines.some((l) => /[А-Яа-я]/.test(l.text))).toBe(true)
    for (const line of lines) {
      const px = (line.fontSizePt * 25.4) / 72 / 0.125
      const box = { x0: Math.floor(line.xMm / 0.125), x1: Math.ceil((line.xMm + line.widthMm) / 0.125), y0: Math.floor(line.baselineMm / 0.125 - px), y1: Math.ceil(line.baselineMm / 0.125 + px * 0.3) }
      const ours = countBlack(direct, box)
      const theirs = countBlack(viaPdf!, box)
      expect(ours, `"${line.text}"`).toBeGreaterThan(0)
      expect(Math.abs(ours - theirs) / theirs, `"${line.text}": ${ours} vs ${theirs} dots`).toBeLessThan(0.35)
    }
  })

  it('turns a 58×40 layout exactly onto 40×58 stock', async () => {
    const layout = await layoutFor({ widthMm: 58, heightMm: 40 }, { postingNumber: '55555555-0001-1' })
    const b = renderLayoutBitmap(layout, printer(40, 58))!
    expect([b.width, b.height]).toEqual([320, 464])
    expect(await decodeBarcodes(bitmapToPng(b))).toContainEqual({ format: 'CODE_128', text: '55555555-0001-1' })
  })

  it('lays a 300 dpi label on the 300 dpi head dot for dot (12 dots/mm on both sides)', async () => {
    const layout = await layoutFor({ widthMm: 58, heightMm: 40 }, { postingNumber: '30030030-0001-1' }, 300)
    const b = renderLayoutBitmap(layout, printer(58, 40, 300))!
    expect([b.width, b.height]).toEqual([696, 480])
    // Every bar edge of the layout falls on a whole 1/12 mm dot, so the printed bars are exactly the layout's.
    for (const el of layout.elements) {
      if (el.kind !== 'barcode') continue
      for (const bar of el.bars) expect(Math.abs(bar.xMm * 12 - Math.round(bar.xMm * 12))).toBeLessThan(1e-6)
    }
    expect(await decodeBarcodes(bitmapToPng(b))).toContainEqual({ format: 'CODE_128', text: '30030030-0001-1' })
  })

  it('leaves layouts for another resolution or stock to the PDF path', async () => {
    const layout: LabelLayout = await layoutFor({ widthMm: 58, heightMm: 40 })
    expect(renderLayoutBitmap(layout, printer(58, 40, 300))).toBeUndefined()
    expect(renderLayoutBitmap(layout, printer(75, 120))).toBeUndefined()
    expect(await bitmapsFromStoredLayouts({ extras: { layouts: [layout] } }, printer(75, 120))).toBeUndefined()
    expect(await bitmapsFromStoredLayouts({}, printer(58, 40))).toBeUndefined()
    expect(await bitmapsFromStoredLayouts({ extras: { layouts: [layout, layout] } }, printer(58, 40))).toHaveLength(2)
  })
})
