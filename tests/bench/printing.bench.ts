// From "print" to the last byte received by the printer (a fake TCP printer on loopback, in this process), for the
// station's 58×40 and 75×120 labels on ESC/POS and ZPL printers: median and p95 over 100 jobs, and bytes per job.
//
// Ours, three ways:
//   queue + layout  — what the station does for its own bag labels: queue.print() journals the job (fsynced),
//                     draws the label layout straight to dots, sends it (status check first, then the program);
//   queue + PDF     — the same for a PDF-only label (Ozon's), rasterised with pdfjs at the printer's dots;
//   driver + PDF    — the driver alone (no journal), for comparison with the baseline.
// Naive baseline, same process, same labels: what a first version would write with the stock tools — render the
// PDF page to a PNG, then for ESC/POS hand it to node-thermal-printer (printImageBuffer: one GS v 0 block,
// per-pixel objects) and its own TCP execute(); for ZPL decode the PNG and send the label as plain hex ^GF.
// Both start from the same PDF and end at the printer's last byte; neither is journaled. Jobs run one at a time (the
// next starts once the previous is recorded as sent), as a packer prints package after package.
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer'
import { PNG } from 'pngjs'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import { layoutBagLabels, loadLabelFonts, renderLabelLayoutsPdf } from '../../electron/labels'
import { bitmapFromRgba } from '../../electron/printing/bitmap'
import { createDriver } from '../../electron/printing/drivers'
import { openPrintQueue } from '../../electron/printing/queue'
import { rasterisePdf } from '../../electron/printing/raster'
import { renderLayoutBitmap } from '../../electron/printing/raster-layout'
import { openPrinterRegistry } from '../../electron/printing/registry'
import { makePosting } from '../../shared/domain/fixtures'
import { bagLabelInputFromPosting } from '../../shared/domain/label-input'
import type { LabelLayout } from '../../shared/domain/label-layout'
import { labelDots, type Printer, type PrinterDriverName } from '../../shared/domain/printers'
import { silentLogger } from '../../shared/log'
import { FakePrinter } from '../support/fake-printer'
import { stats, time, type Bench } from './lib'

const JOBS = 100
const SIZES = [
  { widthMm: 58, heightMm: 40 },
  { widthMm: 75, heightMm: 120 },
] as const
const DRIVERS = ['escpos-epson', 'zpl'] as const satisfies readonly PrinterDriverName[]
const HEAD_MM_PER_S = 152

interface Labels {
  layouts: LabelLayout[]
  pdfs: Uint8Array[]
  numbers: string[]
}

async function makeLabels(size: { widthMm: number; heightMm: number }, tag: string): Promise<Labels> {
  const fonts = await loadLabelFonts()
  const numbers = Array.from({ length: JOBS }, (_, i) => `${tag}${String(10_000_000 + i)}-0001-1`)
  const inputs = numbers.map((postingNumber) =>
    bagLabelInputFromPosting(makePosting({ postingNumber }), { packageIndex: 1, packageCount: 1, locale: 'ru', timeZone: 'Europe/Moscow' }),
  )
  const layouts = await layoutBagLabels(inputs, { size, dpi: 203 })
  const pdfs = await Promise.all(layouts.map((l) => renderLabelLayoutsPdf([l], fonts)))
  return { layouts, pdfs, numbers }
}

/**
 * Runs `jobs` one after another, as a packer prints package after package; each sample is from the call to the
 * fake printer's last byte of that job. `start` may return a promise of the job's end (e.g. the journal's 'sent'
 * write), awaited untimed before the next job so jobs do not queue behind each other.
 */
async function toLastByte(
  fake: FakePrinter,
  jobs: number,
  start: (i: number) => Promise<(() => Promise<unknown>) | unknown>,
): Promise<{ ms: number[]; bytes: number[] }> {
  const ms: number[] = []
  const bytes: number[] = []
  for (let i = 0; i < jobs; i++) {
    const before = fake.jobs.length
    const t0 = performance.now()
    const finish = await start(i)
    const [job] = (await fake.waitForJobs(before + 1)).slice(before)
    ms.push(job!.lastByteAt - t0)
    bytes.push(job!.bytes.length)
    if (typeof finish === 'function') await finish()
  }
  return { ms, bytes }
}

// --- the naive baseline ----------------------------------------------------------------------------------------

async function pdfToPng(pdf: Uint8Array, printer: Printer): Promise<Buffer> {
  const { width, height } = labelDots(printer)
  const doc = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, verbosity: 0 }).promise
  const page = await doc.getPage(1)
  const { canvas, context } = (doc.canvasFactory as { create(w: number, h: number): { canvas: { toBuffer(t: string): Buffer }; context: CanvasRenderingContext2D } }).create(width, height)
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context, viewport: page.getViewport({ scale: (8 * 25.4) / 72 }) }).promise
  const png = canvas.toBuffer('image/png')
  await doc.destroy()
  return png
}

