import { afterEach, describe, expect, it } from 'vitest'
import { createDriver } from '../../../electron/printing/drivers'
import { PrintFailure } from '../../../electron/printing/failures'
import { FakePrinter } from '../../support/fake-printer'
import { decodeEscPos } from '../../support/printer-decoders'
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

describe('ESC/POS over TCP (EPSON and STAR)', () => {
  for (const dialect of ['epson', 'star'] as const) {
    it(`${dialect}: the printed raster is 464×320 dots and its barcode reads as the posting number`, async () => {
      const fake = await fakePrinter()
      const driver = createDriver(printerConfig({ driver: `escpos-${dialect}`, connection: fake.url }), testContext())
      const pdf = await testLabelPdf([{ postingNumber: '41257303-0007-1' }])
      const { bytesWritten } = await driver.print({ id: 'j1', title: 't', pdf })
      const [job] = await fake.waitForJobs(1)
      expect(job!.bytes.length).toBe(bytesWritten)
      const decoded = decodeEscPos(job!.bytes, dialect)
      expect(decoded.cuts).toBe(1)
      expect(decoded.labels).toHaveLength(1)
      const image = decoded.labels[0]!.image!
      expect([image.width, image.height]).toEqual([464, 320])
      expect(await code128In(image)).toEqual(['41257303-0007-1'])
    })
  }

  it('sends the raster in bands no larger than the printer buffer setting', async () => {
    const fake = await fakePrinter()
    const printer = printerConfig({ driver: 'escpos-epson', connection: fake.url, label: { widthMm: 75, heightMm: 120 }, maxBandBytes: 2048 })
    await createDriver(printer, testContext()).print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1-2-3' }], { widthMm: 75, heightMm: 120 }) })
    const label = decodeEscPos((await fake.waitForJobs(1))[0]!.bytes, 'epson').labels[0]!
    expect(label.largestBandBytes).toBeLessThanOrEqual(2048)
    expect(label.bands).toBe(Math.ceil(960 / Math.floor(2048 / 75))) // 75 bytes a row → 27 rows a band → 36 bands
    expect([label.image!.width, label.image!.height]).toEqual([600, 960])
  })

  for (const [dialect, codePage, pageNumber] of [
    ['epson', 'PC866', 17],
    ['epson', 'WPC1251', 46],
    ['star', 'PC866', 10],
  ] as const) {
    it(`${dialect} ${codePage}: Cyrillic captions use code page ${pageNumber}, set again after every cut`, async () => {
      const fake = await fakePrinter()
      const driver = createDriver(printerConfig({ driver: `escpos-${dialect}`, connection: fake.url, codePage }), testContext())
      const pdf = await testLabelPdf([{ postingNumber: '11111111-0001-1' }, { postingNumber: '11111111-0001-2' }])
      await driver.print({ id: 'j', title: 't', pdf, captions: ['Пакет 1 из 2 «хрупкое» — №7', 'Пакет 2 из 2: Ёлка'] })
      const decoded = decodeEscPos((await fake.waitForJobs(1))[0]!.bytes, dialect)
      expect(decoded.cuts).toBe(2)
      const texts = decoded.labels.map((l) => l.texts.map((t) => ({ text: t.text, codePage: t.codePage })))
      // Every caption was printed with the Cyrillic page in force — including the one after the first cut,
      // whose ESC @ had reset the page.
      expect(texts).toEqual([[{ text: 'Пакет 1 из 2 "хрупкое" - №7', codePage: pageNumber }], [{ text: 'Пакет 2 из 2: Ёлка', codePage: pageNumber }]])
      // and the bytes are the code page's, not UTF-8
      const first = decoded.labels[0]!.texts[0]!.bytes
      expect(first.includes(Buffer.from('Пакет', 'utf8'))).toBe(false)
      if (codePage === 'PC866') expect([...first.subarray(0, 5)]).toEqual([0x8f, 0xa0, 0xaa, 0xa5, 0xe2])
      if (codePage === 'WPC1251') expect([...first.subarray(0, 5)]).toEqual([0xcf, 0xe0, 0xea, 0xe5, 0xf2])
      for (const label of decoded.labels) expect(label.image && [label.image.width, label.image.height]).toEqual([464, 320])
      expect(await code128In(decoded.labels[1]!.image!)).toEqual(['11111111-0001-2'])
    })
  }

  it('reports paper out and an open cover from DLE EOT, and does not send a job into a printer without paper', async () => {
    const fake = await fakePrinter()
    const driver = createDriver(printerConfig({ driver: 'escpos-epson', connection: fake.url }), testContext())
    expect(await driver.status()).toMatchObject({ reachable: true, detailed: true, problems: [] })

    fake.state.paperOut = true
    const out = await driver.status()
    expect(out.problems).toEqual(['paper-out'])
    expect(out.message).toMatch(/out of paper/)
    const error = await driver.print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1' }]) }).catch((e) => e)
    expect(error).toBeInstanceOf(PrintFailure)
    expect(error).toMatchObject({ code: 'not-ready', outcome: 'not-sent', retryable: true, problems: ['paper-out'] })
    expect(fake.jobs).toHaveLength(0)

    fake.state = { paperOut: false, paperLow: true, coverOpen: true, paused: false }
    expect(await driver.status()).toMatchObject({ problems: ['cover-open'], paperLow: true })
  })

  it('STAR printers cannot answer DLE EOT on port 9100: status is reachability only', async () => {
    const fake = await fakePrinter()
    const driver = createDriver(printerConfig({ driver: 'escpos-star', connection: fake.url }), testContext())
    expect(await driver.status()).toMatchObject({ reachable: true, detailed: false, problems: [] })
    await fake.goOffline()
    expect(await driver.status()).toMatchObject({ reachable: false, problems: ['offline'] })
  })
})
