// The hand-over manifest PDF read back: A4 pages, every package's barcode decodes to its posting number (also over
// several pages), the words in Russian or English, names in Cyrillic and Chinese extractable, totals and both
// signature lines; a copy says so.
import { describe, expect, it } from 'vitest'
import { renderManifestPdf, type ManifestInput } from '../../../electron/labels/manifest'
import { decodeBarcodes } from '../../support/barcode-decode'
import { pdfPageSizesMm, pdfText, pdfToPngs } from '../../support/pdf-readback'

function input(count: number, o: Partial<ManifestInput> = {}): ManifestInput {
  return {
    language: 'ru',
    batchLabel: '2026-06-02 №2',
    seller: '深圳小店 · ООО «Уютный дом»',
    carrier: 'СДЭК',
    deliveryMethod: 'СДЭК: до пункта выдачи',
    warehouse: 'Москва Север (FBS)',
    departureDate: '2026-06-02',
    closedAt: '02.06.2026 16:05 (Europe/Moscow)',
    packer: 'Анна Петрова',
    bench: 'Стол 2',
    courier: 'Иван Курьеров',
    copy: 0,
    packages: Array.from({ length: count }, (_, i) => ({
      postingNumber: `${41257303 + (i >> 1)}-${String(7 + (i >> 1)).padStart(4, '0')}-${(i % 2) + 1}`,
      orderNumber: `${41257303 + (i >> 1)}-${String(7 + (i >> 1)).padStart(4, '0')}`,
      trackingNumber: String(1_000_000_000 + i),
      units: 1 + (i % 3),
      packageOf: `${(i % 2) + 1}/2`,
    })),
    ...o,
  }
}

describe('hand-over manifest PDF', () => {
  it('one A4 page: header, the table, totals, signature lines; barcodes decode to the posting numbers', async () => {
    const m = input(5)
    const pdf = await renderManifestPdf(m)
    expect(await pdfPageSizesMm(pdf)).toEqual([expect.objectContaining({ widthMm: expect.closeTo(210, 0), heightMm: expect.closeTo(297, 0) })])
    const text = await pdfText(pdf)
    for (const s of ['Акт приёма-передачи отправлений', 'Партия 2026-06-02 №2', '深圳小店', 'СДЭК: до пункта выдачи', 'Анна Петрова (Стол 2)', 'Иван Курьеров', 'Мест: 5', 'Заказов: 3', 'Единиц товара: 9', 'Сдал', 'Принял', '1/2', '1000000004']) {
      expect(text).toContain(s)
    }
    const [page] = await pdfToPngs(pdf, { dpi: 200 })
    const codes = (await decodeBarcodes(page!.png)).filter((b) => b.format === 'CODE_128').map((b) => b.text)
    expect(codes.sort()).toEqual(m.packages.map((p) => p.postingNumber).sort())
  })

  it('40 packages run over several pages, each numbered; every barcode still decodes; English words', async () => {
    const m = input(40, { language: 'en', copy: 2, note: 'Order 41257303-0026: 1 of 2 packages — the other follows tomorrow' })
    const pdf = await renderManifestPdf(m)
    const sizes = await pdfPageSizesMm(pdf)
    expect(sizes.length).toBeGreaterThanOrEqual(3)
    const text = await pdfText(pdf)
    expect(text).toContain('Hand-over manifest')
    expect(text).toContain(`page ${sizes.length} of ${sizes.length} · copy 2`)
    expect(text).toContain('Packages: 40')
    expect(text).toContain('the other follows tomorrow')
    const pages = await pdfToPngs(pdf, { dpi: 200 })
    const codes = (await Promise.all(pages.map((p) => decodeBarcodes(p.png)))).flat().filter((b) => b.format === 'CODE_128').map((b) => b.text)
    expect(codes.sort()).toEqual(m.packages.map((p) => p.postingNumber).sort())
  })

  it('a name or number too long for its place is cut with "…" (no space before it), never runs into the next column', async () => {
    const seller = 'ООО «Уютный дом» — очень длинное название продавца, которое не помещается в строку шапки акта никак'
    const method = 'СДЭК: до пункта выдачи, очень длинное название способа доставки с подробностями'
    const [pkg] = input(1).packages
    const m = input(1, { seller, deliveryMethod: method, packages: [{ ...pkg!, orderNumber: '41257303-0007-ОЧЕНЬ-ДЛИННЫЙ', trackingNumber: 'RA123456789RU-EXTRA-LONG-TRACK' }] })
    const text = await pdfText(await renderManifestPdf(m))
    for (const whole of [seller, method, 'ОЧЕНЬ-ДЛИННЫЙ', 'EXTRA-LONG-TRACK']) expect(text).not.toContain(whole)
    expect(text).toContain('очень длинное название продавца, которое…')
    expect(text).toMatch(/СДЭК: до пункта выдачи, очень длинное название[^\n]*…/)
    expect(text).toMatch(/41257303-0007-[^\s]*…/)
    expect(text).toMatch(/RA123456789RU[^\s]*…/)
  })

  it('refuses an empty manifest', async () => {
    await expect(renderManifestPdf(input(0))).rejects.toThrow(/at least one package/)
  })
})
