import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PrintJob } from '../../../shared/domain/printers'
import { memoryLogger } from '../../../shared/log'
import { openJobStore, type ArchivePolicy } from '../../../electron/printing/job-store'
import { openPrintQueue, type PrintQueueEvent } from '../../../electron/printing/queue'
import { openPrinterRegistry, type PrinterRegistry } from '../../../electron/printing/registry'
import { openAuditLog } from '../../../electron/store'
import { FakePrinter } from '../../support/fake-printer'
import { decodeZpl } from '../../support/printer-decoders'
import { tempDir } from '../../support/temp-dir'
import { testLabelPdf } from '../../support/test-label-pdf'
import { code128In } from './helpers'
import { PNG } from 'pngjs'
import { layoutBagLabels, loadLabelFonts, renderLabelLayoutsPdf } from '../../../electron/labels'
import { renderLayoutBitmap } from '../../../electron/printing/raster-layout'
import { makePosting } from '../../../shared/domain/fixtures'
import { bagLabelInputFromPosting } from '../../../shared/domain/label-input'
import { Printer } from '../../../shared/domain/printers'

const zebraConfig = Printer.parse({ id: 'zebra', name: 'Z', driver: 'zpl', connection: 'tcp://127.0.0.1:9100', label: { widthMm: 58, heightMm: 40 } })

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function bench(opts: { dataDir?: string; fake?: FakePrinter; archive?: Partial<ArchivePolicy> } = {}) {
  const dataDir = opts.dataDir ?? (await tempDir('print-queue-'))
  const fake = opts.fake ?? (await FakePrinter.start())
  if (!opts.fake) cleanups.push(() => fake.stop())
  const log = memoryLogger()
  const printers: PrinterRegistry = await openPrinterRegistry(dataDir, { log, tcpTimeouts: { connectMs: 1000, stallMs: 3000, closeWaitMs: 500 } })
  await printers.save({
    id: 'zebra',
    name: 'Zebra at bench 1',
    driver: 'zpl',
    connection: fake.url,
    label: { widthMm: 58, heightMm: 40 },
    purposes: ['bag-label'],
  })
  const audit = openAuditLog(dataDir)
  const events: PrintQueueEvent[] = []
  const queue = await openPrintQueue({ dataDir, printers, log, audit, archive: opts.archive, retry: { baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 5 } })
  queue.subscribe((e) => events.push(e))
  cleanups.push(() => queue.close())
  return { dataDir, fake, printers, queue, events, log, audit }
}

const labels = (...numbers: string[]) => testLabelPdf(numbers.map((postingNumber) => ({ postingNumber })))
const printedNumbers = async (bytes: Buffer) => Promise.all(decodeZpl(bytes).map(async (l) => (await code128In(l.image))[0]))

