// The test label of a printer: which printer, which bench, when — with a Code 128 to scan and a frame along the
// edge, so the person setting up a printer sees at once that the size, the darkness and the barcode come out right.
// It is a label layout like the bag label (the same model every renderer draws), so a raw printer gets it dot for
// dot and the folder, CUPS and Windows printers get its PDF. Pure: text measurement and barcode encoding are injected.
import { CODE128_RULES, chooseModuleDots, code128Rects, dotMm, snapToDot, type BarcodeEncoder, type Dpi } from './label-barcode'
import { LabelError } from './label-error'
import type { LabelElement, LabelLayout, LabelSize, LabelText, LabelTextRole } from './label-layout'
import { MIN_FONT_PT, Typesetter, ascent, lineHeight, type MeasureText } from './label-typesetter'

export interface TestLabelFacts {
  /** First line, in the bench's language ("Тестовая печать"). */
  heading: string
  printerName: string
  bench: string
  /** The time as the bench reads it ("14.01.2026 13:08:12"). */
  printedAt: string
  /** What the barcode carries: printable ASCII, short (e.g. "TEST130812"). */
  code: string
}

export interface TestLabelOptions {
  size: LabelSize
  dpi: Dpi
  measureText: MeasureText
  barcodes: BarcodeEncoder
}

/** The code of a test label printed at `at`: TEST + the time of day, so two test prints are told apart. */
export function testLabelCode(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `TEST${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`
}

export function layoutTestLabel(facts: TestLabelFacts, opts: TestLabelOptions): LabelLayout {
  const { size, dpi } = opts
  const type = new Typesetter(opts.measureText)
  // Bigger stock, bigger type: 58×40 is the reference.
  const scale = Math.min(2, Math.max(0.8, Math.min(size.widthMm / 58, size.heightMm / 40)))
  const margin = snapToDot(2 * scale, dpi)
  const width = size.widthMm - 2 * margin
  const elements: LabelElement[] = []
  // A frame 1 mm inside the edge: cut off on any side, the printer's size or offset is wrong.
  const inset = snapToDot(1, dpi)
  const line = 2 * dotMm(dpi)
  const [fw, fh] = [size.widthMm - 2 * inset, size.heightMm - 2 * inset]
  for (const [xMm, yMm, wMm, hMm] of [
    [inset, inset, fw, line],
    [inset, size.heightMm - inset - line, fw, line],
    [inset, inset, line, fh],
    [size.widthMm - inset - line, inset, line, fh],
  ] as const) {
    elements.push({ kind: 'box', role: 'rule', xMm, yMm, wMm, hMm })
  }

  let y = margin
  const textLine = (role: LabelTextRole, text: string, pt: number, bold: boolean) => {
    const fitted = type.shrinkToFit(text, pt, bold, width, MIN_FONT_PT) ?? MIN_FONT_PT
    const shown = type.truncate(text, fitted, bold, width)
    const baseline = y + ascent(fitted)
    const el: LabelText = {
      kind: 'text',
      role,
      text: shown,
      xMm: margin,
      baselineMm: baseline,
      fontSizePt: fitted,
      bold,
      widthMm: type.width(shown, fitted, bold),
      maxWidthMm: width,
      color: 'black',
    }
    elements.push(el)
    y += lineHeight(fitted)
  }
  // The bag label's text roles are reused: a renderer only looks at the text, its place and its size.
  textLine('carrier', facts.heading, 11 * scale, true)
  textLine('deliveryMethod', facts.printerName, 9 * scale, true)
  textLine('warehouse', facts.bench, 8 * scale, false)
  textLine('shipBy', facts.printedAt, 8 * scale, false)

  // The barcode fills what is left above the code's own text line, centred, on whole dots.
  const codePt = 8 * scale
  const widths = opts.barcodes.code128(facts.code)
  const modules = widths.reduce((a, b) => a + b, 0)
  // The quiet zones stay inside the frame (a frame line in a quiet zone would spoil the scan).
  const moduleDots = chooseModuleDots(modules, CODE128_RULES, dpi, width, size.widthMm - 2 * (inset + line))
  const gap = snapToDot(1 * scale, dpi)
  const barTop = snapToDot(y + gap, dpi)
  const barHeight = snapToDot(Math.min(15 * scale, size.heightMm - margin - lineHeight(codePt) - barTop), dpi)
  if (moduleDots === undefined || barHeight < 5) {
    throw new LabelError(
      'barcode_does_not_fit',
      'size',
      `a test label of ${size.widthMm}×${size.heightMm} mm has no room for a scannable barcode`,
      'Check the label size of this printer.',
    )
  }
  const moduleMm = moduleDots * dotMm(dpi)
  const symbolMm = modules * moduleMm
  const x = snapToDot((size.widthMm - symbolMm) / 2, dpi)
  elements.push({
    kind: 'barcode',
    role: 'posting',
    symbology: 'code128',
    value: facts.code,
    xMm: x,
    yMm: barTop,
    widthMm: symbolMm,
    heightMm: barHeight,
    moduleDots,
    moduleMm,
    quietZoneMm: CODE128_RULES.quietZoneModules * moduleMm,
    bars: code128Rects(widths, { xMm: x, yMm: barTop }, moduleDots, barHeight, dpi),
  })
  y = barTop + barHeight
  const codeWidth = type.width(facts.code, codePt, false)
  elements.push({
    kind: 'text',
    role: 'postingNumber',
    text: facts.code,
    xMm: Math.max(margin, (size.widthMm - codeWidth) / 2),
    baselineMm: y + ascent(codePt) + 0.3,
    fontSizePt: codePt,
    bold: false,
    widthMm: codeWidth,
    maxWidthMm: width,
    color: 'black',
  })

  return {
    widthMm: size.widthMm,
    heightMm: size.heightMm,
    dpi,
    postingNumber: facts.code,
    elements,
    fit: { density: 'roomy', textScale: scale, itemsShown: 0, itemsHidden: 0 },
  }
}
