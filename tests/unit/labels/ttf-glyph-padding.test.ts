// pdf-lib's font subsetting loses glyphs of fonts with odd-length glyph data; padding them keeps every outline.
import { readFile } from 'node:fs/promises'
import fontkit from '@pdf-lib/fontkit'
import { describe, expect, it } from 'vitest'
import { defaultFontsDir } from '../../../electron/labels'
import { padTrueTypeGlyphs } from '../../../electron/labels/ttf-glyph-padding'

const font = async (file: string) => new Uint8Array(await readFile(`${defaultFontsDir()}/${file}`))

/** Subsets `text` the way pdf-lib does and returns the length of each subset glyph's outline as SVG path data. */
async function subsetOutlines(ttf: Uint8Array, text: string): Promise<number[]> {
  const parsed = fontkit.create(ttf)
  const subset = parsed.createSubset()
  for (const glyph of parsed.layout(text).glyphs) subset.includeGlyph(glyph)
  const parts: Uint8Array[] = []
  await new Promise<void>((resolve) => {
    const stream = subset.encodeStream()
    stream.on('data', (b: Uint8Array) => parts.push(b))
    stream.on('end', () => resolve())
  })
  const out = fontkit.create(Buffer.concat(parts))
  return Array.from({ length: out.numGlyphs }, (_, id) => {
    try {
      return out.getGlyph(id).path.toSVG().length
    } catch {
      return -1 // the glyph's data cannot even be read
    }
  })
}

describe('padTrueTypeGlyphs', () => {
  it('keeps every CJK outline of Droid Sans Fallback through subsetting', async () => {
    const raw = await font('DroidSansFallback.ttf')
    const padded = padTrueTypeGlyphs(raw)
    expect(padded).not.toBe(raw)
    const text = '红色马克杯手机壳'
    const before = await subsetOutlines(raw, text)
    const after = await subsetOutlines(padded, text)
    expect(before.slice(1).some((n) => n <= 0)).toBe(true) // the bug this works around
    expect(after.slice(1).every((n) => n > 0)).toBe(true) // glyph 0 is .notdef
    // Same glyphs, same metrics: padding only adds zero bytes after each glyph.
    const a = fontkit.create(raw)
    const b = fontkit.create(padded)
    expect(b.numGlyphs).toBe(a.numGlyphs)
    for (const ch of text) {
      const ga = a.glyphForCodePoint(ch.codePointAt(0)!)
      const gb = b.glyphForCodePoint(ch.codePointAt(0)!)
      expect(gb.advanceWidth).toBe(ga.advanceWidth)
      expect(gb.path.toSVG()).toBe(ga.path.toSVG())
    }
  })

  it('returns a font whose glyphs are already even-length unchanged', async () => {
    const dejavu = await font('DejaVuSans.ttf')
    expect(padTrueTypeGlyphs(dejavu)).toBe(dejavu)
  })
})