describe('the print queue', () => {
  it('journals queued → sending → sent and the printer gets the job once, with the right labels', async () => {
    const { queue, fake, events, dataDir } = await bench()
    const { job, duplicate } = await queue.print({ kind: 'bag-label', pdf: await labels('41257303-0007-1'), postingNumbers: ['41257303-0007-1'] })
    expect(duplicate).toBe(false)
    const done = await queue.settled(job.id)
    expect(done).toMatchObject({ state: 'sent', attempts: 1, printerId: 'zebra', labelCount: 1, error: null })
    expect(done.bytesWritten).toBe(fake.jobs[0]!.bytes.length)
    // The printer was idle: the job was written straight as 'sending' (one durable write before the first byte).
    expect(events.filter((e) => e.job.id === job.id).map((e) => e.job.state)).toEqual(['sending', 'sent'])
    expect(await printedNumbers(fake.jobs[0]!.bytes)).toEqual(['41257303-0007-1'])
    expect(fake.jobs).toHaveLength(1)
    // what is on disk is what the queue says
    const onDisk = JSON.parse(await readFile(path.join(dataDir, 'printing.json'), 'utf8')).data.jobs
    expect(onDisk).toEqual([expect.objectContaining({ id: job.id, state: 'sent', attempts: 1 })])
  })

  it('a job made while the printer is busy waits in line: queued → sending → sent', async () => {
    const { queue, events } = await bench()
    const [a, b] = await Promise.all([
      queue.print({ kind: 'bag-label', pdf: await labels('41000001-0001-1'), postingNumbers: ['41000001-0001-1'] }),
      queue.print({ kind: 'bag-label', pdf: await labels('41000002-0001-1'), postingNumbers: ['41000002-0001-1'] }),
    ])
    await queue.settled(a.job.id)
    await queue.settled(b.job.id)
    const states = (id: string) => events.filter((e) => e.job.id === id).map((e) => e.job.state)
    expect([states(a.job.id), states(b.job.id)]).toContainEqual(['queued', 'sending', 'sent'])
    expect([states(a.job.id), states(b.job.id)]).toContainEqual(['sending', 'sent'])
  })

  it('a batch is one job with one label per posting, in order', async () => {
    const { queue, fake } = await bench()
    const numbers = ['30000001-0001-1', '30000002-0001-1', '30000003-0001-1', '30000004-0001-1']
    const { job } = await queue.print({ kind: 'bag-label', pdf: await labels(...numbers), postingNumbers: numbers })
    expect((await queue.settled(job.id)).labelCount).toBe(4)
    expect(fake.jobs).toHaveLength(1)
    expect(await printedNumbers(fake.jobs[0]!.bytes)).toEqual(numbers)
  })

  it('sends a printer’s jobs in the order they were made, even when they had to wait for the printer', async () => {
    const { queue, fake } = await bench()
    await fake.goOffline() // the first job fails to connect and holds the line while it waits to retry
    const numbers = ['40000001-0001-1', '40000002-0001-1', '40000003-0001-1']
    const jobs: PrintJob[] = []
    for (const n of numbers) jobs.push((await queue.print({ kind: 'bag-label', pdf: await labels(n), postingNumbers: [n] })).job)
    await fake.goOnline()
    for (const j of jobs) expect((await queue.settled(j.id)).state).toBe('sent')
    const printed = await Promise.all(fake.jobs.map((j) => printedNumbers(j.bytes)))
    expect(printed.flat()).toEqual(numbers)
  })

  it('a double click (same labels, same printer, moments apart) is one job', async () => {
    const { queue, fake } = await bench()
    const pdf = await labels('50000001-0001-1')
    const request = { kind: 'bag-label' as const, pdf, postingNumbers: ['50000001-0001-1'] }
    const [a, b] = await Promise.all([queue.print(request), queue.print(request)]) // both before the first is on disk
    const c = await queue.print(request) // after it is on disk
    expect(b).toEqual({ job: a.job, duplicate: true })
    expect(c.duplicate).toBe(true)
    expect(c.job.id).toBe(a.job.id)
    await queue.settled(a.job.id)
    expect(await queue.history()).toHaveLength(1)
    expect(fake.jobs).toHaveLength(1)
  })

  it('retries a refused connection with backoff and prints exactly once when the printer comes back', async () => {
    const { queue, fake } = await bench()
    await fake.goOffline()
    const { job } = await queue.print({ kind: 'bag-label', pdf: await labels('60000001-0001-1'), postingNumbers: ['60000001-0001-1'] })
    // wait until it has failed to connect at least twice, then switch the printer on
    await new Promise<void>((resolve) => {
      const off = queue.subscribe((e) => {
        if (e.job.id === job.id && e.job.state === 'queued' && e.job.attempts >= 2) {
          expect(e.job.error).toMatchObject({ code: 'unreachable' })
          expect(e.job.nextAttemptAt).not.toBeNull()
          off()
          resolve()
        }
      })
    })
    await fake.goOnline()
    const done = await queue.settled(job.id)
    expect(done.state).toBe('sent')
    expect(done.attempts).toBeGreaterThanOrEqual(3)
    expect(fake.jobs).toHaveLength(1)
    expect(await printedNumbers(fake.jobs[0]!.bytes)).toEqual(['60000001-0001-1'])
  })

  it('gives up after the last attempt ("failed", nothing printed); a person may retry it', async () => {
    const { queue, fake } = await bench()
    await fake.goOffline()
    const { job } = await queue.print({ kind: 'bag-label', pdf: await labels('61000001-0001-1'), postingNumbers: ['61000001-0001-1'] })
    const failed = await queue.settled(job.id)
    expect(failed).toMatchObject({ state: 'failed', attempts: 5, error: { code: 'unreachable' } })
    expect(queue.needsAttention().map((j) => j.id)).toEqual([job.id])
    await fake.goOnline()
    await queue.retry(job.id)
    expect((await queue.settled(job.id)).state).toBe('sent')
    expect(fake.jobs).toHaveLength(1)
  })

  it('holds a job while the printer reports paper out, and prints it once paper is back', async () => {
    const { queue, fake } = await bench()
    fake.state.paperOut = true
    const { job } = await queue.print({ kind: 'bag-label', pdf: await labels('62000001-0001-1'), postingNumbers: ['62000001-0001-1'] })
    await new Promise<void>((resolve) => {
      const off = queue.subscribe((e) => {
        if (e.job.id === job.id && e.job.state === 'queued' && e.job.error?.code === 'not-ready') {
          expect(e.job.error.problems).toEqual(['paper-out'])
          off()
          resolve()
        }
      })
    })
    expect(fake.jobs).toHaveLength(0)
    fake.state.paperOut = false
    expect((await queue.settled(job.id)).state).toBe('sent')
    expect(fake.jobs).toHaveLength(1)
    expect(fake.jobs[0]!.paperOut).toBe(false)
  })

  it('a connection dropped mid-job is "unknown" and is never sent again by itself — not even after a restart', async () => {
    const first = await bench()
    first.fake.dropNextJobAfter(500)
    const { job } = await first.queue.print({ kind: 'bag-label', pdf: await labels('70000001-0001-1'), postingNumbers: ['70000001-0001-1'] })
    const unknown = await first.queue.settled(job.id)
    expect(unknown).toMatchObject({ state: 'unknown', error: { code: 'interrupted' } })
    expect(unknown.error!.message).toMatch(/check the printer/)
    await expect(first.queue.retry(job.id)).rejects.toThrow(/may have printed/)
    expect(first.fake.jobs).toHaveLength(1)
    expect(first.fake.jobs[0]!.dropped).toBe(true)
    await first.queue.close()

    // Restart on the same data folder and printer: the unknown job stays unknown. A new job for the same printer
    // goes through the same line — had the old one been resent, it would have arrived first.
    const second = await bench({ dataDir: first.dataDir, fake: first.fake })
    expect(second.queue.get(job.id)!.state).toBe('unknown')
    const next = await second.queue.print({ kind: 'bag-label', pdf: await labels('70000002-0001-1'), postingNumbers: ['70000002-0001-1'] })
    expect((await second.queue.settled(next.job.id)).state).toBe('sent')
    expect(second.fake.jobs).toHaveLength(2)
    expect(await printedNumbers(second.fake.jobs[1]!.bytes)).toEqual(['70000002-0001-1'])

    // Only a person's reprint, with a reason, sends those labels again — and the audit log says who and why.
    const reprint = await second.queue.reprint(job.id, { reason: 'nothing came out', operator: 'Anna', bench: 'B1' })
    expect(reprint).toMatchObject({ reprintOf: job.id, reason: 'nothing came out', postingNumbers: ['70000001-0001-1'] })
    expect((await second.queue.settled(reprint.id)).state).toBe('sent')
    expect(second.fake.jobs).toHaveLength(3)
    expect(await printedNumbers(second.fake.jobs[2]!.bytes)).toEqual(['70000001-0001-1'])
    const [entry] = await second.audit.read({ action: 'label.reprint' })
    expect(entry).toMatchObject({ operator: 'Anna', bench: 'B1', postingNumber: '70000001-0001-1', details: { reason: 'nothing came out', reprintOf: job.id } })
  })

  it('after a restart a job that was being sent becomes "unknown" (no ghost reprint) and queued jobs carry on', async () => {
    const dataDir = await tempDir('print-restart-')
    const fake = await FakePrinter.start()
    cleanups.push(() => fake.stop())
    // The state a crash leaves behind: one job half-way ("sending"), one waiting ("queued").
    const { queue: q0 } = await bench({ dataDir, fake })
    const sendingPdf = await labels('80000001-0001-1')
    const queuedPdf = await labels('80000002-0001-1')
    await fake.goOffline() // keep both from being sent before the "crash"
    const a = await q0.print({ kind: 'bag-label', pdf: sendingPdf, postingNumbers: ['80000001-0001-1'] })
    const b = await q0.print({ kind: 'bag-label', pdf: queuedPdf, postingNumbers: ['80000002-0001-1'] })
    await q0.close()
    const store = await openJobStore(dataDir, memoryLogger())
    await store.patch(a.job.id, { state: 'sending', attempts: 1, nextAttemptAt: null })
    await store.patch(b.job.id, { state: 'queued', nextAttemptAt: null })
    await fake.goOnline()

    const { queue, log } = await bench({ dataDir, fake })
    expect(queue.get(a.job.id)).toMatchObject({ state: 'unknown', error: { code: 'station-stopped' } })
    expect((await queue.settled(b.job.id)).state).toBe('sent')
    expect(fake.jobs).toHaveLength(1)
    expect(await printedNumbers(fake.jobs[0]!.bytes)).toEqual(['80000002-0001-1'])
    expect(log.lines.some((l) => /interrupted by a restart/.test(l.message))).toBe(true)
  })

  it('keeps the labels on disk so a reprint needs nothing else, and finds jobs in the history', async () => {
    const { queue, dataDir } = await bench()
    const one = await queue.print({ kind: 'bag-label', pdf: await labels('90000001-0001-1'), postingNumbers: ['90000001-0001-1'] })
    const two = await queue.print({ kind: 'ozon-label', printerId: 'zebra', pdf: await labels('90000002-0001-1', '90000003-0001-1'), postingNumbers: ['90000002-0001-1', '90000003-0001-1'] })
    await queue.settled(one.job.id)
    await queue.settled(two.job.id)
    const stored = await readFile(path.join(dataDir, 'print-jobs', two.job.payloadId, 'labels.pdf'))
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-')

    expect((await queue.history({ postingNumber: '90000003-0001-1' })).map((j) => j.id)).toEqual([two.job.id])
    expect((await queue.history({ printerId: 'zebra' })).map((j) => j.id)).toEqual([two.job.id, one.job.id])
    expect((await queue.history({ states: ['sent'], limit: 1 })).map((j) => j.id)).toEqual([two.job.id])
    expect(await queue.history({ from: '2999-01-01T00:00:00Z' })).toEqual([])
    const all: PrintJob[] = await queue.history()
    expect(all.every((j) => j.printerName === 'Zebra at bench 1')).toBe(true)

    await expect(queue.reprint(one.job.id, { reason: '  ' })).rejects.toThrow(/needs a reason/)
    const again = await queue.reprint(one.job.id, { reason: 'label torn' })
    expect(again.payloadId).toBe(one.job.payloadId)
    expect((await queue.settled(again.id)).state).toBe('sent')
  })

  it('prints the station’s own labels straight from their layouts (no PDF rasterising) and keeps the PDF as the record', async () => {
    const { queue, fake, dataDir } = await bench()
    const inputs = ['41257303-0007-1', '41257303-0007-2'].map((postingNumber, i) =>
      bagLabelInputFromPosting(makePosting({ postingNumber }), { packageIndex: i + 1, packageCount: 2, locale: 'ru', timeZone: 'Europe/Moscow' }),
    )
    const layouts = await layoutBagLabels(inputs, { size: { widthMm: 58, heightMm: 40 }, dpi: 203 })
    const pdf = await renderLabelLayoutsPdf(layouts, await loadLabelFonts())
    const { job } = await queue.print({ kind: 'bag-label', pdf, layouts, postingNumbers: inputs.map((i) => i.postingNumber) })
    expect((await queue.settled(job.id)).state).toBe('sent')
    const printed = decodeZpl(fake.jobs[0]!.bytes)
    expect(printed).toHaveLength(2)
    for (const [i, label] of printed.entries()) {
      const expected = renderLayoutBitmap(layouts[i]!, zebraConfig)!
      const dots = Uint8Array.from({ length: 464 * 320 }, (_, k) => (expected.bits[Math.floor(k / 464) * 58 + ((k % 464) >> 3)]! >> (7 - (k % 8))) & 1)
      expect(Buffer.from(label.image.dots).equals(Buffer.from(dots))).toBe(true)
      expect(await code128In(label.image)).toContain(inputs[i]!.postingNumber)
    }
    expect((await readFile(path.join(dataDir, 'print-jobs', job.payloadId, 'labels.pdf'))).equals(Buffer.from(pdf))).toBe(true)
    // the preview is exactly what was sent
    const previews = await queue.preview(job.id)
    expect(previews).toHaveLength(2)
    const sentPng = PNG.sync.read(previews![0]!)
    expect([sentPng.width, sentPng.height]).toEqual([464, 320])
    for (let k = 0; k < 464 * 320; k++) if ((sentPng.data[k * 4] === 0 ? 1 : 0) !== printed[0]!.image.dots[k]) throw new Error(`preview differs from the printed dots at dot ${k}`)
    await expect(queue.print({ kind: 'bag-label', pdf: await labels('1', '2'), layouts: layouts.slice(1), postingNumbers: [] })).rejects.toThrow(/1 label layouts for a PDF of 2 pages/)
  })

  it('moves finished jobs out of the hot journal into monthly history files, still searchable and reprintable', async () => {
    const first = await bench({ archive: { sentAfterMs: 0, batch: 2 } })
    const numbers = ['95000001-0001-1', '95000002-0001-1', '95000003-0001-1']
    const ids: string[] = []
    for (const n of numbers) {
      const { job } = await first.queue.print({ kind: 'bag-label', pdf: await labels(n), postingNumbers: [n] })
      await first.queue.settled(job.id)
      ids.push(job.id)
    }
    await first.queue.close()
    // reopening compacts whatever is due, then the hot file holds none of them
    const second = await bench({ dataDir: first.dataDir, fake: first.fake, archive: { sentAfterMs: 0, batch: 2 } })
    const hot = JSON.parse(await readFile(path.join(first.dataDir, 'printing.json'), 'utf8')).data.jobs
    expect(hot).toEqual([])
    const month = new Date().toISOString().slice(0, 7)
    const lines = (await readFile(path.join(first.dataDir, 'print-history', `${month}.jsonl`), 'utf8')).trim().split('\n')
    expect(lines.map((l) => JSON.parse(l).id).sort()).toEqual([...ids].sort())

    expect((await second.queue.history()).map((j) => j.postingNumbers[0])).toEqual([...numbers].reverse())
    expect((await second.queue.history({ postingNumber: numbers[1] })).map((j) => j.id)).toEqual([ids[1]])
    expect(await second.queue.find(ids[0]!)).toMatchObject({ state: 'sent' })
    expect(second.queue.get(ids[0]!)).toBeUndefined()
    const again = await second.queue.reprint(ids[0]!, { reason: 'label torn' })
    expect((await second.queue.settled(again.id)).state).toBe('sent')
    expect(await printedNumbers(first.fake.jobs.at(-1)!.bytes)).toEqual([numbers[0]])
  })

  it('refuses bad requests with a clear message and loses nothing', async () => {
    const { queue, printers } = await bench()
    await printers.remove('demo-ozon-labels')
    await expect(queue.print({ kind: 'bag-label', pdf: new Uint8Array(), postingNumbers: [] })).rejects.toThrow(/no label PDF/)
    await expect(queue.print({ kind: 'bag-label', pdf: new TextEncoder().encode('hello'), postingNumbers: [] })).rejects.toThrow(/cannot be read/)
    await expect(queue.print({ kind: 'ozon-label', pdf: await labels('1'), postingNumbers: ['1'] })).rejects.toThrow(
      /no printer is set for Ozon's labels at this bench; choose one in Settings → Printers/,
    )
    await expect(queue.print({ kind: 'bag-label', printerId: 'nope', pdf: await labels('1'), postingNumbers: ['1'] })).rejects.toThrow(/no printer "nope"/)
    expect(await queue.history()).toEqual([])
    await expect(printers.save({ id: 'x', name: 'X', driver: 'zpl', connection: '10.0.0.1', label: { widthMm: 58, heightMm: 40 } })).rejects.toMatchObject({
      name: 'PrinterConfigError',
      fields: { connection: expect.stringMatching(/tcp:\/\//) },
    })
  })
})
