// The sandbox's PDFs read back the way a person or a scanner would, through the project's poppler readers
// (pdf-readback): text, page sizes rounded to 0.1 mm, and every page's barcodes as zbarimg reports them. zbarimg
// is called directly rather than through barcode-decode, which also hunts DataMatrix in JS and needs seconds for
// an A4 act at 300 dpi; the Ozon documents carry linear codes only.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { pdfToPngs, pdfPageSizesMm as pageSizes } from './pdf-readback'

export { pdfText } from './pdf-readback'

const run = promisify(execFile)

/** Barcodes per page, decoded from a 300 dpi rendering: [['CODE-128:…', …], …]. */
export async function pdfBarcodes(pdf: Buffer): Promise<string[][]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ozon-pdf-'))
  try {
    const pages = await pdfToPngs(pdf, { dpi: 300, outDir: dir })
    return await Promise.all(
      pages.map(async (p) => {
        const { stdout } = await run('zbarimg', ['-q', p.path]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }))
        return stdout.split('\n').filter(Boolean)
      }),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Page sizes in millimetres, rounded to 0.1 mm. */
export async function pdfPageSizesMm(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const round = (mm: number) => Math.round(mm * 10) / 10
  return (await pageSizes(pdf)).map((p) => ({ width: round(p.widthMm), height: round(p.heightMm) }))
}
