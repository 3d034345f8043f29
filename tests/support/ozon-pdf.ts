// Reading PDFs back the way a person or a scanner would: text with pdftotext, barcodes decoded with zbarimg from
// pixels rendered by pdftoppm, page sizes with pdfinfo (poppler-utils + zbar-tools).
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

async function withPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ozon-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    await writeFile(file, pdf)
    return await fn(file, dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function pdfText(pdf: Buffer): Promise<string> {
  return withPdf(pdf, async (file) => (await run('pdftotext', ['-layout', file, '-'])).stdout)
}

/** Barcodes per page, decoded from a 300 dpi rendering: [['CODE-128:…', …], …]. */
export function pdfBarcodes(pdf: Buffer): Promise<string[][]> {
  return withPdf(pdf, async (file, dir) => {
    await run('pdftoppm', ['-r', '300', '-png', file, path.join(dir, 'page')])
    const pages = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort()
    const out: string[][] = []
    for (const png of pages) {
      const { stdout } = await run('zbarimg', ['-q', path.join(dir, png)]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }))
      out.push(stdout.split('\n').filter(Boolean))
    }
    return out
  })
}

/** Page sizes in millimetres, rounded to 0.1 mm. */
export function pdfPageSizesMm(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  return withPdf(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '999', file])
    return [...stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
      width: Math.round((Number(m[1]) * 25.4 * 10) / 72) / 10,
      height: Math.round((Number(m[2]) * 25.4 * 10) / 72) / 10,
    }))
  })
}
