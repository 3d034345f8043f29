// Windows (and any OS) system printers from the desktop app: the core's SystemPrintShell over Electron's
// webContents.print. Electron's PDF viewer cannot be printed with webContents.print (electron/electron#27383,
// #30947: blank pages), so each label page is drawn at the printer's own dots (1-bit, no resampling — the same
// rasteriser raw printers use), laid into a page exactly the label's size in a hidden window, and printed silently
// on the named device with the page size in microns and no margins (a label shrunk onto A4 is the classic failure).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { BrowserWindow, type PrinterInfo, type WebContents, type WebContentsPrintOptions } from 'electron'
import { previewPngs, type SystemPrintShell } from '../printing'

type PrinterState = Awaited<ReturnType<SystemPrintShell['listPrinters']>>[number]['status']

export interface SystemPrintDeps {
  /** The label pages as PNGs at the printer's dots (default: the core's rasteriser). */
  renderPages?: (pdf: Uint8Array, page: { widthMm: number; heightMm: number; dpi: 203 | 300 }) => Promise<Buffer[]>
  /** How long the OS may take to accept the job before it counts as refused. */
  timeoutMs?: number
}

const renderWithCore: NonNullable<SystemPrintDeps['renderPages']> = (pdf, page) =>
  previewPngs(pdf, { label: { widthMm: page.widthMm, heightMm: page.heightMm, gapMm: 0 }, dpi: page.dpi, orientation: 'portrait' })

/** A window nobody sees, with nothing it could do: no scripts, no Node, sandboxed. */
function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  })
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** The print page: one image per label, each exactly the label's size, one per sheet. */
export function labelPageHtml(title: string, pages: number, widthMm: number, heightMm: number): string {
  const size = `${widthMm}mm ${heightMm}mm`
  const images = Array.from({ length: pages }, (_, i) => `<img src="page-${i + 1}.png" alt="">`).join('')
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src file:; style-src 'unsafe-inline'">` +
    `<style>@page{size:${size};margin:0}html,body{margin:0;padding:0}` +
    `img{display:block;width:${widthMm}mm;height:${heightMm}mm;break-after:page;image-rendering:pixelated}img:last-child{break-after:auto}</style>` +
    `</head><body>${images}</body></html>`
  )
}

/** What the OS says about a printer, in the core's words (CUPS `printer-state`: 3 idle, 4 printing, 5 stopped). */
export function printerState(p: PrinterInfo): PrinterState {
  const options = (p.options ?? {}) as Record<string, string | undefined>
  if (/offline/i.test(options['printer-state-reasons'] ?? '')) return 'offline'
  const state = options['printer-state'] ?? String((p as unknown as { status?: number }).status ?? '')
  return state === '3' ? 'idle' : state === '4' ? 'printing' : state === '5' ? 'stopped' : 'unknown'
}

export function createSystemPrintShell(deps: SystemPrintDeps = {}): SystemPrintShell {
  const renderPages = deps.renderPages ?? renderWithCore
  const timeoutMs = deps.timeoutMs ?? 60_000
  return {
    async printPdf(pdf, opts) {
      const widthMm = opts.widthMicrons / 1000
      const heightMm = opts.heightMicrons / 1000
      const dpi = opts.dpi ?? 203
      const pngs = await renderPages(pdf, { widthMm, heightMm, dpi })
      const dir = await mkdtemp(path.join(os.tmpdir(), 'station-print-'))
      const win = hiddenWindow()
      try {
        await Promise.all(pngs.map((png, i) => writeFile(path.join(dir, `page-${i + 1}.png`), png)))
        const html = path.join(dir, 'labels.html')
        await writeFile(html, labelPageHtml(opts.title, pngs.length, widthMm, heightMm))
        await win.loadFile(html)
        const options: WebContentsPrintOptions = {
          silent: true,
          deviceName: opts.deviceName,
          printBackground: true,
          color: false,
          copies: 1,
          landscape: false,
          margins: { marginType: 'none' },
          pageSize: { width: opts.widthMicrons, height: opts.heightMicrons },
          dpi: { horizontal: dpi, vertical: dpi },
        }
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the system did not take the job within ${timeoutMs / 1000} s`)), timeoutMs)
          win.webContents.print(options, (success, failureReason) => {
            clearTimeout(timer)
            if (success) resolve()
            else reject(new Error(failureReason || 'the system refused the print job'))
          })
        })
      } finally {
        win.destroy()
        await rm(dir, { recursive: true, force: true })
      }
    },

    async listPrinters() {
      // Any web contents can list the printers; a hidden window when the app has none open.
      const open = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed())
      const temporary = open ? null : hiddenWindow()
      try {
        const contents: WebContents = (open ?? temporary!).webContents
        const printers = await contents.getPrintersAsync()
        return printers.map((p) => ({
          name: p.name,
          isDefault: Boolean((p as unknown as { isDefault?: boolean }).isDefault ?? (p.options as Record<string, string> | undefined)?.['is-default'] === 'true'),
          status: printerState(p),
        }))
      } finally {
        temporary?.destroy()
      }
    },
  }
}
