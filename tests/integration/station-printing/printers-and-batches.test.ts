// The bench's printers over the contract (validation naming the fields, the profile following the purposes, the
// live status, the test print read back from the printed dots), labels of selected postings as one job per
// printer, "check the printer" from a dropped connection, and the label check.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makePosting } from '../../../shared/domain/fixtures'
import { StationError } from '../../../shared/errors'
import { FakePrinter } from '../../support/fake-printer'
import { decodeBarcodes } from '../../support/barcode-decode'
import { decodeZpl, dotImageToPng } from '../../support/printer-decoders'
import { tempDir } from '../../support/temp-dir'
import { packingSandbox, simpleOrder } from '../packing/support'
import { code128In } from '../printing/helpers'
import { openPrintingStation, packPosting, zplPrinter } from './support'

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

async function refused(p: Promise<unknown>): Promise<StationError> {
  try {
    await p
  } catch (err) {
    if (err instanceof StationError) return err
    throw err
  }
  throw new Error('expected the station to refuse')
}

describe('printers of the bench', () => {
  it('names every wrong field at once, moves purposes between printers and keeps the bench profile in step', async () => {
    const sb = await packingSandbox()
    const station = await openPrintingStation(sb, await tempDir('printing-settings-'))
    const demo = await station.call('printing.printers', {})
    expect(demo.printers.map((p) => [p.id, p.driver, p.connection])).toEqual([
      ['demo-bag-labels', 'folder', path.join(station.dataDir, 'printed-labels')],
      ['demo-ozon-labels', 'folder', path.join(station.dataDir, 'printed-labels')],
    ])
    expect(demo.demoFolder).toBe(path.join(station.dataDir, 'printed-labels'))

    const bad = await refused(
      station.call('printing.savePrinter', { printer: { name: 'Zebra', driver: 'zpl', connection: '192.168.1.50', label: { widthMm: 58, heightMm: 40 }, darkness: 45 } }),
    )
    expect(bad.code).toBe('invalid_args')
    expect(bad.field).toBe('printer.connection')
    expect(bad.details).toEqual({
      fields: { connection: expect.stringMatching(/tcp:\/\/192\.168\.1\.50:9100/), darkness: 'darkness must be 0–30 for ZPL' },
    })

    const zebra = await station.call('printing.savePrinter', {
      printer: { name: 'Zebra', driver: 'zpl', connection: 'tcp://192.168.1.50:9100', label: { widthMm: 75, heightMm: 120 }, darkness: 20, purposes: ['ozon-label', 'bag-label'] },
    })
    const view = await station.call('printing.printers', {})
    expect(view.assignments).toEqual({ 'bag-label': zebra.id, 'ozon-label': zebra.id })
    expect(view.printers.find((p) => p.id === 'demo-bag-labels')!.purposes).toEqual([])
    expect((await station.call('settings.get', {})).profile.printers).toEqual({ 'bag-label': zebra.id, 'ozon-label': zebra.id })

    // A profile naming a printer for a purpose (an import, another screen) moves the purpose to it.
    await station.call('settings.update', { profile: { printers: { 'bag-label': 'demo-bag-labels', 'ozon-label': zebra.id } } })
    await station.next('printing.printersChanged', (p) => p.assignments['bag-label'] === 'demo-bag-labels')
    expect((await station.call('printing.printers', {})).assignments).toEqual({ 'bag-label': 'demo-bag-labels', 'ozon-label': zebra.id })

    // Editing keeps what the form leaves out; clearing darkness is explicit.
    const edited = await station.call('printing.savePrinter', { printer: { id: zebra.id, name: 'Zebra ZD421', driver: 'zpl', connection: zebra.connection, label: zebra.label, darkness: null } })
    expect(edited).toMatchObject({ name: 'Zebra ZD421', purposes: ['ozon-label'], darkness: undefined })

    const after = await station.call('printing.removePrinter', { printerId: zebra.id })
    expect(after.assignments).toEqual({ 'bag-label': 'demo-bag-labels', 'ozon-label': null })
    expect((await station.call('settings.get', {})).profile.printers).toEqual({ 'bag-label': 'demo-bag-labels', 'ozon-label': null })
    const audit = await station.ctx.audit.read({})
    expect(audit.map((e) => e.action).filter((a) => a.startsWith('printing.')).reverse()).toEqual(['printing.printer_added', 'printing.printer_changed', 'printing.printer_removed'])
    expect(audit[0]).toMatchObject({ operator: 'Анна Петрова', bench: 'Стол 2', details: { printer: zebra.id, name: 'Zebra ZD421' } })
  })

  it('says how a printer is (ready, paper out, offline) and prints a test label naming printer, bench and time', async () => {
    const sb = await packingSandbox()
    const station = await openPrintingStation(sb, await tempDir('printing-status-'), { tcpTimeouts: { connectMs: 500, stallMs: 3000, closeWaitMs: 300 } })
    const fake = await fakePrinter()
    const zebra = await station.call('printing.savePrinter', { printer: zplPrinter(fake.url, []) })

    expect(await station.call('printing.status', { printerId: zebra.id })).toMatchObject({ reachable: true, problems: [], detailed: true })
    fake.state.paperOut = true
    expect(await station.call('printing.status', { printerId: zebra.id })).toMatchObject({ reachable: true, problems: ['paper-out'] })
    fake.state.paperOut = false

    const { job } = await station.call('printing.testPrint', { printerId: zebra.id })
    expect(job).toMatchObject({ kind: 'test', printerId: zebra.id, postingNumbers: [], labelCount: 1 })
    const [received] = await fake.waitForJobs(1)
    const [label] = decodeZpl(received!.bytes)
    expect([label!.printWidth, label!.labelLength]).toEqual([464, 320])
    const [code] = await code128In(label!.image)
    expect(code).toMatch(/^TEST\d{6}$/)
    const done = await station.printing.queue.settled(job.id)
    expect(done.state).toBe('sent')
    // The PDF of the test label (what system printers get) carries the printer's name, the bench and the code.
    const pdf = await station.printing.queue.find(job.id)
    expect(pdf?.title).toBe(`Test print — ${zebra.name}`)

    await fake.goOffline()
    expect(await station.call('printing.status', { printerId: zebra.id })).toMatchObject({ reachable: false, problems: ['offline'] })
    expect(await station.call('printing.status', { printerId: 'nope' })).toMatchObject({ reachable: false, problems: ['offline'] })
  })
})