async function naivePrint(pdf: Uint8Array, printer: Printer, port: number): Promise<void> {
  const png = await pdfToPng(pdf, printer)
  if (printer.driver === 'escpos-epson') {
    const tp = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: `tcp://127.0.0.1:${port}` })
    await tp.printImageBuffer(png)
    tp.cut()
    await tp.execute()
    return
  }
  const img = PNG.sync.read(png)
  const b = bitmapFromRgba(img.data, img.width, img.height)
  const hex = Buffer.from(b.bits).toString('hex').toUpperCase()
  const total = b.bits.length
  const zpl = `^XA^PW${b.width}^LL${b.height}^FO0,0^GFA,${total},${total},${b.bytesPerRow},${hex}^FS^XZ`
  await new Promise<void>((resolve, reject) => {
    const s = net.createConnection({ host: '127.0.0.1', port }, () => s.end(zpl, () => resolve()))
    s.on('error', reject)
  })
}

// ---------------------------------------------------------------------------------------------------------------

export default {
  name: 'printing',
  async run(report) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-printing-'))
    const fakes: FakePrinter[] = []
    try {
      const registry = await openPrinterRegistry(dataDir, { log: silentLogger })
      const queue = await openPrintQueue({ dataDir, printers: registry, log: silentLogger })
      report.note(`${JOBS} jobs of one label each per row, sequential; fake printer on 127.0.0.1 in this process`)

      for (const size of SIZES) {
        const labelsQueue = await makeLabels(size, '1')
        const labelsPdf = await makeLabels(size, '2')
        const floorMs = (size.heightMm / HEAD_MM_PER_S) * 1000
        for (const driverName of DRIVERS) {
          const fake = await FakePrinter.start()
          fakes.push(fake)
          const id = `${driverName}-${size.widthMm}x${size.heightMm}`
          const printer = await registry.save({ id, name: id, driver: driverName, connection: fake.url, label: { ...size } })
          const what = `${driverName === 'zpl' ? 'ZPL' : 'ESC/POS'} ${size.widthMm}×${size.heightMm}`

          const viaLayout = await toLastByte(fake, JOBS, async (i) => {
            const { job } = await queue.print({
              kind: 'bag-label',
              printerId: id,
              pdf: labelsQueue.pdfs[i]!,
              layouts: [labelsQueue.layouts[i]!],
              postingNumbers: [labelsQueue.numbers[i]!],
            })
            return () => queue.settled(job.id)
          })
          const viaPdf = await toLastByte(fake, JOBS, async (i) => {
            const { job } = await queue.print({ kind: 'ozon-label', printerId: id, pdf: labelsPdf.pdfs[i]!, postingNumbers: [labelsPdf.numbers[i]!] })
            return () => queue.settled(job.id)
          })
          const driver = createDriver(printer, { log: silentLogger })
          const driverOnly = await toLastByte(fake, JOBS, (i) => driver.print({ id: `d${i}`, title: 't', pdf: labelsPdf.pdfs[i]! }))
          const naive = await toLastByte(fake, JOBS, (i) => naivePrint(labelsPdf.pdfs[i]!, printer, fake.port))

          const s = { layout: stats(viaLayout.ms), pdf: stats(viaPdf.ms), driver: stats(driverOnly.ms), naive: stats(naive.ms) }
          report.timing(`${what} queue + layout → last byte`, s.layout)
          report.timing(`${what} queue + PDF (pdfjs) → last byte`, s.pdf)
          report.timing(`${what} driver + PDF (no journal) → last byte`, s.driver)
          report.timing(`${what} naive (PNG, ${driverName === 'zpl' ? 'plain hex' : 'ntp image'}) → last byte`, s.naive)
          report.ratio(`${what} naive vs driver + PDF (median)`, s.naive.median, s.driver.median)
          report.ratio(`${what} naive (no journal) vs queue + layout (median)`, s.naive.median, s.layout.median)
          report.figure(`${what} bytes per job (ours)`, viaLayout.bytes[0]!, 'B')
          report.figure(`${what} bytes per job (naive)`, naive.bytes[0]!, 'B')
          report.figure(`${what} physical print time at ${HEAD_MM_PER_S} mm/s`, floorMs, 'ms')
          report.figure(`${what} station share of physical time (queue + layout, p95)`, (100 * s.layout.p95) / floorMs, '%')
        }

        // Where the time goes, per label (no I/O): PDF rasterising vs drawing the layout.
        const target = { dpi: 203 as const, label: { ...size, gapMm: 2 }, orientation: 'portrait' as const }
        report.timing(`${size.widthMm}×${size.heightMm} rasterise PDF → dots (pdfjs)`, await time(() => rasterisePdf(labelsPdf.pdfs[0]!, target), 30, 3))
        report.timing(`${size.widthMm}×${size.heightMm} draw layout → dots`, await time(() => renderLayoutBitmap(labelsPdf.layouts[0]!, target), 30, 3))
      }
      await queue.close()
    } finally {
      await Promise.all(fakes.map((f) => f.stop()))
      await rm(dataDir, { recursive: true, force: true })
    }
  },
} satisfies Bench
