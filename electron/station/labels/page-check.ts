// Which posting is on which page of Ozon's label PDF. Ozon answers a task for several postings with one PDF and
// does not say which page belongs to which posting; putting a label on the wrong bag sends it to the wrong buyer.
// So a multi-posting PDF is split by page order only when each page's own text names the posting expected there;
// otherwise the caller asks for those labels one posting at a time.
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs'

type PdfJs = typeof PdfJsModule
let pdfjs: Promise<PdfJs> | undefined
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'))

/** The text of every page, with whitespace removed (a number drawn in pieces still reads whole). */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const lib = await loadPdfJs()
  // pdfjs detaches the buffer it is given: hand it a copy so the caller's bytes stay usable.
  const doc = await lib.getDocument({ data: pdf.slice(), isEvalSupported: false, verbosity: 0 }).promise
  try {
    const out: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      out.push(content.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, ''))
      page.cleanup()
    }
    return out
  } finally {
    await doc.destroy()
  }
}

/**
 * True when the PDF has exactly one page per expected posting and page i names posting i (and no other of them —
 * "…-1" is a prefix of "…-10", so the longest matching number decides).
 */
export async function pagesInOrder(pdf: Uint8Array, postingNumbers: string[]): Promise<boolean> {
  const texts = await pageTexts(pdf)
  if (texts.length !== postingNumbers.length) return false
  return texts.every((text, i) => {
    const named = postingNumbers.filter((n) => text.includes(n)).sort((a, b) => b.length - a.length)
    return named[0] === postingNumbers[i]
  })
}
