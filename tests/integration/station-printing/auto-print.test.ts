// Auto-print after packing, through the real station: packing → labels → printing → a fake ZPL printer on
// loopback, the printed dots decoded back into barcodes. Ozon's label that is not ready yet is printed when it is,
// exactly once; a job that was 'sending' when the station stopped is "check the printer" and never sent again.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AutoPrintPlan } from '../../../shared/domain/auto-print'
import type { EventName } from '../../../shared/contract'
import { FakePrinter } from '../../support/fake-printer'
import { decodeBarcodes } from '../../support/barcode-decode'
import { decodeZpl, dotImageToPng } from '../../support/printer-decoders'
import { startTestStation } from '../../support/station'
import { tempDir } from '../../support/temp-dir'
import { packingSandbox, simpleOrder } from '../packing/support'
import { code128In } from '../printing/helpers'
import { openPrintingStation, packPosting, snapshotDataDir, zplPrinter } from './support'

let printers: FakePrinter[] = []
afterEach(async () => {
  await Promise.all(printers.map((p) => p.stop()))
  printers = []
})
async function fakePrinter() {
  const p = await FakePrinter.start()
  printers.push(p)
  return p
}

/** Waits until `done()` holds, looking again whenever the station says something. */
function until<T>(subscribe: (l: () => void) => () => void, done: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`waited ${timeoutMs / 1000} s for ${what}`))
    }, timeoutMs)
    const check = () => {
      const v = done()
      if (v) {
        clearTimeout(timer)
        off()
        resolve(v)
      }
    }
    const off = subscribe(check)
    check()
  })
}

