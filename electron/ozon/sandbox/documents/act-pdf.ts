// The hand-over document of a carriage: a shipment sheet ("лист отгрузки", §9.3) on A4 listing every posting,
// with the carriage number as a Code 128 for the drop-off point.
import type { SbAccount, SbCarriage } from '../world'
import { MM, code128, line, newDocument, text } from './pdf-kit'

const A4 = { width: 210, height: 297 }
const ROWS_PER_PAGE = 40

export async function actPdf(acc: SbAccount, carriage: SbCarriage): Promise<Buffer> {
  const pen = await newDocument(`Лист отгрузки № ${carriage.carriage_id}`)
  const dm = acc.delivery_methods.find((d) => d.id === carriage.delivery_method_id)
  const wh = acc.warehouses.find((w) => w.warehouse_id === dm?.warehouse_id)
  const numbers = carriage.posting_numbers
  const pages = Math.max(1, Math.ceil(numbers.length / ROWS_PER_PAGE))
  for (let pageNo = 0; pageNo < pages; pageNo++) {
    const page = pen.doc.addPage([A4.width * MM, A4.height * MM])
    text(pen, page, `Лист отгрузки № ${carriage.carriage_id}`, 15, 280, 14)
    text(pen, page, `Продавец: ${acc.company_name}`, 15, 272, 9)
    text(pen, page, `Склад: ${wh?.name ?? ''}; способ доставки: ${dm?.name ?? ''}`, 15, 267, 9, 180)
    text(pen, page, `Дата отгрузки: ${carriage.departure_date.slice(0, 10)}; отправлений: ${numbers.length}; грузомест: ${carriage.containers_count}`, 15, 262, 9, 180)
    code128(page, carriage.carriage_id, 140, 272, 12, 0.3)
    line(page, 15, 257, 195, 257)
    text(pen, page, '№', 15, 252, 8)
    text(pen, page, 'Отправление', 25, 252, 8)
    text(pen, page, 'Товаров, шт.', 80, 252, 8)
    text(pen, page, 'Статус', 115, 252, 8)
    const rows = numbers.slice(pageNo * ROWS_PER_PAGE, (pageNo + 1) * ROWS_PER_PAGE)
    rows.forEach((n, i) => {
      const p = acc.postings[n]
      const y = 246 - i * 5.5
      text(pen, page, String(pageNo * ROWS_PER_PAGE + i + 1), 15, y, 8)
      text(pen, page, n, 25, y, 8)
      text(pen, page, String(p?.products.reduce((s, l) => s + l.quantity, 0) ?? 0), 80, y, 8)
      text(pen, page, p?.status ?? '', 115, y, 8)
    })
    text(pen, page, `Страница ${pageNo + 1} из ${pages}`, 15, 12, 8)
    text(pen, page, 'Сдал: ____________________      Принял: ____________________', 60, 12, 8)
  }
  return Buffer.from(await pen.doc.save())
}
