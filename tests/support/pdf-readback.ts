// Reads a PDF back the way a person or a printer would see it, with poppler's own tools (independent of the
// pdf-lib that wrote it): page sizes in mm (pdfinfo), text (pdftotext -layout) and pages as PNG (pdftoppm).
// Every function takes the PDF as bytes or as a file path. Needs Debian's poppler-utils on PATH.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A PDF as bytes (what a renderer returns) or as a path to a file on disk. */
export type PdfSource = Uint8Array | string

export interface PageSize {
  /** 1-based page number. */
  page: number
  widthMm: number
  heightMm: number
  /** Page rotation in degrees (0, 90, 180, 270) as the viewer applies it. */
  rotation: number
}

const MM_PER_POINT = 25.4 / 72

/** Runs `use` with a file the poppler tools can read: the path as is, or bytes in a temp file removed afterwards. */
async function withFile<T>(pdf: PdfSource, use: (file: string) => Promise<T>): Promise<T> {
  if (typeof pdf === 'string') return use(pdf)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pdf-readback-'))
  try {
    const file = path.join(dir, 'input.pdf')
    await writeFile(file, pdf)
    return await use(file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Size of every page in mm as pdfinfo reports it (media box, before rotation). */
export async function pdfPageSizesMm(pdf: PdfSource): Promise<PageSize[]> {
  const { stdout } = await withFile(pdf, (file) =>
    run('pdfinfo', ['-f', '1', '-l', '1000000', file], { maxBuffer: 64 * 1024 * 1024 }),
  )
  const sizes = new Map<number, PageSize>()
  for (const line of stdout.split('\n')) {
    const size = /^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/.exec(line)
    if (size) {
      const page = Number(size[1])
      sizes.set(page, {
        page,
        widthMm: Number(size[2]) * MM_PER_POINT,
        heightMm: Number(size[3]) * MM_PER_POINT,
        rotation: sizes.get(page)?.rotation ?? 0,
      })
    }
    const rot = /^Page\s+(\d+) rot:\s+(\d+)/.exec(line)
    if (rot) {
      const page = Number(rot[1])
      const known = sizes.get(page)
      if (known) known.rotation = Number(rot[2])
    }
  }
  return [...sizes.values()].sort((a, b) => a.page - b.page)
}

/** Number of pages (from pdfinfo). */
export async function pdfPageCount(pdf: PdfSource): Promise<number> {
  const { stdout } = await withFile(pdf, (file) => run('pdfinfo', [file]))
  const m = /^Pages:\s+(\d+)/m.exec(stdout)
  if (!m) throw new Error(`pdfinfo printed no page count:\n${stdout}`)
  return Number(m[1])
}

/**
 * The text pdftotext extracts (UTF-8). `mode`: 'layout' (default, `-layout`: lines roughly where they are on the
 * page), 'raw' (`-raw`: in the order the PDF draws it — best to find one drawn line whole, even in columns) or
 * 'reading' (poppler's reading order). `page` limits it to one 1-based page; pages are separated by form feeds.
 */
export async function pdfText(pdf: PdfSource, opts: { page?: number; mode?: 'layout' | 'raw' | 'reading' } = {}): Promise<string> {
  const args = ['-enc', 'UTF-8']
  const mode = opts.mode ?? 'layout'
  if (mode !== 'reading') args.push(`-${mode}`)
  if (opts.page !== undefined) args.push('-f', String(opts.page), '-l', String(opts.page))
  const { stdout } = await withFile(pdf, (file) =>
    run('pdftotext', [...args, file, '-'], { maxBuffer: 64 * 1024 * 1024 }),
  )
  return stdout
}

export interface RenderedPage {
  /** 1-based page number. */
  page: number
  /** Where the PNG was written. */
  path: string
  png: Buffer
}

/**
 * Renders pages to PNG at `dpi` (203 = a thermal printer's 8 dots/mm) with pdftoppm.
 * `mono` renders 1-bit black/white like a thermal head instead of anti-aliased grey.
 * PNGs land in `outDir` (a new temp dir by default).
 */
export async function pdfToPngs(
  pdf: PdfSource,
  opts: { dpi: number; firstPage?: number; lastPage?: number; mono?: boolean; outDir?: string },
): Promise<RenderedPage[]> {
  const outDir = opts.outDir ?? (await mkdtemp(path.join(os.tmpdir(), 'pdf-pages-')))
  const args = ['-r', String(opts.dpi), '-png']
  if (opts.mono) args.push('-mono')
  if (opts.firstPage !== undefined) args.push('-f', String(opts.firstPage))
  if (opts.lastPage !== undefined) args.push('-l', String(opts.lastPage))
  const prefix = path.join(outDir, 'page')
  await withFile(pdf, (file) => run('pdftoppm', [...args, file, prefix], { maxBuffer: 64 * 1024 * 1024 }))
  // pdftoppm names pages page-1.png or page-01.png / page-001.png depending on the page count.
  const names = (await readdir(outDir)).filter((n) => /^page-\d+\.png$/.test(n))
  const pages = names.map((n) => ({ page: Number(/(\d+)\.png$/.exec(n)![1]), path: path.join(outDir, n) }))
  pages.sort((a, b) => a.page - b.page)
  return Promise.all(pages.map(async (p) => ({ ...p, png: await readFile(p.path) })))
}
