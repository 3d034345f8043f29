// Ozon-style package labels, one page per posting. Ozon gives no layout in its API docs (§7.1 [UNCERTAIN]);
// the sizes follow the community: big = 75×120 mm (the regular label), small = 58×40 mm. The posting number is a
// Code 128 on both; the big label also carries the upper (`%101%…`) and lower (14-digit) barcodes Ozon prints.
import type { SbAccount, SbPosting } from '../world'
import { MM, code128, code128Width, line, newDocument, text } from './pdf-kit'

export type LabelSize = 'big' | 'small'

export const LABEL_SIZES_MM: Record<LabelSize, { width: number; height: number }> = {
  big: { width: 75, height: 120 },
  small: { width: 58, height: 40 },
}

function fmtDate(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
}

export async function labelPdf(acc: SbAccount, postings: SbPosting[], size: LabelSize): Promise<Buffer> {
  const pen = await newDocument(`Ozon labels (${size}) ${postings.map((p) => p.posting_number).join(', ')}`)
  const { width, height } = LABEL_SIZES_MM[size]
  for (const p of postings) {
    const page = pen.doc.addPage([width * MM, height * MM])
    const dm = acc.delivery_methods.find((d) => d.id === p.delivery_method_id)
    const wh = acc.warehouses.find((w) => w.warehouse_id === p.warehouse_id)
    const units = p.products.reduce((s, l) => s + l.quantity, 0)
    if (size === 'small') {
      text(pen, page, 'OZON', 3, 35, 9)
      text(pen, page, fmtDate(p.shipment_date), 38, 35, 7)
      const w = code128Width(p.posting_number, 0.25)
      code128(page, p.posting_number, (width - w) / 2, 14, 18, 0.25)
      text(pen, page, p.posting_number, 3, 9, 10)
      text(pen, page, `${p.barcodes.lower_barcode} · ${units} шт.`, 3, 4, 6.5, width - 6)
      continue
    }
    // big 75×120
    text(pen, page, 'OZON', 4, 111, 16)
    text(pen, page, dm?.provider_name ?? 'Ozon Логистика', 30, 113, 7, 41)
    text(pen, page, fmtDate(p.shipment_date), 30, 108.5, 7)
    const up = code128Width(p.barcodes.upper_barcode, 0.3)
    code128(page, p.barcodes.upper_barcode, (width - up) / 2, 92, 13, 0.3)
    text(pen, page, p.barcodes.upper_barcode, 4, 88, 8)
    line(page, 3, 85.5, width - 3, 85.5)
    text(pen, page, 'Номер отправления', 4, 81, 7)
    const main = code128Width(p.posting_number, 0.33)
    code128(page, p.posting_number, (width - main) / 2, 60, 18, 0.33)
    text(pen, page, p.posting_number, 4, 53, 14)
    line(page, 3, 50, width - 3, 50)
    text(pen, page, `Склад: ${wh?.name ?? ''}`, 4, 45, 7, width - 8)
    text(pen, page, `Доставка: ${dm?.name ?? ''}`, 4, 41, 7, width - 8)
    text(pen, page, `Город: ${p.customer_city}`, 4, 37, 7, width - 8)
    text(pen, page, `Товаров: ${units} шт., позиций: ${p.products.length}`, 4, 33, 7, width - 8)
    const low = code128Width(p.barcodes.lower_barcode, 0.3)
    code128(page, p.barcodes.lower_barcode, (width - low) / 2, 12, 15, 0.3)
    text(pen, page, p.barcodes.lower_barcode, 4, 7, 9)
  }
  return Buffer.from(await pen.doc.save())
}