describe('auto-print after packing in demo mode (the whole station)', () => {
  it('a fake ZPL bag-label printer gets one job per package set, and its barcodes are the new posting numbers', { timeout: 60_000 }, async () => {
    const zebra = await fakePrinter()
    const { station, config } = await startTestStation()
    const seen: Array<{ event: EventName; payload: unknown }> = []
    station.subscribe((event, payload) => seen.push({ event, payload }))
    const saved = await station.call('printing.savePrinter', { printer: zplPrinter(zebra.url, ['bag-label']) })
    // Ozon's labels stay with the demo folder printer; the bench prints both kinds (the default).
    expect((await station.call('printing.printers', {})).assignments).toEqual({ 'bag-label': saved.id, 'ozon-label': 'demo-ozon-labels' })
    expect((await station.call('settings.get', {})).profile.printers).toEqual({ 'bag-label': saved.id, 'ozon-label': 'demo-ozon-labels' })

    const { ozonUrl } = await station.call('station.info', {})
    const add = async (products: Array<{ offerId: string; quantity: number }>) => {
      const res = await fetch(`${ozonUrl}/__sandbox/postings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ spec: { integration: 'ozon', products } }) })
      return ((await res.json()) as { added: string[] }).added[0]!
    }
    const one = await add([{ offerId: 'MUG-WHT-450', quantity: 1 }])
    const two = await add([
      { offerId: 'TWL-7014-GRY', quantity: 1 },
      { offerId: 'POT-SS-3L', quantity: 1 },
    ])
    const single = await packPosting(station, one, 1)
    const split = await packPosting(station, two, 2)
    expect(split).toHaveLength(2)

    const plans = () => seen.filter((s) => s.event === 'printing.autoPrintChanged').map((s) => (s.payload as { plan: AutoPrintPlan }).plan)
    await until(
      (l) => station.subscribe(l),
      () => [single, split].every((numbers) => plans().some((p) => p.finishedAt && p.packages.map((x) => x.postingNumber).join() === numbers.join())),
      'both auto-prints to finish',
    )
    const jobs = await zebra.waitForJobs(2)
    expect(jobs).toHaveLength(2)
    const printed = await Promise.all(jobs.map(async (j) => Promise.all(decodeZpl(j.bytes).map((label) => code128In(label.image)))))
    // Job 1: the single package's label; job 2: both packages of the split order, in package order.
    expect(printed).toEqual([[single], split.map((n) => [n])])

    // Ozon's labels of the three packages went to the folder printer, as one job per package set.
    const history = (await station.call('printing.history', {})).jobs
    const ozonJobs = history.filter((j) => j.kind === 'ozon-label')
    expect(ozonJobs.map((j) => j.postingNumbers.sort()).sort()).toEqual([[single[0]], [...split].sort()].sort())
    expect(ozonJobs.every((j) => j.state === 'sent' && j.printerId === 'demo-ozon-labels')).toBe(true)
    expect(history.filter((j) => j.kind === 'bag-label').map((j) => j.state)).toEqual(['sent', 'sent'])
    // The folder printer shows where they went: one PDF per job (plus the dots as PNG) in the data dir.
    const files = await readdir(path.join(config.dataDir, 'printed-labels'))
    const pdfs = files.filter((f) => f.endsWith('.pdf'))
    expect(ozonJobs.map((j) => pdfs.filter((f) => f.includes(j.id)).length)).toEqual([1, 1])
    expect(pdfs).toHaveLength(2)
    // Nothing more arrives at the printer after the plans finished.
    expect(zebra.jobs).toHaveLength(2)
  })
})

describe('Ozon label not ready yet', () => {
  it('is printed when Ozon has it, the labels ready together as one job, exactly once (also after a restart)', { timeout: 60_000 }, async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 60_000 })
    const ozonPrinter = await fakePrinter()
    const dataDir = await tempDir('printing-ozon-')
    const station = await openPrintingStation(sb, dataDir)
    await station.call('printing.savePrinter', { printer: zplPrinter(ozonPrinter.url, ['ozon-label'], { widthMm: 75, heightMm: 120 }) })
    await station.call('settings.update', { profile: { labelsPerPackage: 'ozon' } })

    const numbers = await packPosting(station, simpleOrder(sb, 2).posting_number, 2)
    // Ozon answers "not ready" (the sandbox's clock stands still), and the station keeps asking by itself.
    await station.next('labels.changed', (p) => p.items.some((i) => numbers.includes(i.postingNumber) && i.attempts >= 2 && i.state === 'waiting'))
    const waiting = (await station.call('printing.autoPrints', {})).plans[0]!
    expect(waiting.finishedAt).toBeNull()
    expect(waiting.parts).toEqual([expect.objectContaining({ kind: 'ozon-label', postingNumbers: numbers, printed: [], jobIds: [], sending: null, failed: [] })])
    expect(ozonPrinter.jobs).toHaveLength(0)

    sb.clock.advance(61_000)
    const plan = (await station.next('printing.autoPrintChanged', (p) => p.plan.finishedAt !== null)).plan
    expect(plan.parts[0]).toMatchObject({ printed: numbers, failed: [], problem: null })
    const [job] = await ozonPrinter.waitForJobs(1)
    const labels = decodeZpl(job!.bytes)
    expect(labels.map((l) => [l.printWidth, l.labelLength])).toEqual([
      [600, 960],
      [600, 960],
    ])
    // Each printed Ozon label reads back with its posting number and Ozon's lower barcode.
    for (const [i, label] of labels.entries()) {
      const texts = (await decodeBarcodes(dotImageToPng(label.image))).map((b) => b.text)
      const atOzon = sb.control.posting(numbers[i]!)!
      expect(texts).toContain(numbers[i])
      expect(texts).toContain(atOzon.barcodes.lower_barcode)
    }

    // More news about the same labels, and a restart: nothing is printed again.
    await station.call('labels.retry', { postingNumbers: numbers })
    await station.printing.autoPrint.advance(plan.operationId)
    await station.close()
    const again = await openPrintingStation(sb, dataDir)
    await again.printing.autoPrint.advance(plan.operationId)
    expect((await again.call('printing.history', {})).jobs.filter((j) => j.kind === 'ozon-label')).toHaveLength(1)
    expect(ozonPrinter.jobs).toHaveLength(1)
  })
})

describe('the plan of a package set', () => {
  it('is written with its bag labels already "sending": stopped before the queue had the job, the next start prints them once', { timeout: 60_000 }, async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 60_000 })
    const zebra = await fakePrinter()
    const dataDir = await tempDir('printing-plan-')
    const station = await openPrintingStation(sb, dataDir)
    await station.call('printing.savePrinter', { printer: zplPrinter(zebra.url, ['bag-label']) })
    const numbers = await packPosting(station, simpleOrder(sb, 2).posting_number, 2)
    // The plan's first word — its one write before the print queue was asked — already says what is being sent;
    // the screens then hear that the bag labels are printed while Ozon's still wait.
    const first = (await station.next('printing.autoPrintChanged')).plan
    expect(first.parts).toEqual([
      expect.objectContaining({ kind: 'bag-label', postingNumbers: numbers, printed: [], sending: { postingNumbers: numbers, since: first.createdAt } }),
      expect.objectContaining({ kind: 'ozon-label', printed: [], sending: null }),
    ])
    const bagPrinted = (p: { plan: AutoPrintPlan }) => p.plan.parts[0]!.printed.length === numbers.length
    expect((await station.next('printing.autoPrintChanged', bagPrinted)).plan.parts[1]).toMatchObject({ printed: [], failed: [], problem: null })
    await zebra.waitForJobs(1)

    // The station stopped right after that first write: the plan on disk says "sending", the queue has no job.
    const stopped = await snapshotDataDir(dataDir)
    const benchFile = path.join(stopped, 'printing-bench.json')
    const stored = JSON.parse(await readFile(benchFile, 'utf8'))
    stored.data.plans[0] = first
    await writeFile(benchFile, JSON.stringify(stored))
    const queueFile = path.join(stopped, 'printing.json')
    const journal = JSON.parse(await readFile(queueFile, 'utf8'))
    journal.data.jobs = []
    await writeFile(queueFile, JSON.stringify(journal))

    const restarted = await openPrintingStation(sb, stopped)
    const plan = (await restarted.next('printing.autoPrintChanged', bagPrinted)).plan
    expect(plan.parts[0]).toMatchObject({ printed: numbers, sending: null, failed: [], problem: null })
    const jobs = await zebra.waitForJobs(2)
    expect(await Promise.all(decodeZpl(jobs[1]!.bytes).map((label) => code128In(label.image)))).toEqual(numbers.map((n) => [n]))
    await restarted.printing.autoPrint.advance(plan.operationId)
    expect((await restarted.call('printing.history', {})).jobs.map((j) => j.kind)).toEqual(['bag-label'])
    expect(zebra.jobs).toHaveLength(2)
  })
})

/** A network printer that takes every byte but never closes its side: the job stays 'sending' as long as we like. */
async function silentPrinter() {
  const sockets = new Set<net.Socket>()
  const connections: Buffer[][] = []
  const server = net.createServer((s) => {
    const chunks: Buffer[] = []
    connections.push(chunks)
    sockets.add(s)
    s.on('data', (d) => chunks.push(d))
    s.on('error', () => undefined)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections,
    async stop() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

describe('the station stops while a label is being sent', () => {
  it('the job is "check the printer" after the restart, is never sent again by itself, and reprints with one request', { timeout: 60_000 }, async () => {
    const sb = await packingSandbox()
    const printer = await silentPrinter()
    try {
      const slow = { tcpTimeouts: { connectMs: 2000, stallMs: 60_000, closeWaitMs: 60_000 } }
      const dataDir = await tempDir('printing-crash-')
      const station = await openPrintingStation(sb, dataDir, slow)
      await station.call('printing.savePrinter', { printer: zplPrinter(printer.url, ['bag-label']) })
      await station.call('settings.update', { profile: { labelsPerPackage: 'bag' } })
      const [postingNumber] = await packPosting(station, simpleOrder(sb, 1).posting_number, 1)

      // Every byte is with the printer and the job is durably 'sending' (the printer never says goodbye).
      const sending = (await station.next('printing.jobChanged', (p) => p.job.state === 'sending')).job
      await station.next('printing.autoPrintChanged', (p) => p.plan.parts[0]!.jobIds.includes(sending.id))
      expect(sending).toMatchObject({ kind: 'bag-label', postingNumbers: [postingNumber] })
      const crashed = await snapshotDataDir(dataDir)
      // The same crash a moment earlier: the job is in the queue but the auto-print still says "sending".
      const earlier = await snapshotDataDir(dataDir)
      const benchFile = path.join(earlier, 'printing-bench.json')
      const stored = JSON.parse(await readFile(benchFile, 'utf8'))
      stored.data.plans[0].finishedAt = null
      Object.assign(stored.data.plans[0].parts[0], { printed: [], jobIds: [], sending: { postingNumbers: [postingNumber], since: sending.createdAt } })
      await writeFile(benchFile, JSON.stringify(stored))

      const restarted = await openPrintingStation(sb, crashed, slow)
      const attention = await restarted.call('printing.attention', {})
      expect(attention.jobs).toEqual([expect.objectContaining({ id: sending.id, state: 'unknown', error: expect.objectContaining({ code: 'station-stopped' }) })])
      // The auto-print knows its label went out; looking at it again sends nothing.
      const plan = (await restarted.call('printing.autoPrints', {})).plans[0]!
      expect(plan.parts[0]).toMatchObject({ printed: [postingNumber], jobIds: [sending.id], sending: null })
      await restarted.printing.autoPrint.advance(plan.operationId)
      expect((await restarted.call('printing.history', {})).jobs.map((j) => j.id)).toEqual([sending.id])
      expect(printer.connections).toHaveLength(1)

      const adopting = await openPrintingStation(sb, earlier, slow)
      await adopting.printing.autoPrint.advance(plan.operationId)
      expect((await adopting.call('printing.autoPrints', {})).plans[0]!.parts[0]).toMatchObject({ printed: [postingNumber], jobIds: [sending.id], sending: null })
      expect((await adopting.call('printing.history', {})).jobs.map((j) => j.id)).toEqual([sending.id])
      expect(printer.connections).toHaveLength(1)

      // The person looked: nothing came out. One request reprints it, with the reason kept.
      const reprint = await restarted.call('printing.reprint', { jobId: sending.id, reason: 'nothing came out' })
      expect(reprint).toMatchObject({ reprintOf: sending.id, reason: 'nothing came out', postingNumbers: [postingNumber] })
      expect((await restarted.call('printing.attention', {})).jobs).toEqual([])
      await restarted.next('printing.jobChanged', (p) => p.job.id === reprint.id && p.job.state === 'sending')
      expect(printer.connections).toHaveLength(2)
    } finally {
      await printer.stop()
    }
  })
})