describe('labels of selected postings', () => {
  it('one job per printer, labels in the order given; one printer with both kinds gets them interleaved per package', { timeout: 60_000 }, async () => {
    const sb = await packingSandbox()
    const station = await openPrintingStation(sb, await tempDir('printing-batch-'))
    await station.call('settings.update', { profile: { autoPrint: false } })
    const bagFake = await fakePrinter()
    const ozonFake = await fakePrinter()
    await station.call('printing.savePrinter', { printer: zplPrinter(bagFake.url, ['bag-label']) })
    const ozon = await station.call('printing.savePrinter', { printer: zplPrinter(ozonFake.url, ['ozon-label'], { widthMm: 75, heightMm: 120 }) })
    const numbers = [...(await packPosting(station, simpleOrder(sb, 1).posting_number)), ...(await packPosting(station, simpleOrder(sb, 2, { offset: 1 }).posting_number, 2))]
    const order = [numbers[2]!, numbers[0]!, numbers[1]!]

    const printed = await station.call('printing.printLabels', { postingNumbers: order })
    expect(printed.missing).toEqual([])
    expect(printed.jobs.map((j) => [j.job.kind, j.job.postingNumbers, j.duplicate])).toEqual([
      ['bag-label', order, false],
      ['ozon-label', order, false],
    ])
    const [bagJob] = await bagFake.waitForJobs(1)
    expect(await Promise.all(decodeZpl(bagJob!.bytes).map((l) => code128In(l.image)))).toEqual(order.map((n) => [n]))
    const [ozonJob] = await ozonFake.waitForJobs(1)
    const ozonLabels = decodeZpl(ozonJob!.bytes)
    expect(ozonLabels).toHaveLength(3)
    for (const [i, l] of ozonLabels.entries()) expect((await decodeBarcodes(dotImageToPng(l.image))).map((b) => b.text)).toContain(order[i])

    // The same request again within seconds (a double click) is the same jobs, nothing printed twice.
    const again = await station.call('printing.printLabels', { postingNumbers: order })
    expect(again.jobs.map((j) => [j.job.id, j.duplicate])).toEqual(printed.jobs.map((j) => [j.job.id, true]))

    // One printer for both kinds: one job, Ozon's label then the bag label of each package.
    await station.call('printing.savePrinter', { printer: { ...zplPrinter(ozonFake.url, ['ozon-label', 'bag-label'], { widthMm: 75, heightMm: 120 }), id: ozon.id } })
    const both = await station.call('printing.printLabels', { postingNumbers: numbers.slice(0, 2) })
    expect(both.jobs).toHaveLength(1)
    expect(both.jobs[0]!.job).toMatchObject({ printerId: ozon.id, labelCount: 4, postingNumbers: numbers.slice(0, 2) })
    const [, mixed] = await ozonFake.waitForJobs(2)
    expect(decodeZpl(mixed!.bytes)).toHaveLength(4)
  })

  it('says which labels it left out and why; no printer at all is a clear refusal', async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 3_600_000 })
    const station = await openPrintingStation(sb, await tempDir('printing-missing-'))
    await station.call('settings.update', { profile: { autoPrint: false } })
    const [n] = await packPosting(station, simpleOrder(sb, 1).posting_number)
    const out = await station.call('printing.printLabels', { postingNumbers: [n!] })
    // The bag label printed (demo folder); Ozon's label is not there yet and is named as missing.
    expect(out.jobs.map((j) => j.job.kind)).toEqual(['bag-label'])
    expect(out.missing).toEqual([{ postingNumber: n, kind: 'ozon', reason: expect.stringMatching(/not ready/) }])
    // A posting still awaiting packaging has no package to label yet.
    const unpacked = '55555555-0001-1'
    await station.ctx.orders.update((d) => {
      d.postings[`demo/${unpacked}`] = makePosting({ postingNumber: unpacked, status: 'awaiting_packaging' })
    })
    expect(await station.call('printing.printLabels', { postingNumbers: [unpacked] })).toEqual({
      jobs: [],
      missing: [
        { postingNumber: unpacked, kind: 'bag', reason: 'not packed yet; package it first' },
        { postingNumber: unpacked, kind: 'ozon', reason: 'not packed yet; package it first' },
      ],
    })

    for (const id of ['demo-bag-labels', 'demo-ozon-labels']) await station.call('printing.removePrinter', { printerId: id })
    const err = await refused(station.call('printing.printLabels', { postingNumbers: [n!] }))
    expect(err).toMatchObject({ code: 'printer', message: expect.stringMatching(/No printer is set for bag labels or Ozon's labels/) })
  })
})

