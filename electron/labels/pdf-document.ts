// The one module that knows pdf-lib: label pages at exact mm sizes, black rectangles, text runs in the embedded
// label fonts, and merging finished PDFs. Swapping pdf-lib for its maintained fork (@cantoo/pdf-lib) touches only
// this file. Coordinates in and out are label mm with the origin top-left; PDF points (origin bottom-left) stay here.
import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFName, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { BarRect } from '../../shared/domain/label-layout'
import type { FontFace, LabelFonts } from './fonts'

const PT_PER_MM = 72 / 25.4
/**
 * pdf-lib yields to the event loop every N objects while saving (labels are small: don't), and by default packs
 * objects into compressed object streams — one more deflate per PDF that costs more time than its bytes save.
 */
const SAVE_OPTIONS = { objectsPerTick: Number.POSITIVE_INFINITY, useObjectStreams: false }

export interface LabelPdfPage {
  /** Fills every rectangle black in one path (bars, modules, rules, badges). */
  fillRects(rects: BarRect[]): void
  /** Draws one run of text in one face with its baseline at `baselineMm`. */
  drawRun(text: string, face: FontFace, xMm: number, baselineMm: number, fontSizePt: number, color: 'black' | 'white'): void
}

export interface LabelPdfWriter {
  addPage(widthMm: number, heightMm: number): LabelPdfPage
  save(): Promise<Uint8Array>
}

/**
 * A new PDF for labels. `faces` are the fonts its text needs (the CJK font is embedded only when used). Fonts are
 * embedded as subsets — checked with pdftotext in tests/integration/labels — so a label PDF stays a few kB.
 */
export async function createLabelPdf(fonts: LabelFonts, faces: Iterable<FontFace>, title = 'Bag labels'): Promise<LabelPdfWriter> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fonts.fontkitForPdf)
  doc.setTitle(title)
  doc.setCreator('Ozon station')
  doc.setProducer('Ozon station (pdf-lib)')
  const embedded = new Map<FontFace, PDFFont>()
  for (const face of new Set(faces)) {
    embedded.set(face, await doc.embedFont(fonts.bytes[face], { subset: true }))
  }
  return {
    addPage(widthMm, heightMm) {
      return labelPage(doc, doc.addPage([widthMm * PT_PER_MM, heightMm * PT_PER_MM]), heightMm, embedded)
    },
    save: () => doc.save(SAVE_OPTIONS),
  }
}

/** Points rounded to 1/1000 pt (0.35 µm): shorter content streams, nothing a printer could show. */
const pt = (mm: number) => Math.round(mm * PT_PER_MM * 1000) / 1000

function labelPage(doc: PDFDocument, page: PDFPage, heightMm: number, fonts: Map<FontFace, PDFFont>): LabelPdfPage {
  const x = pt
  const y = (mm: number) => pt(heightMm - mm) // label y grows down, PDF y grows up
  return {
    // The bars of a batch are tens of thousands of rectangles: written as one content stream of our own (numbers
    // already rounded, compressed by Node's native zlib) instead of pdf-lib operators, whose number formatting and
    // JavaScript deflate were the largest cost of a 200-label batch. It must come before the page's text stream,
    // so the badge's white text stays on top: callers fill first, then draw text (pdf-lib adds its stream then).
    fillRects(rects) {
      if (rects.length === 0) return
      let ops = 'q 0 g\n'
      for (const r of rects) ops += `${x(r.xMm)} ${y(r.yMm + r.hMm)} ${pt(r.wMm)} ${pt(r.hMm)} re\n`
      ops += 'f Q\n'
      const stream = doc.context.stream(deflateSync(ops), { Filter: PDFName.of('FlateDecode') })
      page.node.addContentStream(doc.context.register(stream))
    },
    drawRun(text, face, xMm, baselineMm, fontSizePt, color) {
      const font = fonts.get(face)
      if (!font) throw new Error(`label PDF: font face "${face}" was not embedded`)
      page.drawText(text, { x: x(xMm), y: y(baselineMm), size: fontSizePt, font, color: color === 'white' ? rgb(1, 1, 1) : rgb(0, 0, 0) })
    },
  }
}

