// The hand-over manifest: an A4 sheet (or several) the courier signs when taking a dispatch batch — who handed
// what to whom and when, every package with its posting number as a Code 128 barcode (the same symbol as on our
// bag label, so a courier's scanner can check the parcels against the sheet), totals, and signature lines for the
// packer and the courier. Russian or English. Drawn with the label tooling: embedded DejaVu/Droid fonts (Cyrillic,
// CJK names), vector bars on whole 300-dpi dots, pdf-lib behind pdf-document.ts.
import { code128Rects, CODE128_RULES, dotMm, type BarRect } from '../../shared/domain/label-barcode'
import { Typesetter } from '../../shared/domain/label-typesetter'
import { bwipBarcodeEncoder } from './barcodes'
import { loadLabelFonts, type FontFace, type LabelFonts } from './fonts'
import { createLabelPdf, type LabelPdfPage } from './pdf-document'
import { MANIFEST_WORDS, type ManifestLanguage } from './manifest-words'

export type { ManifestLanguage } from './manifest-words'

export interface ManifestPackage {
  postingNumber: string
  orderNumber: string
  trackingNumber: string
  units: number
  /** "2/3" when the order was split into packages, '' otherwise. */
  packageOf: string
}

export interface ManifestInput {
  language: ManifestLanguage
  batchLabel: string
  seller: string
  carrier: string
  deliveryMethod: string
  warehouse: string
  departureDate: string
  /** When the batch was closed, already in the bench's local time, e.g. "02.06.2026 14:35". */
  closedAt: string
  packer: string
  bench: string
  courier: string
  /** Ozon's carriage number when there is one. */
  carriageId?: string
  /** Why it was closed despite a warning (incomplete split…), printed so the courier sees it too. */
  note?: string
  /** 0 for the first print, n for the n-th copy. */
  copy: number
  packages: ManifestPackage[]
}

export interface ManifestOptions {
  fontsDir?: string
}

// A4 and the grid, in mm.
const PAGE_W = 210
const PAGE_H = 297
const MARGIN = 14
const CONTENT_W = PAGE_W - 2 * MARGIN
const DPI = 300
/** 3 dots at 300 dpi = 0.254 mm: the Code 128 module of our labels, readable by any courier's scanner. */
const MODULE_DOTS = CODE128_RULES.minDots[DPI]
const BAR_H = 9
const ROW_H = 16
const FOOTER_H = 10
const SIGNATURES_H = 48

/** Table columns: x offset and width in mm. */
const COLS = {
  n: { x: 0, w: 9 },
  posting: { x: 9, w: 70 },
  order: { x: 79, w: 36 },
  tracking: { x: 115, w: 40 },
  place: { x: 155, w: 14 },
  units: { x: 169, w: CONTENT_W - 169 },
}

