import { afterEach, describe, expect, it } from 'vitest'
import { createDriver } from '../../../electron/printing/drivers'
import { zplProgram } from '../../../electron/printing/drivers/zpl'
import { rasterisePdf } from '../../../electron/printing/raster'
import { FakePrinter } from '../../support/fake-printer'
import { decodeTspl, decodeZpl } from '../../support/printer-decoders'
import { testLabelPdf } from '../../support/test-label-pdf'
import { code128In, printerConfig, testContext } from './helpers'

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

describe('ZPL over raw TCP 9100', () => {
  it('prints each label as one ^XA…^XZ format with ^PW/^LL, darkness and speed; the ^GF image decodes to the posting number', async () => {
    const fake = await fakePrinter()
    const printer = printerConfig({ driver: 'zpl', connection: fake.url, darkness: 18, speedIps: 4 })
    const numbers = ['41257303-0007-1', '41257303-0007-2']
    await createDriver(printer, testContext()).print({ id: 'j', title: 't', pdf: await testLabelPdf(numbers.map((postingNumber) => ({ postingNumber }))) })
    const [job] = await fake.waitForJobs(1)
    expect(job!.bytes.toString('latin1')).toMatch(/^~SD18\n\^XA/)
    const labels = decodeZpl(job!.bytes)
    expect(labels).toHaveLength(2)
    for (const [i, label] of labels.entries()) {
      expect(label).toMatchObject({ printWidth: 464, labelLength: 320, darkness: 18, speed: 4, quantity: 1 })
      expect(label.graphics).toEqual([{ x: 0, y: 0, bytesPerRow: 58, rows: 320, encoding: 'ascii-compressed' }])
      expect(await code128In(label.image)).toEqual([numbers[i]])
    }
  })

  it('a 75×120 label is 600×960 dots; ASCII compression is several times smaller than plain hex and decodes to the same dots', async () => {
    const fake = await fakePrinter()
    const printer = printerConfig({ driver: 'zpl', connection: fake.url, label: { widthMm: 75, heightMm: 120 } })
    const pdf = await testLabelPdf([{ postingNumber: '87654321-0001-2', caption: 'Кружка' }], { widthMm: 75, heightMm: 120 })
    await createDriver(printer, testContext()).print({ id: 'j', title: 't', pdf })
    const [job] = await fake.waitForJobs(1)
    const [label] = decodeZpl(job!.bytes)
    expect([label!.image.width, label!.image.height]).toEqual([600, 960])
    expect(await code128In(label!.image)).toEqual(['87654321-0001-2'])

    const plain = zplProgram(printer, await rasterisePdf(pdf, printer), { compression: 'none' })
    const [plainLabel] = decodeZpl(plain)
    expect(plainLabel!.graphics[0]!.encoding).toBe('hex')
    expect(Buffer.from(plainLabel!.image.dots).equals(Buffer.from(label!.image.dots))).toBe(true)
    expect(job!.bytes.length * 4).toBeLessThan(plain.length)
  })

  it('reads ~HS host status: paper out, head open (cover), paused', async () => {
    const fake = await fakePrinter()
    const driver = createDriver(printerConfig({ driver: 'zpl', connection: fake.url }), testContext())
    expect(await driver.status()).toMatchObject({ reachable: true, detailed: true, problems: [] })
    fake.state.paperOut = true
    expect((await driver.status()).problems).toEqual(['paper-out'])
    fake.state = { paperOut: false, paperLow: false, coverOpen: true, paused: true }
    expect((await driver.status()).problems).toEqual(['paused', 'cover-open'])
    // and a job is held back while the printer cannot print
    await expect(driver.print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1' }]) })).rejects.toMatchObject({
      code: 'not-ready',
      outcome: 'not-sent',
    })
    expect(fake.jobs).toHaveLength(0)
    expect(fake.statusQuestions).toBe(4)
  })
})

describe('TSPL over raw TCP 9100', () => {
  it('sends SIZE/GAP/DENSITY/SPEED, then CLS + BITMAP + PRINT per label; the bitmap decodes to the posting number', async () => {
    const fake = await fakePrinter()
    const printer = printerConfig({ driver: 'tspl', connection: fake.url, darkness: 9, speedIps: 3, label: { widthMm: 58, heightMm: 40, gapMm: 2.5 } })
    const numbers = ['22222222-0001-1', '22222222-0002-1']
    await createDriver(printer, testContext()).print({ id: 'j', title: 't', pdf: await testLabelPdf(numbers.map((postingNumber) => ({ postingNumber }))) })
    const labels = decodeTspl((await fake.waitForJobs(1))[0]!.bytes)
    expect(labels).toHaveLength(2)
    for (const [i, label] of labels.entries()) {
      expect(label).toMatchObject({ sizeMm: [58, 40], gapMm: [2.5, 0], density: 9, speed: 3, copies: 1 })
      expect([label.image.width, label.image.height]).toEqual([464, 320])
      expect(await code128In(label.image)).toEqual([numbers[i]])
    }
  })

  it('reads ESC ! ? status: paper out and cover open', async () => {
    const fake = await fakePrinter()
    const driver = createDriver(printerConfig({ driver: 'tspl', connection: fake.url }), testContext())
    fake.state.paperOut = true
    fake.state.coverOpen = true
    expect((await driver.status()).problems).toEqual(['cover-open', 'paper-out'])
    fake.state = { paperOut: false, paperLow: false, coverOpen: false, paused: false }
    expect(await driver.status()).toMatchObject({ reachable: true, problems: [] })
  })
})
