// Bag label PDFs: ours (vector bars from bwip-js raw data, fonts parsed once per process, subset per PDF) against
// the naive approach measured in the same process: a PNG per barcode from bwip-js toBuffer embedded with pdf-lib,
// fonts parsed for every PDF. Both draw the same layout (same text, same positions), so the difference is the
// barcodes and the font handling. Figures: one label per PDF, and a morning batch of 200 labels in one PDF.
import fontkit from '@pdf-lib/fontkit'
import bwipjs from 'bwip-js/node'
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib'
import { layoutBagLabels, loadLabelFonts, renderBagLabelsPdf, renderLabelLayoutsPdf, type LabelFonts } from '../../electron/labels'
import { resolveLabelSize, type BagLabelInput, type LabelLayout } from '../../shared/domain/label-layout'
import { makeBagLabelInput, manyItems } from '../fixtures/labels/bag-labels'
import { performance } from 'node:perf_hooks'
import { stats, time, type Bench, type Stats } from './lib'

const PT = 72 / 25.4
const size = resolveLabelSize({ preset: '75x120' })
const opts = { size, dpi: 203 as const }

function batch(n: number): BagLabelInput[] {
  return Array.from({ length: n }, (_, i) =>
    makeBagLabelInput({
      postingNumber: `4125${String(7303 + i).padStart(4, '0')}-0007-${(i % 3) + 1}`,
      packageIndex: (i % 3) + 1,
      packageCount: 3,
      items: manyItems((i % 7) + 1),
      trackingNumber: i % 2 ? `RA${String(123456789 + i)}RU` : null,
    }),
  )
}

/** The naive renderer: same layout, but each barcode is a bwip-js PNG embedded as an image. */
async function naivePdf(layouts: LabelLayout[], fonts: LabelFonts): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit) // parses the TTFs again for this document
  const faces: Record<string, PDFFont> = {}
  for (const face of ['regular', 'bold', 'cjk'] as const) faces[face] = await doc.embedFont(fonts.bytes[face], { subset: true })
  for (const layout of layouts) {
    const page = doc.addPage([layout.widthMm * PT, layout.heightMm * PT])
    const y = (mm: number) => (layout.heightMm - mm) * PT
    for (const el of layout.elements) {
      if (el.kind === 'box') page.drawRectangle({ x: el.xMm * PT, y: y(el.yMm + el.hMm), width: el.wMm * PT, height: el.hMm * PT, color: rgb(0, 0, 0) })
      if (el.kind === 'barcode') {
        const png = await bwipjs.toBuffer({
          bcid: el.symbology === 'code128' ? 'code128' : 'datamatrix',
          text: el.value,
          scale: el.moduleDots,
          ...(el.symbology === 'code128' ? { height: el.heightMm } : {}),
        })
        const image = await doc.embedPng(png)
        page.drawImage(image, { x: el.xMm * PT, y: y(el.yMm + el.heightMm), width: el.widthMm * PT, height: el.heightMm * PT })
      }
      if (el.kind === 'text') {
        let x = el.xMm
        for (const run of fonts.runs(el.text, el.bold)) {
          page.drawText(run.text, { x: x * PT, y: y(el.baselineMm), size: el.fontSizePt, font: faces[run.face]!, color: el.color === 'white' ? rgb(1, 1, 1) : rgb(0, 0, 0) })
          x += fonts.measureText(run.text, el.fontSizePt, el.bold)
        }
      }
    }
  }
  return doc.save()
}

/**
 * Runs the naive and our version alternately (after `warmup` rounds), so a busy machine slows both alike; the
 * ratio of the medians is the figure.
 */
async function headToHead(naive: () => Promise<unknown>, ours: () => Promise<unknown>, runs: number, warmup = 1): Promise<[Stats, Stats]> {
  const samples: [number[], number[]] = [[], []]
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, fn] of [naive, ours].entries()) {
      const t0 = performance.now()
      await fn()
      if (i >= warmup) samples[k]!.push(performance.now() - t0)
    }
  }
  return [stats(samples[0]), stats(samples[1])]
}

export default {
  name: 'labels',
  async run(report) {
    const fonts = await loadLabelFonts()
    const one = [makeBagLabelInput()]
    const oneLayout = await layoutBagLabels(one, opts)
    const many = batch(200)
    const manyLayouts = await layoutBagLabels(many, opts)

    // One label per PDF (a label printed right after packing).
    const [naiveOne, oursOne] = await headToHead(() => naivePdf(oneLayout, fonts), () => renderBagLabelsPdf(one, opts), 20, 3)
    report.timing('one 75x120 label, naive (PNG barcodes, fonts per PDF)', naiveOne)
    report.timing('one 75x120 label, ours (vector bars, cached fonts)', oursOne)
    report.ratio('one label', naiveOne.median, oursOne.median)

    // A morning batch: 200 labels in one PDF (one print job).
    const [naiveBatch, oursBatch] = await headToHead(() => naivePdf(manyLayouts, fonts), () => renderBagLabelsPdf(many, opts), 3, 1)
    report.timing('batch of 200 labels, naive', naiveBatch)
    report.timing('batch of 200 labels, ours', oursBatch)
    report.figure('batch of 200 labels, ours per label', oursBatch.median / 200, 'ms')
    report.ratio('batch of 200 labels', naiveBatch.median, oursBatch.median)

    // Where our time goes: laying out (text measurement, bwip-js raw) vs drawing and saving the PDF.
    const layoutOnly = await time(() => layoutBagLabels(many, opts), 5, 1)
    const drawAndSave = await time(() => renderLabelLayoutsPdf(manyLayouts, fonts), 5, 1)
    report.timing('  of which: layout of 200 labels', layoutOnly)
    report.timing('  of which: draw + save 200 laid-out labels', drawAndSave)
    const bytes = await renderBagLabelsPdf(many, opts)
    report.figure('batch of 200 labels, PDF size', bytes.length / 1024, 'KiB')
  },
} satisfies Bench