describe('check the printer, dismiss, retry', () => {
  it('a connection dropped mid-label is "check the printer": never resent, dismissed by a person, audited', async () => {
    const sb = await packingSandbox()
    const station = await openPrintingStation(sb, await tempDir('printing-unknown-'))
    await station.call('settings.update', { profile: { autoPrint: false, labelsPerPackage: 'bag' } })
    const fake = await fakePrinter()
    await station.call('printing.savePrinter', { printer: zplPrinter(fake.url, ['bag-label']) })
    const [n] = await packPosting(station, simpleOrder(sb, 1).posting_number)
    fake.dropNextJobAfter(200)
    const { jobs } = await station.call('printing.printLabels', { postingNumbers: [n!] })
    const unknown = await station.printing.queue.settled(jobs[0]!.job.id)
    const dismissedBefore = (await station.ctx.audit.read({ action: 'printing.job_dismissed' })).length
    expect(dismissedBefore).toBe(0)
    expect(unknown.state).toBe('unknown')
    expect((await station.call('printing.attention', {})).jobs.map((j) => j.id)).toEqual([unknown.id])
    await expect(station.call('printing.retry', { jobId: unknown.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/may have printed/) })
    expect(fake.jobs).toHaveLength(1)

    const left = await station.call('printing.dismiss', { jobId: unknown.id, note: 'the label came out fine' })
    expect(left.jobs).toEqual([])
    expect(await station.ctx.audit.read({ action: 'printing.job_dismissed' })).toEqual([
      expect.objectContaining({ postingNumber: n, details: { job: unknown.id, state: 'unknown', note: 'the label came out fine' } }),
    ])
    expect(fake.jobs).toHaveLength(1)
  })
})

describe('label check', () => {
  it('after auto-print the packer scans each label: a wrong one is refused, the right ones pass', { timeout: 60_000 }, async () => {
    const sb = await packingSandbox()
    const station = await openPrintingStation(sb, await tempDir('printing-check-'))
    await station.call('settings.update', { profile: { labelCheck: true, labelsPerPackage: 'both' } })
    const numbers = await packPosting(station, simpleOrder(sb, 2).posting_number, 2)

    const bagCheck = (await station.next('printing.labelCheckChanged', (s) => s.check?.kind === 'bag-label')).check!
    expect(bagCheck.labels.map((l) => [l.postingNumber, l.packageIndex, l.packageCount, l.confirmed])).toEqual([
      [numbers[0], 1, 2, false],
      [numbers[1], 2, 2, false],
    ])
    const wrong = await station.call('printing.checkLabel', { code: '99999999-0001-1' })
    expect(wrong).toMatchObject({ verdict: 'mismatch', postingNumber: '99999999-0001-1', state: { check: { id: bagCheck.id } } })
    expect((await station.call('printing.checkLabel', { code: numbers[1]! })).verdict).toBe('match')
    expect((await station.call('printing.checkLabel', { code: numbers[1]! })).verdict).toBe('repeat')
    const passed = await station.call('printing.checkLabel', { code: ` ${numbers[0]} ` })
    expect(passed.verdict).toBe('match')

    // Ozon's labels of the same packages: checked by Ozon's barcodes, not the posting number.
    const ozonCheck = passed.state.check ?? (await station.next('printing.labelCheckChanged', (s) => s.check?.kind === 'ozon-label')).check!
    expect(ozonCheck.kind).toBe('ozon-label')
    expect((await station.call('printing.checkLabel', { code: numbers[0]! })).verdict).toBe('mismatch')
    for (const n of numbers) {
      const atOzon = sb.control.posting(n)!
      expect((await station.call('printing.checkLabel', { code: atOzon.barcodes.upper_barcode })).verdict).toBe('match')
    }
    expect(await station.call('printing.labelCheck', {})).toEqual({ check: null, waiting: 0 })
    await expect(station.call('printing.checkLabel', { code: numbers[0]! })).rejects.toMatchObject({ code: 'conflict' })
  })
})
