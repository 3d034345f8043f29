// Reads back what the station sends to printers, the way the printer would interpret it — written from the
// printer languages' manuals, independently of the drivers, so a driver bug shows up as a wrong picture:
// - ESC/POS (EPSON and STAR): raster bands → one image per label (labels end at a cut), text with the code page
//   that was active for it;
// - ZPL: each ^XA…^XZ format → an image of ^PW × ^LL dots with every ^GF graphic placed at its ^FO;
// - TSPL: each PRINT → an image of the SIZE in dots with every BITMAP placed.
// Images come back as PNG (for decodeBarcodes / zbarimg) and as a dot grid. Unknown commands are an error: the
// decoder is strict so that unexpected bytes in a job fail a test instead of being skipped.
import { inflateSync } from 'node:zlib'
import { PNG } from 'pngjs'

/** A printed image: 1 byte per dot, 1 = black. */
export interface DotImage {
  width: number
  height: number
  dots: Uint8Array
}

export function dotImage(width: number, height: number): DotImage {
  return { width, height, dots: new Uint8Array(width * height) }
}

export function dotImageToPng(img: DotImage): Buffer {
  // A white margin around the label, as a scanner sees a label on a parcel (quiet zones up to the edge are legal).
  const m = 16
  const png = new PNG({ width: img.width + 2 * m, height: img.height + 2 * m })
  png.data.fill(255)
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!img.dots[y * img.width + x]) continue
      const i = ((y + m) * png.width + x + m) * 4
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
    }
  }
  return PNG.sync.write(png)
}

