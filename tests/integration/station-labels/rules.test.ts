// The labels area's small rules, without a clock or a station: when Ozon is asked, which Ozon label size a bench's
// stock takes, how a landscape bag-label printer turns the layout, and which files count as whole PDFs.
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bagLabelSize, DEFAULT_STOCK, ozonSizeForStock, printersFileStock } from '../../../electron/station/labels/bench-stock'
import { looksLikePdf, OzonLabelFiles } from '../../../electron/station/labels/ozon-label-files'
import { firstAttemptAt, givenUp, nextAttemptAt, type LabelSchedule } from '../../../electron/station/labels/schedule'
import { tempDir } from '../../support/temp-dir'

const live: LabelSchedule = { readyAfterMs: 45_000, retryDelaysMs: [5_000, 10_000, 30_000], giveUpAfterMs: 30 * 60_000 }

describe('when Ozon is asked for a label', () => {
  it('first after the readiness window, then backing off to the last pause, which repeats', () => {
    expect(firstAttemptAt(1_000, live)).toBe(46_000)
    expect([1, 2, 3, 4, 9].map((n) => nextAttemptAt(n, 0, live))).toEqual([5_000, 10_000, 30_000, 30_000, 30_000])
    expect(nextAttemptAt(1, 0, { ...live, retryDelaysMs: [] })).toBe(5_000) // the defaults when none are given
  })
  it('gives up once the label is overdue by the give-up time, not before', () => {
    expect(givenUp(0, 30 * 60_000 - 1, live)).toBe(false)
    expect(givenUp(0, 30 * 60_000, live)).toBe(true)
  })
})

describe("the bench's stock", () => {
  it("takes Ozon's big label only on stock that holds 75×120 either way round", () => {
    expect(ozonSizeForStock({ widthMm: 75, heightMm: 120, dpi: 203, orientation: 'portrait' })).toBe('big')
    expect(ozonSizeForStock({ widthMm: 120, heightMm: 75, dpi: 203, orientation: 'portrait' })).toBe('big')
    expect(ozonSizeForStock({ widthMm: 100, heightMm: 150, dpi: 300, orientation: 'portrait' })).toBe('big')
    expect(ozonSizeForStock({ widthMm: 58, heightMm: 40, dpi: 203, orientation: 'portrait' })).toBe('small')
    expect(ozonSizeForStock({ widthMm: 58, heightMm: 100, dpi: 203, orientation: 'portrait' })).toBe('small')
    expect(ozonSizeForStock(null)).toBe('big')
  })
  it('lays a bag label out the way a landscape printer turns it', () => {
    expect(bagLabelSize({ widthMm: 40, heightMm: 58, dpi: 203, orientation: 'landscape' })).toEqual({ widthMm: 58, heightMm: 40 })
    expect(bagLabelSize(DEFAULT_STOCK['bag-label'])).toEqual({ widthMm: 58, heightMm: 40 })
  })
  it("reads the printers' stock from printers.json; no file means the demo printers, no printer for a purpose means none", async () => {
    const dir = await tempDir('labels-stock-')
    const stock = printersFileStock(dir)
    expect(await stock('bag-label')).toEqual(DEFAULT_STOCK['bag-label'])
    await writeFile(
      path.join(dir, 'printers.json'),
      JSON.stringify({ schemaVersion: 1, data: { printers: [{ id: 'z', name: 'Zebra', driver: 'zpl', connection: 'tcp://10.0.0.5:9100', label: { widthMm: 100, heightMm: 150 }, dpi: 300, purposes: ['bag-label'] }] } }),
    )
    expect(await stock('bag-label')).toEqual({ widthMm: 100, heightMm: 150, dpi: 300, orientation: 'portrait' })
    expect(await stock('ozon-label')).toBeNull()
  })
})

describe('the Ozon label cache on disk', () => {
  it('keeps whole PDFs by posting number, refuses names that are not posting numbers, drops torn files', async () => {
    const dir = await tempDir('labels-cache-')
    const files = new OzonLabelFiles(dir)
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
    await files.write('41257303-0007-1', pdf)
    expect(await files.read('41257303-0007-1')).toEqual(pdf)
    expect(() => files.fileOf('../../etc/passwd')).toThrow(/not an Ozon posting number/)
    // A file cut short (no %%EOF) is not a label: it is removed and reads as absent.
    await writeFile(files.fileOf('41257303-0007-2'), pdf.subarray(0, 20))
    expect(looksLikePdf(pdf.subarray(0, 20))).toBe(false)
    expect(await files.read('41257303-0007-2')).toBeNull()
    // Leftovers of an interrupted write are pruned; whole recent labels stay.
    await mkdir(files.dir, { recursive: true })
    await writeFile(path.join(files.dir, '41257303-0007-3.pdf.tmp-1-1'), 'half')
    expect(await files.prune(30, new Date())).toBe(1)
    expect(await readdir(files.dir)).toEqual(['41257303-0007-1.pdf'])
  })
})
