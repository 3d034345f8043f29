// The station's bag labels as one PDF: each package's label laid out (shared/domain/label-layout) with the shipped
// fonts' metrics and bwip-js module data, then drawn page by page — one page per label at the label's exact size.
import {
  LabelError,
  layoutBagLabel,
  type BagLabelInput,
  type Dpi,
  type LabelLayout,
  type LabelSize,
} from '../../shared/domain/label-layout'
import { bwipBarcodeEncoder } from './barcodes'
import { loadLabelFonts, type FontFace, type LabelFonts } from './fonts'
import { createLabelPdf } from './pdf-document'

export interface BagLabelOptions {
  size: LabelSize
  dpi: Dpi
  /** Folder with the label TTFs; resources/fonts of this checkout by default. */
  fontsDir?: string
}

/** Layouts of the given packages' labels, measured with the fonts the PDF embeds (also what a preview draws). */
export async function layoutBagLabels(inputs: BagLabelInput[], opts: BagLabelOptions): Promise<LabelLayout[]> {
  const fonts = await loadLabelFonts(opts.fontsDir)
  return inputs.map((input) =>
    layoutBagLabel(input, { size: opts.size, dpi: opts.dpi, measureText: fonts.measureText, barcodes: bwipBarcodeEncoder }),
  )
}

/**
 * One PDF, one page per package, in the given order. Every label is laid out before anything is drawn, so a bad
 * package fails the whole batch with a LabelError naming its posting instead of printing a partial set.
 */
export async function renderBagLabelsPdf(inputs: BagLabelInput[], opts: BagLabelOptions): Promise<Uint8Array> {
  if (inputs.length === 0) {
    throw new LabelError('no_labels', 'inputs', 'no packages were given to label', 'Select at least one package to print.')
  }
  const layouts = await layoutBagLabels(inputs, opts)
  return renderLabelLayoutsPdf(layouts, await loadLabelFonts(opts.fontsDir))
}

/** Draws finished layouts into one PDF (the layouts must have been measured with these `fonts`). */
export async function renderLabelLayoutsPdf(layouts: LabelLayout[], fonts: LabelFonts): Promise<Uint8Array> {
  const faces = new Set<FontFace>()
  for (const layout of layouts) {
    for (const el of layout.elements) {
      if (el.kind === 'text') for (const run of fonts.runs(el.text, el.bold)) faces.add(run.face)
    }
  }
  const title = layouts.length === 1 ? `Bag label ${layouts[0]!.postingNumber}` : `Bag labels (${layouts.length})`
  const pdf = await createLabelPdf(fonts, faces, title)
  for (const layout of layouts) {
    const page = pdf.addPage(layout.widthMm, layout.heightMm)
    // All ink that is not text goes down in one path; text comes after, so the badge's white text lies on top.
    page.fillRects(
      layout.elements.flatMap((el) =>
        el.kind === 'barcode' ? el.bars : el.kind === 'box' ? [{ xMm: el.xMm, yMm: el.yMm, wMm: el.wMm, hMm: el.hMm }] : [],
      ),
    )
    for (const el of layout.elements) {
      if (el.kind !== 'text') continue
      let x = el.xMm
      for (const run of fonts.runs(el.text, el.bold)) {
        page.drawRun(run.text, run.face, x, el.baselineMm, el.fontSizePt, el.color)
        x += fonts.measureText(run.text, el.fontSizePt, el.bold)
      }
    }
  }
  return pdf.save()
}