/** Places packed 1-bit rows (MSB = leftmost) at x0,y0; `oneIsBlack` false for TSPL. */
function blit(img: DotImage, x0: number, y0: number, bytesPerRow: number, rows: number, data: Uint8Array, oneIsBlack: boolean) {
  for (let r = 0; r < rows; r++) {
    for (let bx = 0; bx < bytesPerRow * 8; bx++) {
      const byte = data[r * bytesPerRow + (bx >> 3)]!
      const bit = (byte >> (7 - (bx & 7))) & 1
      const black = oneIsBlack ? bit === 1 : bit === 0
      const x = x0 + bx
      const y = y0 + r
      if (black && x < img.width && y < img.height) img.dots[y * img.width + x] = 1
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ESC/POS

export interface EscPosText {
  /** Decoded with the code page active when the bytes arrived. */
  text: string
  bytes: Buffer
  /** The ESC t (EPSON) / ESC GS t (STAR) number in force, or null when none was set since the last reset. */
  codePage: number | null
}

export interface EscPosLabel {
  /** Raster bands stacked, or null when the label had no image. */
  image: DotImage | null
  /** Number of raster commands (bands) that made the image, and the largest one in bytes. */
  bands: number
  largestBandBytes: number
  texts: EscPosText[]
}

export interface EscPosDecoded {
  /** One per cut (a trailing part without a cut is included when it printed something). */
  labels: EscPosLabel[]
  cuts: number
  resets: number
}

const EPSON_PAGES: Record<number, string> = { 0: 'cp437', 17: 'ibm866', 46: 'windows-1251' }
const STAR_PAGES: Record<number, string> = { 1: 'cp437', 10: 'ibm866', 34: 'windows-1251' }

function decodeText(bytes: Buffer, codePage: number | null, dialect: 'epson' | 'star'): string {
  const name = codePage === null ? 'cp437' : (dialect === 'epson' ? EPSON_PAGES : STAR_PAGES)[codePage]
  if (name && name !== 'cp437') return new TextDecoder(name).decode(bytes)
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('')
}

export function decodeEscPos(input: Uint8Array, dialect: 'epson' | 'star'): EscPosDecoded {
  const buf = Buffer.from(input)
  const out: EscPosDecoded = { labels: [], cuts: 0, resets: 0 }
  let codePage: number | null = null
  let bands: Array<{ bytesPerRow: number; rows: number; data: Buffer }> = []
  let texts: EscPosText[] = []
  let line: number[] = []
  let lineCodePage: number | null = null

  const flushLine = () => {
    if (line.length) texts.push({ bytes: Buffer.from(line), text: decodeText(Buffer.from(line), lineCodePage, dialect), codePage: lineCodePage })
    line = []
  }
  const endLabel = () => {
    flushLine()
    if (!bands.length && !texts.length) return
    let image: DotImage | null = null
    if (bands.length) {
      const width = Math.max(...bands.map((b) => b.bytesPerRow * 8))
      image = dotImage(width, bands.reduce((s, b) => s + b.rows, 0))
      let y = 0
      for (const b of bands) {
        blit(image, 0, y, b.bytesPerRow, b.rows, b.data, true)
        y += b.rows
      }
    }
    out.labels.push({ image, bands: bands.length, largestBandBytes: Math.max(0, ...bands.map((b) => b.data.length)), texts })
    bands = []
    texts = []
  }
  const need = (i: number, n: number, what: string) => {
    if (i + n > buf.length) throw new Error(`ESC/POS: ${what} at byte ${i} is cut short (job ends at ${buf.length})`)
  }

  let i = 0
  while (i < buf.length) {
    const b = buf[i]!
    if (b === 0x1b) {
      need(i, 2, 'ESC command')
      const c = buf[i + 1]!
      if (c === 0x40) {
        // ESC @: initialise — the code page goes back to the printer's default
        flushLine()
        codePage = null
        out.resets++
        i += 2
      } else if (c === 0x74 && dialect === 'epson') {
        need(i, 3, 'ESC t')
        flushLine()
        codePage = buf[i + 2]!
        i += 3
      } else if (c === 0x1d && dialect === 'star' && buf[i + 2] === 0x74) {
        need(i, 4, 'ESC GS t')
        flushLine()
        codePage = buf[i + 3]!
        i += 4
      } else if (c === 0x1d && dialect === 'star' && buf[i + 2] === 0x53) {
        // ESC GS S m xL xH yL yH n d… (StarPRNT raster)
        need(i, 9, 'ESC GS S')
        const bytesPerRow = buf[i + 4]! | (buf[i + 5]! << 8)
        const rows = buf[i + 6]! | (buf[i + 7]! << 8)
        need(i + 9, bytesPerRow * rows, 'ESC GS S data')
        bands.push({ bytesPerRow, rows, data: buf.subarray(i + 9, i + 9 + bytesPerRow * rows) })
        i += 9 + bytesPerRow * rows
      } else if (c === 0x64) {
        // ESC d n: EPSON feeds n lines; STAR cuts (0–3)
        need(i, 3, 'ESC d')
        if (dialect === 'star') {
          out.cuts++
          endLabel()
        } else flushLine()
        i += 3
      } else if (c === 0x61 || c === 0x45 || c === 0x21 || c === 0x2d || c === 0x33 || c === 0x4d) {
        need(i, 3, `ESC ${String.fromCharCode(c)}`)
        i += 3 // alignment, bold, print mode, underline, line spacing, font: no effect on what we check
      } else if (c === 0x32) {
        i += 2
      } else {
        throw new Error(`ESC/POS: unknown command ESC 0x${c.toString(16)} at byte ${i}`)
      }
    } else if (b === 0x1d) {
      need(i, 2, 'GS command')
      const c = buf[i + 1]!
      if (c === 0x76 && buf[i + 2] === 0x30 && dialect === 'epson') {
        // GS v 0 m xL xH yL yH d…
        need(i, 8, 'GS v 0')
        const bytesPerRow = buf[i + 4]! | (buf[i + 5]! << 8)
        const rows = buf[i + 6]! | (buf[i + 7]! << 8)
        need(i + 8, bytesPerRow * rows, 'GS v 0 data')
        bands.push({ bytesPerRow, rows, data: buf.subarray(i + 8, i + 8 + bytesPerRow * rows) })
        i += 8 + bytesPerRow * rows
      } else if (c === 0x56 && dialect === 'epson') {
        // GS V m (m = 0,1,48,49) or GS V m n (m = 65,66)
        need(i, 3, 'GS V')
        const m = buf[i + 2]!
        out.cuts++
        endLabel()
        i += m >= 65 ? 4 : 3
      } else if (c === 0x21) {
        i += 3
      } else {
        throw new Error(`ESC/POS: unknown command GS 0x${c.toString(16)} at byte ${i}`)
      }
    } else if (b === 0x0a) {
      flushLine()
      i++
    } else if (b === 0x0b || b === 0x0d) {
      i++ // vertical tab (STAR feed), carriage return
    } else if (b === 0x10) {
      throw new Error(`ESC/POS: a real-time command (DLE) at byte ${i} inside a job`)
    } else if (b < 0x20) {
      throw new Error(`ESC/POS: unexpected control byte 0x${b.toString(16)} at byte ${i}`)
    } else {
      if (line.length === 0) lineCodePage = codePage
      line.push(b)
      i++
    }
  }
  endLabel()
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// ZPL

export interface ZplLabel {
  image: DotImage
  printWidth: number
  labelLength: number
  /** ^PR speed and ~SD darkness in force for this label (undefined when never set). */
  speed?: number
  darkness?: number
  quantity: number
  graphics: Array<{ x: number; y: number; bytesPerRow: number; rows: number; encoding: 'hex' | 'ascii-compressed' | 'z64' }>
}

/** Expands ZPL ASCII-compressed hex (G–Y/g–z counts, "," "!" ":") into rows of plain hex. */
export function expandZplAscii(data: string, bytesPerRow: number, totalBytes: number): Buffer {
  const rowHex = bytesPerRow * 2
  const rows: string[] = []
  let row = ''
  let count = 0
  const pushRow = () => {
    rows.push(row)
    row = ''
  }
  for (const ch of data) {
    if (/\s/.test(ch)) continue
    if (ch >= 'G' && ch <= 'Y') count += ch.charCodeAt(0) - 0x46
    else if (ch >= 'g' && ch <= 'z') count += (ch.charCodeAt(0) - 0x66) * 20
    else if (/[0-9A-Fa-f]/.test(ch)) {
      row += ch.toUpperCase().repeat(count || 1)
      count = 0
      if (row.length > rowHex) throw new Error(`ZPL ^GF: row ${rows.length} is longer than ${bytesPerRow} bytes`)
      if (row.length === rowHex) pushRow()
    } else if (ch === ',') {
      row = row.padEnd(rowHex, '0')
      pushRow()
    } else if (ch === '!') {
      row = row.padEnd(rowHex, 'F')
      pushRow()
    } else if (ch === ':') {
      if (row.length) throw new Error('ZPL ^GF: ":" in the middle of a row')
      if (!rows.length) throw new Error('ZPL ^GF: ":" repeats a row but there is none yet')
      rows.push(rows.at(-1)!)
    } else throw new Error(`ZPL ^GF: unexpected character "${ch}" in graphic data`)
  }
  if (row.length) throw new Error(`ZPL ^GF: the last row is incomplete (${row.length} of ${rowHex} hex digits)`)
  const out = Buffer.from(rows.join(''), 'hex')
  if (out.length !== totalBytes) throw new Error(`ZPL ^GF: declared ${totalBytes} bytes, data holds ${out.length}`)
  return out
}

export function decodeZpl(input: Uint8Array | string): ZplLabel[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1')
  const labels: ZplLabel[] = []
  // Commands start with ^ or ~; a command's parameters run to the next ^ or ~.
  const commands = [...text.matchAll(/([\^~])([A-Za-z0-9@]{2})([^^~]*)/g)].map((m) => ({ prefix: m[1]!, name: m[2]!.toUpperCase(), params: m[3]! }))
  let darkness: number | undefined
  let current: Omit<ZplLabel, 'image'> & { pieces: Array<{ x: number; y: number; bytesPerRow: number; rows: number; data: Buffer }> } | undefined
  let fo = { x: 0, y: 0 }
  let lh = { x: 0, y: 0 }
  for (const c of commands) {
    const key = c.prefix + c.name
    const params = c.params.trim()
    if (key === '~SD') darkness = Number(params)
    else if (key === '^XA') {
      current = { printWidth: 0, labelLength: 0, quantity: 1, graphics: [], pieces: [], darkness }
      fo = { x: 0, y: 0 }
      lh = { x: 0, y: 0 }
    } else if (!current) {
      if (key !== '~HS') throw new Error(`ZPL: ${key} outside a ^XA…^XZ format`)
    } else if (key === '^PW') current.printWidth = Number(params)
    else if (key === '^LL') current.labelLength = Number(params)
    else if (key === '^LH') [lh.x, lh.y] = params.split(',').map(Number) as [number, number]
    else if (key === '^FO') [fo.x, fo.y] = params.split(',').map(Number) as [number, number]
    else if (key === '^PR') current.speed = Number(params.split(',')[0])
    else if (key === '^MD') current.darkness = (current.darkness ?? 0) + Number(params)
    else if (key === '^PQ') current.quantity = Number(params.split(',')[0])
    else if (key === '^GF') {
      const m = /^([ABC]),(\d+),(\d+),(\d+),([\s\S]*)$/.exec(params)
      if (!m || m[1] !== 'A') throw new Error(`ZPL ^GF: only ASCII graphics (type A) are expected, got "${params.slice(0, 20)}"`)
      const total = Number(m[3])
      const bytesPerRow = Number(m[4])
      const data = m[5]!.trim()
      let bytes: Buffer
      let encoding: ZplLabel['graphics'][number]['encoding']
      if (data.startsWith(':Z64:')) {
        bytes = inflateSync(Buffer.from(data.slice(5).split(':')[0]!, 'base64'))
        encoding = 'z64'
      } else if (/^[0-9A-F]+$/i.test(data) && data.length === total * 2) {
        bytes = Buffer.from(data, 'hex')
        encoding = 'hex'
      } else {
        bytes = expandZplAscii(data, bytesPerRow, total)
        encoding = 'ascii-compressed'
      }
      const rows = total / bytesPerRow
      current.pieces.push({ x: lh.x + fo.x, y: lh.y + fo.y, bytesPerRow, rows, data: bytes })
      current.graphics.push({ x: lh.x + fo.x, y: lh.y + fo.y, bytesPerRow, rows, encoding })
    } else if (key === '^FS' || key === '^PO' || key === '^CI' || key === '^MN' || key === '^MM') {
      // field separator / orientation / encoding / media: nothing to draw
    } else if (key === '^XZ') {
      const image = dotImage(current.printWidth, current.labelLength)
      for (const p of current.pieces) blit(image, p.x, p.y, p.bytesPerRow, p.rows, p.data, true)
      const { pieces: _pieces, ...label } = current
      labels.push({ ...label, image })
      current = undefined
    } else throw new Error(`ZPL: unexpected command ${key}`)
  }
  if (current) throw new Error('ZPL: a format was opened with ^XA but never closed with ^XZ')
  return labels
}

// ---------------------------------------------------------------------------------------------------------------
// TSPL

export interface TsplLabel {
  image: DotImage
  sizeMm: [number, number]
  gapMm: [number, number]
  density?: number
  speed?: number
  copies: number
}

export function decodeTspl(input: Uint8Array, opts: { dotsPerMm?: number } = {}): TsplLabel[] {
  const buf = Buffer.from(input)
  const k = opts.dotsPerMm ?? 8
  const labels: TsplLabel[] = []
  let size: [number, number] | undefined
  let gap: [number, number] = [0, 0]
  let density: number | undefined
  let speed: number | undefined
  let image: DotImage | undefined
  const mm = (s: string) => Number(s.trim().replace(/\s*mm$/i, ''))
  let i = 0
  while (i < buf.length) {
    if (buf[i] === 0x0d || buf[i] === 0x0a) {
      i++
      continue
    }
    // A command's name and parameters are text up to the end of the line — except BITMAP, whose binary data
    // follows its sixth comma.
    const head = buf.subarray(i, Math.min(buf.length, i + 64)).toString('latin1')
    const bitmap = /^BITMAP\s+(\d+),(\d+),(\d+),(\d+),(\d+),/.exec(head)
    if (bitmap) {
      const [x, y, wBytes, h] = bitmap.slice(1, 5).map(Number) as [number, number, number, number]
      const start = i + bitmap[0].length
      if (start + wBytes * h > buf.length) throw new Error(`TSPL BITMAP at byte ${i}: data is cut short`)
      if (!image) throw new Error('TSPL: BITMAP before SIZE')
      blit(image, x, y, wBytes, h, buf.subarray(start, start + wBytes * h), false)
      i = start + wBytes * h
      continue
    }
    let end = buf.indexOf(0x0a, i)
    if (end < 0) end = buf.length
    const line = buf.subarray(i, end).toString('latin1').replace(/\r$/, '').trim()
    i = end + 1
    const [name, ...rest] = line.split(/\s+/)
    const params = rest.join(' ')
    switch (name) {
      case 'SIZE': {
        const [w, h] = params.split(',').map(mm) as [number, number]
        size = [w, h]
        image = dotImage(Math.round(w * k), Math.round(h * k))
        break
      }
      case 'GAP':
        gap = params.split(',').map(mm) as [number, number]
        break
      case 'DENSITY':
        density = Number(params)
        break
      case 'SPEED':
        speed = Number(params)
        break
      case 'DIRECTION':
      case 'REFERENCE':
        break
      case 'CLS':
        if (!size) throw new Error('TSPL: CLS before SIZE')
        image = dotImage(Math.round(size[0] * k), Math.round(size[1] * k))
        break
      case 'PRINT': {
        if (!image || !size) throw new Error('TSPL: PRINT before SIZE')
        labels.push({ image, sizeMm: size, gapMm: gap, density, speed, copies: Number(params.split(',')[0]) })
        image = dotImage(image.width, image.height)
        break
      }
      default:
        throw new Error(`TSPL: unexpected command "${line.slice(0, 30)}"`)
    }
  }
  return labels
}

/** Fraction of black dots in a region — for "the text area is not blank" checks. */
export function inkIn(img: DotImage, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) n += img.dots[y * img.width + x]!
  return n / Math.max(1, (x1 - x0) * (y1 - y0))
}
