// ZPL (Zebra and compatibles) over raw TCP 9100: each label is one format with its size, darkness and speed, and
// the label itself as a ^GF graphic field in ZPL's ASCII compression.
//
// ASCII compression (ZPL II manual, "Alternative data compression scheme for ~DG and ~DB"): hex digits of a row,
// where a run of one digit is written as a count letter before the digit (G–Y = 1–19, g–z = 20–400, summed), ","
// fills the rest of the row with 0, "!" with F, and ":" repeats the previous row. Labels are mostly white, so a
// 58×40 mm label shrinks from 29 KB of plain hex to a few KB — and every ZPL printer, clones included, reads it.
import type { Printer } from '../../../shared/domain/printers'
import type { LabelBitmap } from '../bitmap'
import { createRawTcpDriver } from './raw-tcp'
import { parseZplHostStatus, ZPL_STATUS_REQUEST, zplStatusComplete } from './status'
import type { DriverContext, PrinterDriver } from './types'

const HEX = '0123456789ABCDEF'

/** Count letters for a run of `n` (n ≥ 1) of one hex digit: e.g. 47 → "hM" (40 + 7). */
function runLength(n: number): string {
  let out = ''
  while (n > 0) {
    if (n >= 20) {
      const twenties = Math.min(20, Math.floor(n / 20)) // g = 20 … z = 400
      out += String.fromCharCode(0x66 + twenties)
      n -= twenties * 20
    } else {
      out += String.fromCharCode(0x46 + n) // G = 1 … Y = 19
      n = 0
    }
  }
  return out
}

/** One row's hex digits, compressed. */
function compressRow(hex: string): string {
  const trailingZeros = /0+$/.exec(hex)?.[0].length ?? 0
  const trailingOnes = /F+$/.exec(hex)?.[0].length ?? 0
  let end = hex.length
  let tail = ''
  if (trailingZeros > 2) {
    end -= trailingZeros
    tail = ','
  } else if (trailingOnes > 2) {
    end -= trailingOnes
    tail = '!'
  }
  let out = ''
  for (let i = 0; i < end; ) {
    let j = i + 1
    while (j < end && hex[j] === hex[i]) j++
    const run = j - i
    out += run > 2 ? runLength(run) + hex[i] : hex.slice(i, j)
    i = j
  }
  return out + tail
}

/** The bitmap as ^GF data in ASCII compression. */
export function zplCompressedGraphic(b: LabelBitmap): string {
  const parts: string[] = []
  let previous: string | undefined
  for (let y = 0; y < b.height; y++) {
    let hex = ''
    for (let i = 0; i < b.bytesPerRow; i++) {
      const v = b.bits[y * b.bytesPerRow + i]!
      hex += HEX[v >> 4]! + HEX[v & 15]!
    }
    parts.push(hex === previous ? ':' : compressRow(hex))
    previous = hex
  }
  return parts.join('')
}

/** The bitmap as plain ^GF hex (no compression): what a naive driver sends; kept for comparison and old clones. */
export function zplPlainGraphic(b: LabelBitmap): string {
  return Buffer.from(b.bits).toString('hex').toUpperCase()
}

export interface ZplOptions {
  compression?: 'ascii' | 'none'
}

/** The ZPL job: darkness once (~SD, it is a setting), then one ^XA…^XZ format per label. */
export function zplProgram(printer: Printer, bitmaps: LabelBitmap[], opts: ZplOptions = {}): string {
  const lines: string[] = []
  if (printer.darkness !== undefined) lines.push(`~SD${String(printer.darkness).padStart(2, '0')}`)
  for (const b of bitmaps) {
    const total = b.bytesPerRow * b.height
    const data = opts.compression === 'none' ? zplPlainGraphic(b) : zplCompressedGraphic(b)
    lines.push(
      '^XA',
      `^PW${b.width}`,
      `^LL${b.height}`,
      '^LH0,0',
      ...(printer.speedIps !== undefined ? [`^PR${printer.speedIps}`] : []),
      `^FO0,0^GFA,${total},${total},${b.bytesPerRow},${data}^FS`,
      '^PQ1',
      '^XZ',
    )
  }
  return `${lines.join('\n')}\n`
}

export function createZplDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  return createRawTcpDriver(
    printer,
    {
      program: (bitmaps) => [Buffer.from(zplProgram(printer, bitmaps), 'latin1')],
      probe: { request: ZPL_STATUS_REQUEST, complete: zplStatusComplete, parse: parseZplHostStatus },
    },
    ctx,
  )
}
