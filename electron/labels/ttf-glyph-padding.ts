// Makes a TrueType font safe for pdf-lib's subsetting (fontkit's TTFSubset).
//
// Why: when a subset is small, fontkit writes it with the short `loca` format, which stores glyph offsets halved —
// correct only when every glyph's data has an even length. Fonts with the long `loca` format (Droid Sans Fallback)
// may have odd-length glyphs, so the halved offsets point into the middle of other glyphs and most CJK characters
// vanish from the printed label while pdftotext still "finds" them (pdf-lib issues #494/#1232). Padding every
// glyph to a 4-byte boundary (as the TrueType spec recommends) keeps the font's outlines identical and makes every
// offset even. Fonts whose glyphs are already even-length come back unchanged.

interface TableRecord {
  tag: string
  offset: number
  length: number
}

export function padTrueTypeGlyphs(ttf: Uint8Array): Uint8Array {
  const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength)
  const numTables = view.getUint16(4)
  const tables: TableRecord[] = []
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i
    tables.push({
      tag: String.fromCharCode(...ttf.subarray(at, at + 4)),
      offset: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
    })
  }
  const table = (tag: string) => tables.find((t) => t.tag === tag)
  const head = table('head')
  const loca = table('loca')
  const glyf = table('glyf')
  const maxp = table('maxp')
  if (!head || !loca || !glyf || !maxp) return ttf // not a glyf-outline TrueType font: nothing to fix

  const numGlyphs = view.getUint16(maxp.offset + 4)
  const longLoca = view.getInt16(head.offset + 50) === 1
  const offsets = Array.from({ length: numGlyphs + 1 }, (_, i) =>
    longLoca ? view.getUint32(loca.offset + 4 * i) : 2 * view.getUint16(loca.offset + 2 * i),
  )
  if (offsets.every((o) => o % 2 === 0)) return ttf

  // New glyf: each glyph's bytes followed by zeros up to a multiple of 4; new loca in the long format.
  const glyphLengths = offsets.slice(0, -1).map((o, i) => offsets[i + 1]! - o)
  const newGlyf = new Uint8Array(glyphLengths.reduce((sum, len) => sum + align4(len), 0))
  const newLoca = new Uint8Array(4 * (numGlyphs + 1))
  const locaView = new DataView(newLoca.buffer)
  let at = 0
  glyphLengths.forEach((len, i) => {
    locaView.setUint32(4 * i, at)
    newGlyf.set(ttf.subarray(glyf.offset + offsets[i]!, glyf.offset + offsets[i]! + len), at)
    at += align4(len)
  })
  locaView.setUint32(4 * numGlyphs, at)
  const newHead = ttf.slice(head.offset, head.offset + head.length)
  new DataView(newHead.buffer).setInt16(50, 1) // indexToLocFormat: long

  const bodies = new Map<string, Uint8Array>(
    tables.map((t) => [t.tag, t.tag === 'glyf' ? newGlyf : t.tag === 'loca' ? newLoca : t.tag === 'head' ? newHead : ttf.subarray(t.offset, t.offset + t.length)]),
  )
  return writeFont(ttf.subarray(0, 12), tables.map((t) => t.tag), bodies)
}

const align4 = (n: number) => (n + 3) & ~3

/** Writes the offset table, the table directory (with fresh checksums) and the 4-byte aligned tables. */
function writeFont(offsetTable: Uint8Array, tags: string[], bodies: Map<string, Uint8Array>): Uint8Array {
  const dirEnd = 12 + 16 * tags.length
  const total = dirEnd + tags.reduce((sum, tag) => sum + align4(bodies.get(tag)!.length), 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  out.set(offsetTable, 0)
  let at = dirEnd
  tags.forEach((tag, i) => {
    const body = bodies.get(tag)!
    const rec = 12 + 16 * i
    for (let c = 0; c < 4; c++) out[rec + c] = tag.charCodeAt(c)
    view.setUint32(rec + 4, checksum(body))
    view.setUint32(rec + 8, at)
    view.setUint32(rec + 12, body.length)
    out.set(body, at)
    at += align4(body.length)
  })
  return out
}

function checksum(bytes: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < bytes.length; i += 4) {
    const word = ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)
    sum = (sum + (word >>> 0)) >>> 0
  }
  return sum
}
