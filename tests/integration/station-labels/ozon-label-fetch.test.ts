// Ozon's labels fetched in the background after "Package the order", against the sandbox over loopback: labels
// Ozon has not made yet (the 45–60 s window, here on the sandbox's hand-moved clock), one posting Ozon refuses,
// Ozon unreachable for a while, and a station that stops in the middle — nothing asked twice, nothing lost.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import type { OzonLabelStatus } from '../../../shared/contract/labels'
import { StationError } from '../../../shared/errors'
import { pdfPageSizesMm, pdfText } from '../../support/pdf-readback'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { tempDir } from '../../support/temp-dir'
import { fiveLineOrder, packingSandbox, plainGoods } from '../packing/support'
import { cachedLabels, forever, labelAsks, openLabelsStation, packPosting } from './support'

const allIn = (state: OzonLabelStatus['state']) => (items: OzonLabelStatus[]) => items.every((i) => i.state === state)

describe("Ozon's labels in the background", () => {
  it('waits while Ozon says "not ready", asks again with backoff, and caches each label by posting once Ozon has it', async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 50_000 }) // Ozon's window, on the sandbox clock
    const dataDir = await tempDir('labels-')
    const station = await openLabelsStation(sb, dataDir)
    const order = fiveLineOrder(sb)

    const numbers = await packPosting(station, order.posting_number, 3)
    expect(numbers).toHaveLength(3)

    // Packing returned at once; the labels wait, and the station keeps asking (at least twice) while Ozon says no.
    const waiting = await station.until(numbers, (items) => items.every((i) => i.state === 'waiting' && i.attempts >= 2))
    for (const [i, item] of waiting.entries()) {
      expect(item).toMatchObject({ orderNumber: order.order_number, packageIndex: i + 1, packageCount: 3, size: 'big', readyAt: null })
      expect(item.reason).toEqual({ code: 'not_ready', message: "The next postings aren't ready" })
      expect(Date.parse(item.nextAttemptAt!)).toBeGreaterThan(Date.parse(item.since))
    }
    expect(await cachedLabels(dataDir)).toEqual([])
    const status = await station.call('labels.status', { postingNumbers: numbers })
    expect(status.items.map((i) => i.state)).toEqual(['waiting', 'waiting', 'waiting'])

    // Ozon's window passes: every label arrives, one file per posting.
    sb.clock.advance(60_000)
    const ready = await station.until(numbers, allIn('ready'))
    expect(ready.every((i) => i.readyAt && i.reason === null && i.nextAttemptAt === null)).toBe(true)
    expect(await cachedLabels(dataDir)).toEqual(numbers.map((n) => `${n}.pdf`).sort())
    for (const n of numbers) {
      const file = path.join(dataDir, 'labels', 'ozon', `${n}.pdf`)
      const sizes = await pdfPageSizesMm(file)
      expect(sizes).toHaveLength(1)
      expect([sizes[0]!.widthMm, sizes[0]!.heightMm].map((v) => Math.round(v * 10) / 10)).toEqual([75, 120])
      // The page is this posting's label and no other's.
      const text = await pdfText(file)
      expect(text).toContain(n)
      for (const other of numbers.filter((x) => x !== n)) expect(text).not.toContain(other)
    }
    // Asked together (one task per round), never once more after the labels were there.
    const asks = numbers.map((n) => labelAsks(sb, n))
    expect(new Set(asks).size).toBe(1)
    expect(asks[0]).toBeGreaterThanOrEqual(3)
    const before = Object.keys(sb.control.account().label_tasks).length
    await station.call('labels.retry', { postingNumbers: numbers })
    expect(Object.keys(sb.control.account().label_tasks).length).toBe(before)
  })

  it("one posting Ozon refuses comes back failed with Ozon's reason; the others are ready; retry after a fix works", async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 50_000 }) // no label yet: time to cancel one posting at Ozon first
    const dataDir = await tempDir('labels-')
    const station = await openLabelsStation(sb, dataDir)
    const order = fiveLineOrder(sb)
    const numbers = await packPosting(station, order.posting_number, 2)
    await station.until(numbers, (items) => items.every((i) => i.state === 'waiting' && i.attempts >= 1))
    sb.control.setStatus(numbers[1]!, { status: 'cancelled' })
    sb.clock.advance(60_000)

    const [good, bad] = await station.until(numbers, (items) => items.every((i) => i.state !== 'waiting'))
    expect(good!.state).toBe('ready')
    expect(bad).toMatchObject({ state: 'failed', reason: { code: 'INVALID_POSTING_STATUS', message: 'INVALID_POSTING_STATUS' }, nextAttemptAt: null })
    expect(await cachedLabels(dataDir)).toEqual([`${numbers[0]}.pdf`])

    // The preview and the batch say why that label is missing, in words.
    await expect(station.call('labels.ozonPreview', { postingNumber: bad!.postingNumber })).rejects.toThrow(/INVALID_POSTING_STATUS/)
    const batch = await station.call('labels.batch', { postingNumbers: numbers, choice: 'ozon', save: false })
    expect(batch.pages).toEqual([{ postingNumber: numbers[0], kind: 'ozon' }])
    expect(batch.missing).toEqual([{ postingNumber: numbers[1], kind: 'ozon', reason: expect.stringContaining('INVALID_POSTING_STATUS') }])

    // Ozon's side is put right (it was a mistake); "try again" brings the label.
    sb.control.setStatus(numbers[1]!, { status: 'awaiting_deliver' })
    const retried = await station.call('labels.retry', { postingNumbers: [numbers[1]!] })
    expect(retried.items[0]).toMatchObject({ postingNumber: numbers[1], state: 'ready' })
    expect(await cachedLabels(dataDir)).toEqual(numbers.map((n) => `${n}.pdf`).sort())
  })

  it('Ozon unreachable: the label waits with the reason, is asked again later, and arrives once Ozon answers', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('labels-')
    // Six 503s on the label task: the client's own retry (2 tries) gives up three times in a row.
    sb.control.injectFault({ kind: 'http5xx', status: 503, path: '/v3/posting/fbs/package-label/create', times: 6 })
    const station = await openLabelsStation(sb, dataDir)
    const order = oneItemOrder(sb)
    const [n] = await packPosting(station, order.posting_number)

    const [waiting] = await station.until([n!], ([i]) => i!.state === 'waiting' && i!.attempts >= 2)
    expect(waiting!.reason!.code).toBe('server')
    expect(waiting!.reason!.message.length).toBeGreaterThan(10)
    const [ready] = await station.until([n!], allIn('ready'))
    expect(ready!.attempts).toBeGreaterThanOrEqual(4)
  })

  it('gives a label up as failed when Ozon never makes it within the window, and says so', async () => {
    const sb = await packingSandbox()
    sb.control.setTimings({ labelReadyDelayMs: 3_600_000 })
    const station = await openLabelsStation(sb, await tempDir('labels-'), { labels: { fetcher: { schedule: { readyAfterMs: 0, retryDelaysMs: [20], giveUpAfterMs: 200 }, pollIntervalMs: 10 } } })
    const order = oneItemOrder(sb)
    const [n] = await packPosting(station, order.posting_number)
    const [failed] = await station.until([n!], allIn('failed'))
    expect(failed!.reason!.code).toBe('gave_up')
    expect(failed!.reason!.message).toContain("The next postings aren't ready")
  })

  it('stopped after the labels were saved but before they were noted: the restart adopts the files and asks Ozon nothing', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('labels-')
    let stopAt: string[] = []
    const first = await openLabelsStation(sb, dataDir, {
      labels: {
        fetcher: {
          schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 },
          pollIntervalMs: 10,
          checkpoint: (step, numbers) => {
            if (step !== 'stored') return Promise.resolve()
            stopAt = numbers
            return forever()
          },
        },
      },
    })
    const numbers = await packPosting(first, fiveLineOrder(sb).posting_number, 3)
    await waitFor(() => stopAt.length === 3)
    first.crash()
    expect(await cachedLabels(dataDir)).toEqual(numbers.map((n) => `${n}.pdf`).sort())
    const noted = JSON.parse(await readFile(path.join(dataDir, 'labels.json'), 'utf8')) as { data: { records: Record<string, { state: string }> } }
    expect(Object.values(noted.data.records).map((r) => r.state)).toEqual(['waiting', 'waiting', 'waiting'])

    const again = await openLabelsStation(sb, dataDir)
    const status = await again.call('labels.status', { postingNumbers: numbers })
    expect(status.items.map((i) => i.state)).toEqual(['ready', 'ready', 'ready'])
    for (const n of numbers) expect(labelAsks(sb, n)).toBe(1)
    const batch = await again.call('labels.batch', { postingNumbers: numbers, choice: 'ozon', save: false })
    expect(batch.pages.map((p) => p.postingNumber)).toEqual(numbers)
    for (const n of numbers) expect(labelAsks(sb, n)).toBe(1)
  })

  it('stopped with the labels downloaded but not saved: the restart asks again and loses nothing', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('labels-')
    let stopped = false
    const first = await openLabelsStation(sb, dataDir, {
      labels: { fetcher: { schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10, checkpoint: (step) => (step === 'fetched' ? ((stopped = true), forever()) : Promise.resolve()) } },
    })
    const numbers = await packPosting(first, fiveLineOrder(sb).posting_number, 2)
    await waitFor(() => stopped)
    first.crash()
    expect(await cachedLabels(dataDir)).toEqual([])

    const again = await openLabelsStation(sb, dataDir)
    await again.until(numbers, allIn('ready'))
    expect(await cachedLabels(dataDir)).toEqual(numbers.map((n) => `${n}.pdf`).sort())
    for (const n of numbers) expect(labelAsks(sb, n)).toBe(2)
  })

  it('stopped right after packing, before the labels were noted: found in the ship journal at start and fetched', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('labels-')
    const packingOnly = await openLabelsStation(sb, dataDir, { labels: false })
    const numbers = await packPosting(packingOnly, fiveLineOrder(sb).posting_number, 2)
    await packingOnly.close()

    const station = await openLabelsStation(sb, dataDir)
    const items = await station.until(numbers, allIn('ready'))
    expect(items.map((i) => [i.packageIndex, i.packageCount])).toEqual([
      [1, 2],
      [2, 2],
    ])
    for (const n of numbers) expect(labelAsks(sb, n)).toBe(1)
  })

  it.each([
    ['a file that only starts like a PDF', async () => new TextEncoder().encode('%PDF-1.7\nnot a label at all\n%%EOF\n')],
    ['a PDF without pages', async () => (await PDFDocument.create()).save({ addDefaultPage: false })],
  ])('Ozon sends %s: the labels wait and are asked again at the backoff pace, and arrive once Ozon sends them whole', async (_, broken) => {
    const sb = await packingSandbox()
    const proxy = await labelFileProxy(sb)
    proxy.spoilWith = await broken()
    const dataDir = await tempDir('labels-')
    const station = await openLabelsStation(proxy.sandbox, dataDir, { labels: { fetcher: { schedule: { readyAfterMs: 0, retryDelaysMs: [50], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10 } } })
    const numbers = await packPosting(station, fiveLineOrder(sb).posting_number, 2)

    // Asked together, then one by one (pages that cannot be read cannot be told apart), each round noted.
    const waiting = await station.until(numbers, (items) => items.every((i) => i.attempts >= 2))
    for (const item of waiting) expect(item).toMatchObject({ state: 'waiting', reason: { code: 'malformed' } })
    for (const n of numbers) expect(labelAsks(sb, n)).toBeLessThanOrEqual(2 * 3) // two tasks a round (together, then alone); a third may have begun
    expect(await cachedLabels(dataDir)).toEqual([])

    proxy.spoilWith = null
    await station.until(numbers, allIn('ready'))
    expect(await cachedLabels(dataDir)).toEqual(numbers.map((n) => `${n}.pdf`).sort())
  })

  it('refuses unknown postings and bad numbers with the field named', async () => {
    const sb = await packingSandbox()
    const station = await openLabelsStation(sb, await tempDir('labels-'))
    const err = await station.call('labels.layout', { postingNumber: '99999999-0001-1' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StationError)
    expect((err as StationError).code).toBe('not_found')
    expect((err as StationError).message).toContain('99999999-0001-1')
    const empty = await station.call('labels.batch', { postingNumbers: [] }).catch((e: unknown) => e)
    expect((empty as StationError).code).toBe('invalid_args')
    expect((empty as StationError).field).toBe('postingNumbers')
  })
})

/** A one-item order for Ozon logistics, of goods without marking codes. */
function oneItemOrder(sb: Parameters<typeof plainGoods>[0]) {
  return sb.control.addPosting({ integration: 'ozon', products: [{ sku: plainGoods(sb, 1)[0]!.sku, quantity: 1 }] })
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5))
}

/**
 * The sandbox behind a loopback proxy that passes everything on (the sandbox names its file links by the Host it is
 * asked at, so they lead back here) — except Ozon's label files while `spoilWith` is set: those bytes instead.
 */
async function labelFileProxy(sb: TestSandbox): Promise<{ sandbox: TestSandbox; spoilWith: Uint8Array | null }> {
  const proxy = { sandbox: sb, spoilWith: null as Uint8Array | null }
  const upstream = new URL(sb.url)
  const server = http.createServer((req, res) => {
    if (proxy.spoilWith && req.url?.startsWith('/files/labels/')) {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': proxy.spoilWith.byteLength }).end(proxy.spoilWith)
      return
    }
    const forward = http.request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  afterEach(() => {
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as { port: number }
  proxy.sandbox = { ...sb, url: `http://127.0.0.1:${port}` }
  return proxy
}
