// The labels area in a whole demo station (embedded sandbox, real files): packing starts the background fetch by
// itself, and a batch of 25 packages comes out as one PDF in package order — read back with poppler: page count,
// page sizes (Ozon's big or small label by the warehouse, the bag label in the bench's stock), every posting
// number found by pdftotext on its own page, and the barcodes of both labels decoded from 203 dpi pixels.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { OzonLabelStatus } from '../../../shared/contract/labels'
import { decodeBarcodes } from '../../support/barcode-decode'
import { addUnmarkedPosting, packPosting, sandbox } from '../../support/demo-orders'
import { pdfPageCount, pdfPageSizesMm, pdfText, pdfToPngs } from '../../support/pdf-readback'
import { startTestStation } from '../../support/station'

const mm = (v: number) => Math.round(v * 10) / 10

describe('labels in the station', () => {
  it("packing a posting starts fetching Ozon's label by itself; the bag label's layout is in the bench's size", async () => {
    const { station } = await startTestStation()
    const changes: OzonLabelStatus[] = []
    station.subscribe((event, payload) => {
      if (event === 'labels.changed') changes.push(...(payload as { items: OzonLabelStatus[] }).items)
    })
    await sandbox(station, 'timings', { shipDelayMs: 0 })
    const n = await addUnmarkedPosting(station)
    expect(await packPosting(station, n)).toEqual([n])

    while (!changes.some((c) => c.postingNumber === n && c.state === 'ready')) await new Promise((r) => setTimeout(r, 10))
    expect(changes.find((c) => c.postingNumber === n)!.state).toBe('waiting') // first news: waiting
    const status = await station.call('labels.status', {})
    expect(status.items[0]).toMatchObject({ postingNumber: n, state: 'ready', packageIndex: 1, packageCount: 1 })
    expect(status.choice).toBe('both')

    const { layout, stock } = await station.call('labels.layout', { postingNumber: n })
    expect(stock).toEqual({ widthMm: 58, heightMm: 40, dpi: 203 })
    expect(layout.postingNumber).toBe(n)
    const posting = layout.elements.find((e) => e.kind === 'barcode' && e.role === 'posting')
    expect(posting).toMatchObject({ value: n, symbology: 'code128' })

    const preview = await station.call('labels.ozonPreview', { postingNumber: n })
    const png = Buffer.from(preview.pngBase64, 'base64')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(Math.round(preview.widthMm * 8)) // IHDR width: the label's dots at 203 dpi
    expect((await decodeBarcodes(png)).map((b) => b.text)).toContain(n)
  })

  it('a morning batch: 25 packages as one PDF in package order — Ozon labels only, then Ozon + bag label each', async () => {
    const { station } = await startTestStation()
    const state = await sandbox(station, 'state')
    const methods = state.accounts[0].deliveryMethods as { id: string; name: string; tpl_integration_type: string }[]
    const big = methods.find((m) => m.name.includes('Москва Север') && m.tpl_integration_type === 'ozon')!
    const small = methods.find((m) => m.name.includes('Подольск'))!
    // 25 packed postings, every fifth from the warehouse whose labels are small.
    const numbers: string[] = []
    for (let i = 0; i < 25; i++) {
      const { added } = await sandbox(station, 'postings', { spec: { deliveryMethodId: i % 5 === 4 ? small.id : big.id, lines: 1 + (i % 3) } })
      await sandbox(station, `postings/${added[0]}/status`, { status: 'awaiting_deliver' })
      numbers.push(added[0])
    }
    expect((await station.call('orders.sync', {})).ok).toBe(true)
    // Package order as the batch is given: not the order the postings were made in.
    const order = [...numbers.slice(10), ...numbers.slice(0, 10)]
    const expectedSize = (n: string) => (numbers.indexOf(n) % 5 === 4 ? [58, 40] : [75, 120])

    const ozon = await station.call('labels.batch', { postingNumbers: order, choice: 'ozon' })
    expect(ozon.missing).toEqual([])
    expect(ozon.pages).toEqual(order.map((postingNumber) => ({ postingNumber, kind: 'ozon' })))
    const pdf = Buffer.from(ozon.pdfBase64, 'base64')
    expect(await pdfPageCount(pdf)).toBe(25)
    const sizes = await pdfPageSizesMm(pdf)
    expect(sizes.map((s) => [mm(s.widthMm), mm(s.heightMm)])).toEqual(order.map(expectedSize))
    const text = await pdfText(pdf)
    const pages = text.split('\f')
    order.forEach((n, i) => {
      expect(pages[i]).toContain(n)
      for (const other of order.filter((x) => x !== n && !x.startsWith(`${n}`))) expect(pages[i]).not.toContain(other)
    })
    // Saved as one file, the same bytes.
    expect(ozon.file).toMatch(/labels[/\\]batches[/\\]labels-.*-25p-.*\.pdf$/)
    expect(Buffer.compare(await readFile(ozon.file!), pdf)).toBe(0)

    // Both per package: Ozon's label, then the bag label (58×40 bench stock), 50 pages.
    const both = await station.call('labels.batch', { postingNumbers: order, choice: 'both', save: false })
    expect(both.file).toBeNull()
    expect(both.pages).toEqual(order.flatMap((postingNumber) => [{ postingNumber, kind: 'ozon' }, { postingNumber, kind: 'bag' }]))
    const pdf2 = Buffer.from(both.pdfBase64, 'base64')
    const sizes2 = await pdfPageSizesMm(pdf2)
    expect(sizes2.map((s) => [mm(s.widthMm), mm(s.heightMm)])).toEqual(order.flatMap((n) => [expectedSize(n), [58, 40]]))
    const pages2 = (await pdfText(pdf2)).split('\f')
    order.forEach((n, i) => {
      expect(pages2[2 * i]).toContain(n)
      expect(pages2[2 * i + 1]).toContain(n)
    })
    // The first package's two labels at the printer's 8 dots/mm: every barcode on them reads back.
    const [ozonPage, bagPage] = await pdfToPngs(pdf2, { dpi: 203, firstPage: 1, lastPage: 2, mono: true })
    expect((await decodeBarcodes(ozonPage!.png)).map((b) => b.text)).toContain(order[0])
    expect((await decodeBarcodes(bagPage!.png)).map((b) => `${b.format} ${b.text}`)).toContain(`CODE_128 ${order[0]}`)

    // Every Ozon label was asked for once: the second batch took them from the cache.
    const calls = (await sandbox(station, 'calls?path=/v3/posting/fbs/package-label/create')) as unknown[]
    expect(calls.length).toBeLessThanOrEqual(3) // 20 big + 5 small, in at most 3 tasks
  })
})