/**
 * One PDF with every page of `pdfs`, in the given order (e.g. Ozon's label PDFs and the station's bag labels as
 * one print job). A PDF that cannot be read is reported by its position in the list.
 */
export async function mergePdfs(pdfs: Uint8Array[]): Promise<Uint8Array> {
  return (await assemblePdf(pdfs, pdfs.map((_, source) => ({ source })))).pdf
}

/** Pages of one of several PDFs, as picked for an assembled PDF: one page (0-based), or all of them. */
export interface PagePick {
  source: number
  /** Left out: every page the source has, however many that is. */
  page?: number
}

export interface AssembledPdf {
  pdf: Uint8Array
  /** How many pages each pick put in, in the order of the picks. */
  pageCounts: number[]
}

/**
 * One PDF made of pages picked from several PDFs, in the order of `picks` (e.g. per package: Ozon's label, then the
 * bag label). Each source is read once and all its picks copied in one go, so fonts a source's pages share are
 * copied once — and a whole source is picked without reading it beforehand to count its pages.
 */
export async function assemblePdf(sources: Uint8Array[], picks: PagePick[]): Promise<AssembledPdf> {
  const out = await PDFDocument.create()
  out.setCreator('Ozon station')
  const picksOf = new Map<number, number[]>() // source → the picks (by index) that take pages from it
  picks.forEach((p, i) => {
    const list = picksOf.get(p.source)
    if (list) list.push(i)
    else picksOf.set(p.source, [i])
  })
  const pagesOf: PDFPage[][] = picks.map(() => []) // per pick, its copied pages
  for (const [i, pickIds] of picksOf) {
    const bytes = sources[i]
    if (!bytes) throw new Error(`PDF ${i + 1} of ${sources.length} was not given`)
    const source = await loadSource(bytes, i, sources.length)
    const wanted = pickIds.map((id) => {
      const n = picks[id]!.page
      if (n === undefined) return source.getPageIndices()
      if (!Number.isInteger(n) || n < 0 || n >= source.getPageCount()) {
        throw new Error(`PDF ${i + 1} of ${sources.length} has ${source.getPageCount()} page(s); page ${n + 1} does not exist`)
      }
      return [n]
    })
    // A page picked twice is copied twice; resources the pages share, once.
    const copied = await out.copyPages(source, wanted.flat())
    let at = 0
    pickIds.forEach((id, k) => {
      pagesOf[id] = copied.slice(at, (at += wanted[k]!.length))
    })
  }
  for (const pages of pagesOf) for (const page of pages) out.addPage(page)
  return { pdf: await out.save(SAVE_OPTIONS), pageCounts: pagesOf.map((pages) => pages.length) }
}

/** Every page of a PDF as a PDF of its own (a multi-label PDF from Ozon → one file per posting). */
export async function splitPdf(bytes: Uint8Array): Promise<Uint8Array[]> {
  const source = await loadSource(bytes, 0, 1)
  const out: Uint8Array[] = []
  for (const n of source.getPageIndices()) {
    const single = await PDFDocument.create()
    single.setCreator('Ozon station')
    const [page] = await single.copyPages(source, [n])
    single.addPage(page!)
    out.push(await single.save(SAVE_OPTIONS))
  }
  return out
}

/** Number of pages, or an error saying the file is not a readable PDF. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  return (await loadSource(bytes, 0, 1)).getPageCount()
}

async function loadSource(bytes: Uint8Array, i: number, total: number): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false })
  } catch (err) {
    throw new Error(`PDF ${i + 1} of ${total} cannot be read (${(err as Error).message}); fetch or render that label again.`)
  }
}
