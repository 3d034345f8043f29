// The pure rules of printing at the bench: what an auto-print still has to print, how a scanned label is judged,
// and the test label's layout (read back from the printer's dots).
import { describe, expect, it } from 'vitest'
import { bwipBarcodeEncoder, loadLabelFonts } from '../../../electron/labels'
import { bitmapToPng } from '../../../electron/printing/bitmap'
import { renderLayoutBitmap } from '../../../electron/printing/raster-layout'
import { isPlanFinished, isSentRequest, kindsOfChoice, newPart, outstanding, ozonStep, partState, type AutoPrintPlan } from '../../../shared/domain/auto-print'
import { judgeLabelScan, judgeResolvedScan, labelCodes, looksLikeOzonLabelCode } from '../../../shared/domain/label-check'
import { layoutTestLabel, testLabelCode } from '../../../shared/domain/printer-test-label'
import { Printer } from '../../../shared/domain/printers'
import { decodeBarcodes } from '../../support/barcode-decode'

describe('auto-print plan', () => {
  it('prints bag labels first, then Ozon\'s, per the bench choice', () => {
    expect(kindsOfChoice('both')).toEqual(['bag-label', 'ozon-label'])
    expect(kindsOfChoice('bag')).toEqual(['bag-label'])
    expect(kindsOfChoice('ozon')).toEqual(['ozon-label'])
  })

  it('prints the Ozon labels ready together, records refusals, waits for the rest', () => {
    const part = { ...newPart('ozon-label', ['A-1', 'A-2', 'A-3', 'A-4']), printed: ['A-1'] }
    const state: Record<string, { state: 'waiting' | 'ready' | 'failed'; reason?: string }> = {
      'A-2': { state: 'ready' },
      'A-3': { state: 'failed', reason: 'INVALID_POSTING_STATUS' },
      'A-4': { state: 'ready' },
    }
    expect(ozonStep(part, (n) => state[n])).toEqual({ print: ['A-2', 'A-4'], failed: [{ postingNumber: 'A-3', reason: 'INVALID_POSTING_STATUS' }], waiting: [] })
    // Unknown to the labels area (not tracked yet) counts as waiting; nothing happens while a send is under way.
    expect(ozonStep(newPart('ozon-label', ['B-1']), () => undefined)).toEqual({ print: [], failed: [], waiting: ['B-1'] })
    expect(ozonStep({ ...part, sending: { postingNumbers: ['A-2'], since: '2026-01-01T00:00:00Z' } }, (n) => state[n]).print).toEqual([])
    expect(ozonStep({ ...part, problem: 'no printer' }, (n) => state[n]).print).toEqual([])
  })

  it('knows when a part and a plan are done', () => {
    const part = newPart('bag-label', ['A-1', 'A-2'])
    expect([partState(part), outstanding(part)]).toEqual(['waiting', ['A-1', 'A-2']])
    expect(partState({ ...part, printed: ['A-1'], failed: [{ postingNumber: 'A-2', reason: 'x' }] })).toBe('failed')
    expect(partState({ ...part, printed: ['A-1', 'A-2'] })).toBe('printed')
    expect(partState({ ...part, problem: 'no printer' })).toBe('blocked')
    const plan = { parts: [{ ...part, printed: ['A-1', 'A-2'] }, newPart('ozon-label', ['A-1'])] } as AutoPrintPlan
    expect(isPlanFinished(plan)).toBe(false)
    expect(isPlanFinished({ ...plan, parts: [plan.parts[0]!] })).toBe(true)
  })

  it('recognises the job an interrupted send made: same kind, same postings, not older than the send', () => {
    const sending = { postingNumbers: ['A-2', 'A-1'], since: '2026-01-01T10:00:00.000Z' }
    const job = { kind: 'bag-label', postingNumbers: ['A-1', 'A-2'], createdAt: '2026-01-01T10:00:00.050Z' }
    expect(isSentRequest(sending, 'bag-label', job)).toBe(true)
    expect(isSentRequest(sending, 'ozon-label', job)).toBe(false)
    expect(isSentRequest(sending, 'bag-label', { ...job, postingNumbers: ['A-1'] })).toBe(false)
    expect(isSentRequest(sending, 'bag-label', { ...job, createdAt: '2026-01-01T09:59:59.000Z' })).toBe(false)
  })
})

