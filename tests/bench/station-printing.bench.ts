// Auto-print after packing, from "Package the order" done (`packing.shipped`) to the last byte of the package set's
// bag labels at a fake ZPL printer on loopback (in this process): median and p95 over 30 package sets of 1 and of 3
// packages (58×40, 203 dpi).
//
// Ours: the auto-printer — the plan written durably, the labels laid out and drawn into one PDF, one journaled queue
//       job with the layouts (drawn dot for dot), the postings marked printed.
// Naive baseline, same process, same labels and queue: one job per label, each label built and printed on its own
//       and the next sent once the previous has reached the printer — what printing "per package" would do.
// Physical floor for comparison: the printer itself needs labels × 40 mm / 152 mm/s.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { layoutBagLabels, loadLabelFonts, renderLabelLayoutsPdf } from '../../electron/labels'
import { openPrinterRegistry, openPrintQueue } from '../../electron/printing'
import type { StationContext } from '../../electron/station/context'
import { AutoPrinter } from '../../electron/station/printing/auto-print'
import { printingBenchDocument } from '../../electron/station/printing/document'
import type { LabelSource } from '../../electron/station/printing/label-source'
import { settingsDocument } from '../../electron/station/settings/document'
import { openDocument } from '../../electron/store'
import { makePosting } from '../../shared/domain/fixtures'
import { bagLabelInputFromPosting } from '../../shared/domain/label-input'
import { silentLogger } from '../../shared/log'
import { FakePrinter } from '../support/fake-printer'
import { stats, type Bench } from './lib'

const SETS = 30
const HEAD_MM_PER_S = 152

/** The bag labels of packages, built with the same functions the labels area uses. */
async function bagLabelSource(): Promise<LabelSource> {
  const fonts = await loadLabelFonts()
  return {
    choice: () => 'bag',
    async build(refs) {
      const inputs = refs.map((r, i) =>
        bagLabelInputFromPosting(makePosting({ postingNumber: r.postingNumber }), { packageIndex: i + 1, packageCount: refs.length, locale: 'ru', timeZone: 'Europe/Moscow' }),
      )
      const layouts = await layoutBagLabels(inputs, { size: { widthMm: 58, heightMm: 40 }, dpi: 203 })
      const pdf = await renderLabelLayoutsPdf(layouts, fonts)
      return { pdf, pages: refs.map((r) => ({ postingNumber: r.postingNumber, kind: 'bag' as const })), missing: [], layouts }
    },
    readiness: () => new Map(),
    resolve: (numbers) => numbers.map((postingNumber) => ({ accountId: 'demo', postingNumber })),
    packageOf: () => ({ packageIndex: 1, packageCount: 1 }),
    retry: async () => undefined,
  }
}

export default {
  name: 'station-printing',
  async run(report) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-station-printing-'))
    const fake = await FakePrinter.start()
    try {
      const now = () => new Date()
      const registry = await openPrinterRegistry(dataDir, { log: silentLogger })
      await registry.save({ id: 'zebra', name: 'Zebra', driver: 'zpl', connection: fake.url, label: { widthMm: 58, heightMm: 40 }, purposes: ['bag-label'] })
      // Content dedup off: the baseline prints labels whose PDFs may repeat byte for byte.
      const queue = await openPrintQueue({ dataDir, printers: registry, log: silentLogger, now, dedupWindowMs: 0 })
      const ctx = { log: silentLogger, now, settings: await openDocument(dataDir, settingsDocument, silentLogger) } as unknown as StationContext
      const doc = await openDocument(dataDir, printingBenchDocument, silentLogger)
      const labels = await bagLabelSource()
      const auto = new AutoPrinter(ctx, doc, queue, labels, { changed: () => undefined, queued: () => undefined })

      let serial = 0
      const numbersOf = (n: number) => Array.from({ length: n }, (_, i) => `${String(20_000_000 + serial)}-0001-${i + 1}`)
      const lastByteAfter = async (before: number, jobs: number) => (await fake.waitForJobs(before + jobs)).slice(before).at(-1)!.lastByteAt

      for (const packages of [1, 3]) {
        const ours: number[] = []
        const naive: number[] = []
        for (let run = -1; run < SETS; run++) {
          // Ours: one plan, one job for the whole package set.
          serial++
          const numbers = numbersOf(packages)
          let before = fake.jobs.length
          let t0 = performance.now()
          await auto.shipped({
            operationId: `op-${serial}`,
            accountId: 'demo',
            postingNumber: numbers[0]!,
            orderNumber: numbers[0]!.slice(0, 13),
            packedAt: new Date().toISOString(),
            operator: 'bench',
            bench: 'bench',
            packages: numbers.map((postingNumber, i) => ({ index: i + 1, count: packages, postingNumber, status: 'awaiting_deliver', items: [] })),
          })
          const oursMs = (await lastByteAfter(before, 1)) - t0

          // Naive: a job per label, one after another.
          serial++
          const naiveNumbers = numbersOf(packages)
          before = fake.jobs.length
          t0 = performance.now()
          for (const [i, postingNumber] of naiveNumbers.entries()) {
            const built = await labels.build([{ accountId: 'demo', postingNumber }], 'bag')
            await queue.print({ kind: 'bag-label', pdf: built.pdf!, layouts: built.layouts, postingNumbers: [postingNumber] })
            await fake.waitForJobs(before + i + 1)
          }
          const naiveMs = (await lastByteAfter(before, packages)) - t0
          if (run >= 0) {
            ours.push(oursMs)
            naive.push(naiveMs)
          }
        }
        const o = stats(ours)
        const n = stats(naive)
        report.timing(`packed → last byte, ${packages} package(s), one job (ours)`, o)
        report.timing(`packed → last byte, ${packages} package(s), job per label (naive)`, n)
        report.ratio(`${packages} package(s): median`, n.median, o.median)
        report.figure(`${packages} package(s): printer's own time at ${HEAD_MM_PER_S} mm/s`, ((packages * 40) / HEAD_MM_PER_S) * 1000, 'ms')
      }
      await auto.close()
      await queue.close()
    } finally {
      await fake.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
} satisfies Bench
