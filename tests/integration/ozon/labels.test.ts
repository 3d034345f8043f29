// Contract: labels from the sandbox — task not ready → ready → PDF downloaded from file_url and read back
// (text, Code 128 decoded from pixels, page size); the old sync method all-or-nothing; JSON file bodies.
import { afterEach, describe, expect, it } from 'vitest'
import type { OzonClient } from '../../../electron/ozon/index'
import { pdfBarcodes, pdfPageSizesMm, pdfText } from '../../support/ozon-pdf'
import { failure, startTestSandbox, type TestSandbox } from '../../support/ozon-sandbox'

let sb: TestSandbox | null = null
afterEach(async () => {
  await sb?.close()
  sb = null
})

function clockedClient(s: TestSandbox, extra: Parameters<TestSandbox['client']>[0] = {}): OzonClient {
  return s.client({ clock: { now: () => s.clock.t, sleep: async (ms) => s.clock.advance(ms) }, ...extra })
}

/** Packs `count` fresh single-item postings and returns their numbers. */
async function packed(s: TestSandbox, client: OzonClient, count: number): Promise<string[]> {
  const sku = s.control.account().catalog.find((p) => !p.requires_mark)!.sku
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const p = s.control.addPosting({ products: [{ sku, quantity: 1 }], integration: 'ozon' })
    await client.shipIdempotent(p.posting_number, [{ products: [{ sku, quantity: 1 }] }], { pollIntervalMs: 10 })
    out.push(p.posting_number)
  }
  return out
}

describe('label tasks', () => {
  it('goes from not ready to a downloaded PDF with one Code 128 label per posting', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, labelReadyDelayMs: 50_000, labelTaskDelayMs: 2000 })
    const client = clockedClient(sb)
    const numbers = await packed(sb, client, 2)

    // Right after packing Ozon has no labels yet: the task runs, then reports them unprinted.
    const [task] = (await client.createLabelTask(numbers)).filter((t) => t.task_type === 'big_label')
    expect((await client.getLabelTask(task!.task_id)).code).toBe('in_progress')
    sb.clock.advance(2000)
    const early = await client.getLabelTask(task!.task_id)
    expect(early).toMatchObject({ code: 'error', done: true, fileUrl: null })
    expect(early.unprinted.map((u) => u.message)).toEqual(["The next postings aren't ready", "The next postings aren't ready"])

    // ~50 s later the labels exist; fetchLabels polls the task and downloads the file.
    sb.clock.advance(50_000)
    const [batch] = await client.fetchLabels(numbers, { size: 'big', pollIntervalMs: 500 })
    expect(batch!.printed).toEqual(numbers)
    expect(batch!.unprinted).toEqual([])
    const pdf = batch!.pdf!
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(await pdfPageSizesMm(pdf)).toEqual([
      { width: 75, height: 120 },
      { width: 75, height: 120 },
    ])
    const text = await pdfText(pdf)
    for (const n of numbers) expect(text).toContain(n)
    expect(text).toContain('Номер отправления')
    const codes = await pdfBarcodes(pdf)
    const posting0 = sb.control.posting(numbers[0]!)!
    expect(codes[0]).toEqual(expect.arrayContaining([`CODE-128:${numbers[0]}`, `CODE-128:${posting0.barcodes.upper_barcode}`, `CODE-128:${posting0.barcodes.lower_barcode}`]))
    expect(codes[1]).toContain(`CODE-128:${numbers[1]}`)
  })

  it('small labels are 58×40 mm and scan to the posting number', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const numbers = await packed(sb, client, 1)
    const [batch] = await client.fetchLabels(numbers, { size: 'small', pollIntervalMs: 10 })
    expect(await pdfPageSizesMm(batch!.pdf!)).toEqual([{ width: 58, height: 40 }])
    expect((await pdfBarcodes(batch!.pdf!))[0]).toContain(`CODE-128:${numbers[0]}`)
  })

  it('reports postings that cannot have a label one by one, printing the others', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const numbers = await packed(sb, client, 1)
    const unpacked = sb.control.addPosting({ lines: 1 }).posting_number
    const [batch] = await client.fetchLabels([...numbers, unpacked, '00000000-0000-1'], { pollIntervalMs: 10 })
    expect(batch!.printed).toEqual(numbers)
    expect(batch!.unprinted).toEqual([
      { posting_number: unpacked, message: 'INVALID_POSTING_STATUS' },
      { posting_number: '00000000-0000-1', message: 'POSTING_NOT_FOUND' },
    ])
    expect((await pdfText(batch!.pdf!)).match(/\d{8}-\d{4}-\d+/g)!.filter((n) => n === numbers[0]).length).toBeGreaterThan(0)
  })

  it('splits more than 20 postings into batches', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const client = sb.client()
    const numbers = await packed(sb, client, 23)
    const batches = await client.fetchLabels(numbers, { pollIntervalMs: 10 })
    expect(batches.map((b) => b.printed.length)).toEqual([20, 3])
  })
})

describe('the old synchronous label method', () => {
  it('is all or nothing and answers raw PDF bytes', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, labelReadyDelayMs: 60_000 })
    const client = sb.client({ variants: { labels: 'sync' } })
    const numbers = await packed(sb, client, 2)
    const notYet = await failure(client.labelsSync(numbers))
    expect([notYet.kind, notYet.ozonMessage]).toEqual(['business', "The next postings aren't ready"])
    const [waiting] = await client.fetchLabels(numbers)
    expect(waiting!.pdf).toBeNull()
    expect(waiting!.unprinted).toHaveLength(2)
    sb.clock.advance(60_000)
    const pdf = await client.labelsSync(numbers)
    expect((await pdfBarcodes(pdf)).map((page) => page.includes(`CODE-128:${numbers[0]}`) || page.includes(`CODE-128:${numbers[1]}`))).toEqual([true, true])
    const unpacked = sb.control.addPosting({ lines: 1 }).posting_number
    await expect(client.labelsSync([numbers[0]!, unpacked])).rejects.toMatchObject({ kind: 'validation', ozonMessage: 'INVALID_ARGUMENT' })
  })

  it('the documented JSON {file_content} body is accepted too', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 }, variants: { binaryBodies: 'json' } })
    const client = sb.client()
    const numbers = await packed(sb, client, 1)
    const pdf = await client.labelsSync(numbers)
    expect((await pdfText(pdf))).toContain(numbers[0])
  })
})
