import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDriver, type SystemPrintShell } from '../../../electron/printing/drivers'
import { cupsMedia } from '../../../electron/printing/drivers/cups'
import { cupsUnavailable, ensureCupsPdfQueue, waitForPrintedPdf } from '../../support/cups'
import { pdfPageSizesMm } from '../../support/pdf-readback'
import { decodeBarcodes } from '../../support/barcode-decode'
import { tempDir } from '../../support/temp-dir'
import { testLabelPdf } from '../../support/test-label-pdf'
import { printerConfig, testContext } from './helpers'

describe('folder printer (the demo default)', () => {
  it('writes the job as its PDF plus one PNG per label with the exact dots, barcodes readable', async () => {
    const dir = await tempDir('print-folder-')
    const folder = path.join(dir, 'labels')
    const driver = createDriver(printerConfig({ driver: 'folder', connection: folder }), testContext())
    expect(await driver.status()).toMatchObject({ reachable: true, problems: [] })
    const pdf = await testLabelPdf([{ postingNumber: '12121212-0001-1' }, { postingNumber: '12121212-0001-2' }])
    const { bytesWritten } = await driver.print({ id: 'job-1', title: 'Bag labels', pdf })
    const files = await readdir(folder)
    expect(files).toHaveLength(3)
    const named = (suffix: string) => files.find((f) => f.endsWith(suffix))!
    const [pdfName, png1, png2] = [named('-job-1.pdf'), named('-job-1-1.png'), named('-job-1-2.png')]
    expect([pdfName, png1, png2].every(Boolean)).toBe(true)
    expect(Buffer.from(await readFile(path.join(folder, pdfName))).equals(Buffer.from(pdf))).toBe(true)
    expect(await decodeBarcodes(path.join(folder, png1))).toContainEqual({ format: 'CODE_128', text: '12121212-0001-1' })
    expect(await decodeBarcodes(path.join(folder, png2))).toContainEqual({ format: 'CODE_128', text: '12121212-0001-2' })
    const sizes = await Promise.all(files.map(async (f) => (await readFile(path.join(folder, f))).length))
    expect(bytesWritten).toBe(sizes.reduce((a, b) => a + b, 0))
  })

  it('a folder that cannot be written is "not sent", with the folder named', async () => {
    const dir = await tempDir('print-folder-')
    const blocker = path.join(dir, 'file')
    await (await import('node:fs/promises')).writeFile(blocker, 'x')
    const driver = createDriver(printerConfig({ driver: 'folder', connection: path.join(blocker, 'sub') }), testContext())
    await expect(driver.print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1' }]) })).rejects.toMatchObject({
      outcome: 'not-sent',
      message: expect.stringMatching(/cannot write labels into .*check the folder/),
    })
    expect(await driver.status()).toMatchObject({ reachable: false, problems: ['offline'] })
  })
})

describe('Windows / system print through the desktop shell', () => {
  it('hands the PDF to the shell with the device name and the page size in microns', async () => {
    const calls: Array<{ pdf: Uint8Array; opts: Parameters<SystemPrintShell['printPdf']>[1] }> = []
    const shell: SystemPrintShell = {
      async printPdf(pdf, opts) {
        calls.push({ pdf, opts })
      },
      async listPrinters() {
        return [{ name: 'Xprinter XP-365B', isDefault: true, status: 'idle' }]
      },
    }
    const printer = printerConfig({ driver: 'windows', connection: 'Xprinter XP-365B', label: { widthMm: 75, heightMm: 120 } })
    const driver = createDriver(printer, { ...testContext(), shell })
    const pdf = await testLabelPdf([{ postingNumber: '1' }], { widthMm: 75, heightMm: 120 })
    await driver.print({ id: 'j', title: 'Ozon labels 1', pdf })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.opts).toEqual({ deviceName: 'Xprinter XP-365B', widthMicrons: 75_000, heightMicrons: 120_000, title: 'Ozon labels 1', dpi: 203 })
    expect(await driver.status()).toMatchObject({ reachable: true, problems: [] })
  })

  it('without the desktop shell it refuses clearly and for good (no retries)', async () => {
    const driver = createDriver(printerConfig({ driver: 'windows', connection: 'Xprinter' }), testContext())
    await expect(driver.print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1' }]) })).rejects.toMatchObject({
      outcome: 'not-sent',
      retryable: false,
      message: expect.stringMatching(/only from the desktop app/),
    })
  })
})

describe('CUPS through lp', async () => {
  const unavailable = await cupsUnavailable()
  if (unavailable) console.warn(`CUPS test skipped: ${unavailable}`)

  it.skipIf(unavailable !== null)('prints into the cups-pdf queue with the exact media size (58×40 mm)', { timeout: 60_000 }, async () => {
    const { queue, outputDir } = await ensureCupsPdfQueue()
    const printer = printerConfig({ driver: 'cups', connection: queue })
    expect(cupsMedia(printer)).toBe('Custom.58x40mm')
    const driver = createDriver(printer, testContext())
    expect(await driver.status()).toMatchObject({ reachable: true, problems: [] })
    const marker = `station-${Date.now().toString(36)}`
    await driver.print({ id: 'j', title: marker, pdf: await testLabelPdf([{ postingNumber: '34343434-0001-1' }]) })
    const printed = await waitForPrintedPdf(outputDir, marker)
    const [page] = await pdfPageSizesMm(printed)
    // cups-pdf (Ghostscript) writes whole points: 58 × 40 mm = 164.4 × 113.4 pt → 164 × 113 pt
    expect(page!.widthMm).toBeCloseTo(58, 0)
    expect(page!.heightMm).toBeCloseTo(40, 0)
    expect(Math.abs(page!.widthMm - 58)).toBeLessThan(0.4)
    expect(Math.abs(page!.heightMm - 40)).toBeLessThan(0.4)
    await rm(printed, { force: true })
  })

  it.skipIf(unavailable !== null)('a queue that does not exist is refused for good, with the queue named', async () => {
    await ensureCupsPdfQueue()
    const driver = createDriver(printerConfig({ driver: 'cups', connection: 'NoSuchQueue' }), testContext())
    await expect(driver.print({ id: 'j', title: 't', pdf: await testLabelPdf([{ postingNumber: '1' }]) })).rejects.toMatchObject({
      outcome: 'not-sent',
      retryable: false,
      message: expect.stringMatching(/NoSuchQueue/),
    })
    expect(await driver.status()).toMatchObject({ reachable: false })
  })
})