describe('label check', () => {
  const labels = [
    { postingNumber: '111-0001-1', codes: ['111-0001-1'], confirmed: false },
    { postingNumber: '111-0001-2', codes: ['111-0001-2'], confirmed: true },
  ]

  it('matches the label by its code, ignoring spaces and case; a second scan is a repeat; anything else a mismatch', () => {
    expect(judgeLabelScan(labels, ' 111-0001-1 ')).toEqual({ verdict: 'match', postingNumber: '111-0001-1' })
    expect(judgeLabelScan(labels, '111-0001-2')).toEqual({ verdict: 'repeat', postingNumber: '111-0001-2' })
    expect(judgeLabelScan(labels, '111-0002-1')).toEqual({ verdict: 'mismatch', postingNumber: null })
    expect(judgeLabelScan(labels, '')).toEqual({ verdict: 'mismatch', postingNumber: null })
    const ozon = [{ postingNumber: '5-1', codes: labelCodes('ozon-label', '5-1', { upper: '%101%806044518', lower: '10000000123456' }), confirmed: false }]
    expect(judgeLabelScan(ozon, '%101%806044518').verdict).toBe('match')
    expect(judgeLabelScan(ozon, '5-1').verdict).toBe('mismatch')
  })

  it('a bag label carries the posting number; Ozon\'s its two barcodes (none known before a sync)', () => {
    expect(labelCodes('bag-label', '5-1', null)).toEqual(['5-1'])
    expect(labelCodes('ozon-label', '5-1', { upper: '%101%1', lower: '' })).toEqual(['%101%1'])
    expect(labelCodes('ozon-label', '5-1', null)).toEqual([])
    expect(judgeResolvedScan([{ postingNumber: '5-1', codes: [], confirmed: false }], '5-1')).toEqual({ verdict: 'match', postingNumber: '5-1' })
    expect(judgeResolvedScan([{ postingNumber: '5-1', codes: [], confirmed: false }], '6-1').verdict).toBe('mismatch')
    expect([looksLikeOzonLabelCode('%101%806044518'), looksLikeOzonLabelCode('10000000123456'), looksLikeOzonLabelCode('5-1')]).toEqual([true, true, false])
  })
})

describe('test label', () => {
  it('names printer, bench and time and carries a scannable barcode on whole dots, at 203 and 300 dpi', async () => {
    const fonts = await loadLabelFonts()
    const code = testLabelCode(new Date('2026-01-14T13:08:12Z'))
    expect(code).toBe('TEST130812')
    for (const [dpi, dots] of [
      [203, [464, 320]],
      [300, [696, 480]],
    ] as const) {
      const layout = layoutTestLabel(
        { heading: 'Тестовая печать', printerName: 'Xprinter XP-365B — стол упаковки номер два', bench: 'Стол: Стол 2', printedAt: '14.01.2026, 16:08:12', code },
        { size: { widthMm: 58, heightMm: 40 }, dpi, measureText: fonts.measureText, barcodes: bwipBarcodeEncoder },
      )
      const texts = layout.elements.filter((e) => e.kind === 'text')
      expect(texts.map((t) => t.text.replace('…', ''))).toEqual(['Тестовая печать', expect.stringMatching(/^Xprinter XP-365B/), 'Стол: Стол 2', '14.01.2026, 16:08:12', code])
      for (const t of texts) expect(t.xMm + t.widthMm).toBeLessThanOrEqual(58)
      const printer = Printer.parse({ id: 'p', name: 'P', driver: 'zpl', connection: 'tcp://127.0.0.1:9100', label: { widthMm: 58, heightMm: 40 }, dpi })
      const bitmap = renderLayoutBitmap(layout, printer)!
      expect([bitmap.width, bitmap.height]).toEqual(dots)
      expect(await decodeBarcodes(bitmapToPng(bitmap))).toContainEqual({ format: 'CODE_128', text: code })
    }
  })

  it('refuses stock too small for a scannable barcode, naming the size', async () => {
    const fonts = await loadLabelFonts()
    expect(() =>
      layoutTestLabel(
        { heading: 'Test', printerName: 'P', bench: 'B', printedAt: 'now', code: 'TEST000000' },
        { size: { widthMm: 20, heightMm: 12 }, dpi: 203, measureText: fonts.measureText, barcodes: bwipBarcodeEncoder },
      ),
    ).toThrow(/20×12 mm has no room for a scannable barcode/)
  })
})
