// The label stock of this bench: which size the station's bag labels are laid out for, and which Ozon label size
// fits when Ozon does not say one for the warehouse. It comes from the bench's printers (one per purpose, in
// <dataDir>/printers.json, owned by the printing area). Until printing hands the labels area its registry, the
// file is read as it is on disk — read only, a whole file at a time (the store renames complete files into place).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { LabelStockInfo, OzonLabelSize } from '../../../shared/contract/labels'
import { LabelStock, PRINTER_PURPOSES, type PrinterPurpose } from '../../../shared/domain/printers'

export interface StockOfPurpose extends LabelStockInfo {
  orientation: 'portrait' | 'landscape'
}

/** Where the labels area learns the bench's stock; the printing integration may pass its registry's view instead. */
export type BenchStockSource = (purpose: PrinterPurpose) => Promise<StockOfPurpose | null>

/** The demo printers' stock (printing's demoPrinters): 58×40 bag labels, 75×120 Ozon labels, 203 dpi. */
export const DEFAULT_STOCK: Record<PrinterPurpose, StockOfPurpose> = {
  'bag-label': { widthMm: 58, heightMm: 40, dpi: 203, orientation: 'portrait' },
  'ozon-label': { widthMm: 75, heightMm: 120, dpi: 203, orientation: 'portrait' },
}

// Only the fields the labels area needs; the printing area validates the rest.
const StoredPrinters = z.object({
  data: z.object({
    printers: z.array(
      z.object({
        label: LabelStock,
        dpi: z.union([z.literal(203), z.literal(300)]).default(203),
        orientation: z.enum(['portrait', 'landscape']).default('portrait'),
        purposes: z.array(z.enum(PRINTER_PURPOSES)).default([]),
      }),
    ),
  }),
})

/** Reads <dataDir>/printers.json; a missing or unreadable file means the demo printers' stock. */
export function printersFileStock(dataDir: string): BenchStockSource {
  const file = path.join(dataDir, 'printers.json')
  return async (purpose) => {
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      return DEFAULT_STOCK[purpose]
    }
    const parsed = StoredPrinters.safeParse(raw)
    if (!parsed.success) return DEFAULT_STOCK[purpose]
    const printer = parsed.data.data.printers.find((p) => p.purposes.includes(purpose))
    if (!printer) return null
    return { widthMm: printer.label.widthMm, heightMm: printer.label.heightMm, dpi: printer.dpi, orientation: printer.orientation }
  }
}

/**
 * The bag label's size as laid out: the stock as fed (width across the head) — turned when the printer prints it
 * landscape, so the layout uses the long side the way the label will be read.
 */
export function bagLabelSize(stock: StockOfPurpose): { widthMm: number; heightMm: number } {
  return stock.orientation === 'landscape' ? { widthMm: stock.heightMm, heightMm: stock.widthMm } : { widthMm: stock.widthMm, heightMm: stock.heightMm }
}

/** Ozon's label size for stock without a warehouse preference: the big 75×120 label needs stock at least that big. */
export function ozonSizeForStock(stock: StockOfPurpose | null): OzonLabelSize {
  if (!stock) return 'big'
  const short = Math.min(stock.widthMm, stock.heightMm)
  const long = Math.max(stock.widthMm, stock.heightMm)
  return short >= 70 && long >= 110 ? 'big' : 'small'
}
