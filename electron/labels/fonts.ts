// The label fonts shipped in resources/fonts: loaded and parsed once per process, measured per code point.
// DejaVu Sans (regular, bold) carries Latin and Cyrillic; Droid Sans Fallback carries CJK. A line is split into
// runs by which font has each character, so the layout's measurement and the PDF's drawing agree exactly.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit'
import type { MeasureText } from '../../shared/domain/label-layout'
import { padTrueTypeGlyphs } from './ttf-glyph-padding'

export type FontFace = 'regular' | 'bold' | 'cjk'

const FILES: Record<FontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  cjk: 'DroidSansFallback.ttf',
}

export interface TextRun {
  text: string
  face: FontFace
}

export interface LabelFonts {
  /** Where the TTF files were read from. */
  dir: string
  /** The TTF bytes; the same objects every time, so `fontkitForPdf` can hand back the parsed font. */
  bytes: Record<FontFace, Uint8Array>
  /** Width in mm, as the PDF renderer will draw it (per-run faces, no kerning, no ligatures). */
  measureText: MeasureText
  /** The text cut into runs of one face each: DejaVu where it has the glyph, Droid Sans Fallback otherwise. */
  runs(text: string, bold: boolean): TextRun[]
  /**
   * A fontkit for pdf-lib's registerFontkit that hands out these parsed fonts (no parsing megabytes per PDF),
   * laid out character by character (see `cmapOnly`).
   */
  fontkitForPdf: { create(data: Uint8Array): Font }
}

/** resources/fonts of this checkout; a packaged app passes its own resources path to loadLabelFonts. */
export function defaultFontsDir(): string {
  // Not `new URL(rel, import.meta.url)`: Vite rewrites that pattern into an asset URL when this module runs under a
  // browser-like test environment (the renderer's tests render screens against a real station).
  return path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'fonts'), path.sep)
}

const loaded = new Map<string, Promise<LabelFonts>>()

/** Loads (once per directory and process) the label fonts. */
export function loadLabelFonts(dir: string = defaultFontsDir()): Promise<LabelFonts> {
  const key = path.resolve(dir)
  let fonts = loaded.get(key)
  if (!fonts) {
    fonts = readFonts(key)
    loaded.set(key, fonts)
    fonts.catch(() => loaded.delete(key)) // a missing file may be fixed; do not cache the failure
  }
  return fonts
}

async function readFonts(dir: string): Promise<LabelFonts> {
  const bytes = {} as Record<FontFace, Uint8Array>
  const parsed = {} as Record<FontFace, Font>
  for (const face of Object.keys(FILES) as FontFace[]) {
    const file = path.join(dir, FILES[face])
    let data: Uint8Array
    try {
      data = new Uint8Array(await readFile(file))
    } catch (err) {
      throw new Error(`Label font ${file} cannot be read (${(err as Error).message}); the station's resources/fonts folder is incomplete — reinstall the station.`)
    }
    // Padded so pdf-lib's subsetting keeps every glyph (see ttf-glyph-padding.ts); outlines are unchanged.
    bytes[face] = padTrueTypeGlyphs(data)
    parsed[face] = fontkit.create(bytes[face])
  }

  // Advance widths in em, per face and code point: measuring a line is a sum of lookups.
  const advances: Record<FontFace, Map<number, number>> = { regular: new Map(), bold: new Map(), cjk: new Map() }
  const advance = (face: FontFace, cp: number): number => {
    let em = advances[face].get(cp)
    if (em === undefined) {
      const font = parsed[face]
      em = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm
      advances[face].set(cp, em)
    }
    return em
  }
  const faceOf = (cp: number, bold: boolean): FontFace => {
    const latin: FontFace = bold ? 'bold' : 'regular'
    // Characters neither font has are drawn (as the "missing glyph" box) in DejaVu, visibly, never dropped.
    return parsed[latin].hasGlyphForCodePoint(cp) || !parsed.cjk.hasGlyphForCodePoint(cp) ? latin : 'cjk'
  }
  const faceCache = new Map<number, FontFace>() // key: cp * 2 + bold
  const cachedFace = (cp: number, bold: boolean): FontFace => {
    const key = cp * 2 + (bold ? 1 : 0)
    let face = faceCache.get(key)
    if (!face) {
      face = faceOf(cp, bold)
      faceCache.set(key, face)
    }
    return face
  }

  const runs = (text: string, bold: boolean): TextRun[] => {
    const out: TextRun[] = []
    for (const ch of text) {
      const face = cachedFace(ch.codePointAt(0)!, bold)
      const last = out[out.length - 1]
      if (last && last.face === face) last.text += ch
      else out.push({ text: ch, face })
    }
    return out
  }

  const measureText: MeasureText = (text, fontSizePt, bold) => {
    let em = 0
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      em += advance(cachedFace(cp, bold), cp)
    }
    return (em * fontSizePt * 25.4) / 72
  }

  const byBytes = new Map<Uint8Array, Font>(Object.entries(bytes).map(([face, b]) => [b, cmapOnly(parsed[face as FontFace])]))
  return {
    dir,
    bytes,
    measureText,
    runs,
    fontkitForPdf: { create: (data: Uint8Array) => byBytes.get(data) ?? fontkit.create(data) },
  }
}

/**
 * The font as pdf-lib sees it: `layout()` maps each character to its glyph through the cmap, without OpenType
 * shaping (no ligatures, no kerning, no contextual forms). Label text is Latin, Cyrillic and CJK, which need none;
 * it makes the drawn width exactly the per-character sum `measureText` computed, keeps pdftotext's output equal
 * to the input (no "ﬁ"), and is several times faster than shaping every line of a 200-label batch.
 *
 * Each glyph handed to pdf-lib carries the code point it was drawn for: pdf-lib builds the PDF's ToUnicode map
 * (what pdftotext and copy-paste read) from `glyph.codePoints`, but fontkit caches one glyph object per glyph id
 * with the code points of whoever created it first — and subsetting an earlier PDF creates component glyphs of
 * composites (DejaVu's Cyrillic "а" is built from Latin "a") with none. Shared across PDFs, that left later PDFs
 * with unmapped Latin letters.
 */
function cmapOnly(font: Font): Font {
  const view = Object.create(font) as Font
  view.layout = (text: string) => {
    const glyphs: Glyph[] = []
    for (const ch of text) {
      const cp = ch.codePointAt(0)!
      const glyph = font.glyphForCodePoint(cp)
      glyphs.push(glyph.codePoints.length === 1 && glyph.codePoints[0] === cp ? glyph : forCodePoint(glyph, cp))
    }
    const advanceWidth = glyphs.reduce((w, g) => w + g.advanceWidth, 0)
    // pdf-lib reads only `glyphs`; the rest keeps the GlyphRun shape honest.
    return { glyphs, positions: glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 })), advanceWidth } as unknown as ReturnType<Font['layout']>
  }
  return view
}

/** The same glyph, naming `cp` as the character it stands for (outlines and metrics come from the original). */
function forCodePoint(glyph: Glyph, cp: number): Glyph {
  return Object.create(glyph, { codePoints: { value: [cp] } }) as Glyph
}
