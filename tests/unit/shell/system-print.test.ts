// The desktop shell's system printing with only the `electron` module replaced (its binary cannot exist here):
// the label PDF becomes one page image per label at the printer's dots, laid on a page exactly the label's size,
// printed silently on the named device with the page size in microns and no margins; the window and the files are
// gone afterwards; a refusal comes back with the OS's reason.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { PNG } from 'pngjs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { decodeBarcodes } from '../../support/barcode-decode'
import { testLabelPdf } from '../../support/test-label-pdf'

interface Loaded {
  html: string
  images: Buffer[]
}
const windows: FakeWindow[] = []
let printAnswer: { success: boolean; reason: string } = { success: true, reason: '' }
let printers: unknown[] = []

class FakeWindow {
  destroyed = false
  loadedFile = ''
  loaded: Loaded | null = null
  printed: Record<string, unknown> | null = null
  webContents = {
    print: (options: Record<string, unknown>, cb: (success: boolean, reason: string) => void) => {
      this.printed = options
      setTimeout(() => cb(printAnswer.success, printAnswer.reason), 5)
    },
    getPrintersAsync: async () => printers,
  }
  constructor(readonly options: Record<string, unknown>) {
    windows.push(this)
  }
  async loadFile(file: string) {
    this.loadedFile = file
    // What the hidden window would show: the page and every image it refers to, read while they exist.
    const html = await readFile(file, 'utf8')
    const images = await Promise.all([...html.matchAll(/src="([^"]+)"/g)].map((m) => readFile(path.join(path.dirname(file), m[1]!))))
    this.loaded = { html, images }
  }
  isDestroyed() {
    return this.destroyed
  }
  destroy() {
    this.destroyed = true
  }
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed)
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }))

beforeEach(() => {
  windows.length = 0
  printAnswer = { success: true, reason: '' }
})

describe('system printing through webContents.print', () => {
  it('prints each label as a page of exactly its size, at the printer\'s dots, silently on the device, no margins', async () => {
    const { createSystemPrintShell } = await import('../../../electron/main/system-print')
    const shell = createSystemPrintShell()
    const pdf = await testLabelPdf([{ postingNumber: '41257303-0007-1' }, { postingNumber: '41257303-0007-2' }], { widthMm: 75, heightMm: 120 })
    await shell.printPdf(pdf, { deviceName: 'Xprinter XP-365B', widthMicrons: 75_000, heightMicrons: 120_000, title: 'Bag labels <1>', dpi: 203 })

    expect(windows).toHaveLength(1)
    const [win] = windows
    expect(win!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } })
    expect(win!.printed).toEqual({
      silent: true,
      deviceName: 'Xprinter XP-365B',
      printBackground: true,
      color: false,
      copies: 1,
      landscape: false,
      margins: { marginType: 'none' },
      pageSize: { width: 75_000, height: 120_000 },
      dpi: { horizontal: 203, vertical: 203 },
    })
    const { html, images } = win!.loaded!
    expect(html).toContain('@page{size:75mm 120mm;margin:0}')
    expect(html).toContain('<title>Bag labels &lt;1&gt;</title>')
    expect(images).toHaveLength(2)
    for (const [i, png] of images.entries()) {
      const { width, height } = PNG.sync.read(png)
      expect([width, height]).toEqual([600, 960]) // 75×120 mm at 8 dots/mm: one image dot = one head dot
      expect((await decodeBarcodes(png)).map((b) => b.text)).toContain(`41257303-0007-${i + 1}`)
    }
    // Nothing is left behind.
    expect(win!.destroyed).toBe(true)
    expect(existsSync(path.dirname(win!.loadedFile))).toBe(false)
  })

  it('a refused job rejects with the system\'s reason, and still cleans up', async () => {
    const { createSystemPrintShell } = await import('../../../electron/main/system-print')
    printAnswer = { success: false, reason: 'Invalid deviceName provided' }
    const shell = createSystemPrintShell({ renderPages: async () => [Buffer.from('not really a png')] })
    await expect(shell.printPdf(new Uint8Array([1]), { deviceName: 'Nope', widthMicrons: 58_000, heightMicrons: 40_000, title: 't', dpi: 300 })).rejects.toThrow(
      'Invalid deviceName provided',
    )
    expect(windows[0]!.printed).toMatchObject({ dpi: { horizontal: 300, vertical: 300 }, pageSize: { width: 58_000, height: 40_000 } })
    expect(windows[0]!.destroyed).toBe(true)
    expect(existsSync(path.dirname(windows[0]!.loadedFile))).toBe(false)
  })

  it('lists the system\'s printers with their state, from a hidden window when none is open', async () => {
    const { createSystemPrintShell } = await import('../../../electron/main/system-print')
    printers = [
      { name: 'Zebra_ZD421', displayName: 'Zebra ZD421', description: '', options: { 'printer-state': '3', 'is-default': 'true' } },
      { name: 'XP-365B', displayName: 'XP-365B', description: '', options: { 'printer-state': '5' } },
      { name: 'Old', displayName: 'Old', description: '', options: { 'printer-state': '3', 'printer-state-reasons': 'offline-report' } },
      { name: 'Win', displayName: 'Win', description: '', options: {} },
    ]
    expect(await createSystemPrintShell().listPrinters()).toEqual([
      { name: 'Zebra_ZD421', isDefault: true, status: 'idle' },
      { name: 'XP-365B', isDefault: false, status: 'stopped' },
      { name: 'Old', isDefault: false, status: 'offline' },
      { name: 'Win', isDefault: false, status: 'unknown' },
    ])
    expect(windows).toHaveLength(1)
    expect(windows[0]!.destroyed).toBe(true)
  })
})