export async function renderManifestPdf(input: ManifestInput, opts: ManifestOptions = {}): Promise<Uint8Array> {
  if (input.packages.length === 0) throw new Error('a manifest needs at least one package')
  const fonts = await loadLabelFonts(opts.fontsDir)
  // A long carrier or product name is cut with "…" by the labels' own rule, never runs into the next column.
  const type = new Typesetter(fonts.measureText)
  const fit = (text: string, size: number, bold: boolean, maxMm: number) => type.truncate(text, size, bold, maxMm)
  const w = MANIFEST_WORDS[input.language]
  const texts = [...Object.values(w), ...headerLines(input).flat(), ...input.packages.flatMap((p) => [p.postingNumber, p.orderNumber, p.trackingNumber]), input.packer, input.courier, input.note ?? '']
  const faces = new Set<FontFace>()
  for (const t of texts) for (const bold of [false, true]) for (const r of fonts.runs(String(t), bold)) faces.add(r.face)
  const pdf = await createLabelPdf(fonts, faces, `${w.title} ${input.batchLabel}`)

  const pages: { page: LabelPdfPage; rects: BarRect[]; texts: (() => void)[] }[] = []
  let y = 0
  const newPage = (first: boolean) => {
    const page = pdf.addPage(PAGE_W, PAGE_H)
    const sheet = { page, rects: [] as BarRect[], texts: [] as (() => void)[] }
    pages.push(sheet)
    y = MARGIN
    const put = (text: string, x: number, baseline: number, size: number, bold = false, maxW = CONTENT_W) =>
      sheet.texts.push(() => drawText(page, fonts, fit(text, size, bold, maxW), MARGIN + x, baseline, size, bold))
    if (first) {
      put(w.title, 0, y + 6, 16, true)
      put(`${w.batch} ${input.batchLabel}`, 0, y + 13, 12, true)
      y += 18
      for (const [label, value] of headerLines(input)) {
        put(`${label}:`, 0, y + 4, 9.5, false, 44)
        put(value, 45, y + 4, 9.5, true, CONTENT_W - 45)
        y += 5.2
      }
      y += 3
    }
    // Column heads and a rule under them.
    const heads: [keyof typeof COLS, string][] = [['n', '№'], ['posting', w.colPosting], ['order', w.colOrder], ['tracking', w.colTracking], ['place', w.colPlace], ['units', w.colUnits]]
    for (const [col, text] of heads) put(text, COLS[col].x + 1, y + 4, 8.5, true, COLS[col].w - 1.5)
    y += 6
    sheet.rects.push({ xMm: MARGIN, yMm: y, wMm: CONTENT_W, hMm: 0.4 })
    y += 1
    return { sheet, put }
  }

  let current = newPage(true)
  input.packages.forEach((pkg, i) => {
    if (y + ROW_H > PAGE_H - MARGIN - FOOTER_H) current = newPage(false)
    const { sheet, put } = current
    const top = y
    put(String(i + 1), COLS.n.x + 1, top + 6, 10, true, COLS.n.w - 1)
    // The posting number as Code 128, snapped to whole 300-dpi dots, with its text under it.
    const widths = bwipBarcodeEncoder.code128(pkg.postingNumber)
    const quiet = CODE128_RULES.quietZoneModules * MODULE_DOTS * dotMm(DPI)
    sheet.rects.push(...code128Rects(widths, { xMm: MARGIN + COLS.posting.x + quiet, yMm: top + 1.5 }, MODULE_DOTS, BAR_H, DPI))
    put(pkg.postingNumber, COLS.posting.x + quiet, top + 1.5 + BAR_H + 3.6, 10, true, COLS.posting.w - quiet)
    put(pkg.orderNumber, COLS.order.x + 1, top + 6, 9.5, false, COLS.order.w - 1.5)
    put(pkg.trackingNumber || '—', COLS.tracking.x + 1, top + 6, 9.5, pkg.trackingNumber !== '', COLS.tracking.w - 1.5)
    put(pkg.packageOf || '1', COLS.place.x + 1, top + 6, 10, false, COLS.place.w - 1.5)
    put(String(pkg.units), COLS.units.x + 1, top + 6, 10, false, COLS.units.w - 1.5)
    y += ROW_H
    sheet.rects.push({ xMm: MARGIN, yMm: y - 0.6, wMm: CONTENT_W, hMm: 0.15 })
  })

  // Totals and signatures stay together on one page.
  if (y + SIGNATURES_H > PAGE_H - MARGIN - FOOTER_H) current = newPage(false)
  {
    const { sheet, put } = current
    const orders = new Set(input.packages.map((p) => p.orderNumber)).size
    const units = input.packages.reduce((s, p) => s + p.units, 0)
    y += 3
    put(`${w.totalPackages}: ${input.packages.length}    ${w.totalOrders}: ${orders}    ${w.totalUnits}: ${units}`, 0, y + 5, 11, true)
    y += 9
    if (input.note) {
      put(`${w.note}: ${input.note}`, 0, y + 4, 9, false)
      y += 6
    }
    y += 8
    const half = CONTENT_W / 2 - 4
    const signature = (x: number, role: string, name: string) => {
      put(role, x, y, 10, true, half)
      sheet.rects.push({ xMm: MARGIN + x, yMm: y + 12, wMm: half, hMm: 0.3 })
      put(`${w.signature} / ${name || w.nameBlank}`, x, y + 16, 8.5, false, half)
      sheet.rects.push({ xMm: MARGIN + x, yMm: y + 24, wMm: half * 0.55, hMm: 0.3 })
      put(w.dateTime, x, y + 28, 8.5, false, half)
    }
    signature(0, w.handedOver, input.packer)
    signature(CONTENT_W / 2 + 4, w.received, input.courier)
  }

  pages.forEach((sheet, i) => {
    const copy = input.copy > 0 ? ` · ${w.copy} ${input.copy}` : ''
    sheet.texts.push(() =>
      drawText(sheet.page, fonts, fit(`${input.batchLabel} · ${input.carrier} · ${w.page} ${i + 1} ${w.of} ${pages.length}${copy}`, 8, false, CONTENT_W), MARGIN, PAGE_H - MARGIN + 2, 8, false),
    )
    sheet.page.fillRects(sheet.rects)
    for (const t of sheet.texts) t()
  })
  return pdf.save()
}

function headerLines(m: ManifestInput): [string, string][] {
  const w = MANIFEST_WORDS[m.language]
  const lines: [string, string][] = [
    [w.seller, m.seller],
    [w.carrier, m.carrier],
    [w.deliveryMethod, m.deliveryMethod],
    [w.warehouse, m.warehouse],
    [w.departure, m.departureDate],
    [w.closedAt, m.closedAt],
    [w.packer, `${m.packer || w.nameBlank} (${m.bench})`],
    [w.courier, m.courier || w.nameBlank],
  ]
  if (m.carriageId) lines.push([w.carriage, m.carriageId])
  return lines
}

function drawText(page: LabelPdfPage, fonts: LabelFonts, text: string, xMm: number, baselineMm: number, size: number, bold: boolean): void {
  let x = xMm
  for (const run of fonts.runs(text, bold)) {
    page.drawRun(run.text, run.face, x, baselineMm, size, 'black')
    x += fonts.measureText(run.text, size, bold)
  }
}
