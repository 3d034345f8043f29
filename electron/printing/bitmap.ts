// The 1-bit image a thermal head prints: one bit per dot, rows top to bottom, 8 dots per byte with the leftmost
// dot in the high bit, 1 = black. This is exactly the layout of ESC/POS `GS v 0`, StarPRNT `ESC GS S` and ZPL `^GF`
// (TSPL BITMAP wants it inverted), so drivers copy rows instead of converting pixels.
import { crc32, deflateSync } from 'node:zlib'

export interface LabelBitmap {
  /** Dots across the head. */
  readonly width: number
  /** Dots along the feed. */
  readonly height: number
  /** ceil(width / 8); the unused low bits of a row's last byte are always 0 (white). */
  readonly bytesPerRow: number
  readonly bits: Uint8Array
}

export function blankBitmap(width: number, height: number): LabelBitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`a label bitmap needs a positive whole size in dots, got ${width}×${height}`)
  }
  const bytesPerRow = Math.ceil(width / 8)
  return { width, height, bytesPerRow, bits: new Uint8Array(bytesPerRow * height) }
}

export function isBlack(b: LabelBitmap, x: number, y: number): boolean {
  return (b.bits[y * b.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0
}

export function setBlack(b: LabelBitmap, x: number, y: number): void {
  b.bits[y * b.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7)
}

/** Fills the dots [x0, x1) × [y0, y1) black, clipped to the bitmap — used for bars snapped to whole dots. */
export function fillRect(b: LabelBitmap, x0: number, y0: number, x1: number, y1: number): void {
  const xa = Math.max(0, x0)
  const xb = Math.min(b.width, x1)
  for (let y = Math.max(0, y0); y < Math.min(b.height, y1); y++) {
    for (let x = xa; x < xb; x++) setBlack(b, x, y)
  }
}

/**
 * Thresholds RGBA pixels (e.g. a canvas) into dots: luminance of the pixel laid over white paper below `threshold`
 * is black. No dithering — a barcode's edges must stay where they are, not turn into a pattern.
 */
export function bitmapFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 128): LabelBitmap {
  const b = blankBitmap(width, height)
  thresholdInto(b, rgba, { x: 0, y: 0, width, height }, threshold)
  return b
}

/**
 * Thresholds an RGBA region (e.g. getImageData of part of a canvas) into `b` at its place: dark pixels become
 * black dots, light ones leave the dots as they are.
 */
export function thresholdInto(
  b: LabelBitmap,
  rgba: Uint8Array | Uint8ClampedArray,
  region: { x: number; y: number; width: number; height: number },
  threshold = 128,
): void {
  const { x: x0, y: y0, width, height } = region
  if (rgba.length < width * height * 4) throw new Error(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`)
  // Integer luminance (×1024) over white: l = a·y + (255−a)·255, compared without division.
  const limit = threshold * 255 * 1024
  for (let y = 0; y < height; y++) {
    const by = y0 + y
    if (by < 0 || by >= b.height) continue
    const row = by * b.bytesPerRow
    for (let x = 0; x < width; x++) {
      const bx = x0 + x
      if (bx < 0 || bx >= b.width) continue
      const i = (y * width + x) * 4
      const a = rgba[i + 3]!
      const lum = 306 * rgba[i]! + 601 * rgba[i + 1]! + 117 * rgba[i + 2]!
      if (a * lum + (255 - a) * 255 * 1024 < limit) b.bits[row + (bx >> 3)]! |= 0x80 >> (bx & 7)
    }
  }
}

/** Turns the image a quarter clockwise (a landscape label onto portrait stock). */
export function rotateClockwise(src: LabelBitmap): LabelBitmap {
  const out = blankBitmap(src.height, src.width)
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) if (isBlack(src, x, y)) setBlack(out, src.height - 1 - y, x)
  }
  return out
}

export function countBlack(b: LabelBitmap, region?: { x0: number; y0: number; x1: number; y1: number }): number {
  const r = region ?? { x0: 0, y0: 0, x1: b.width, y1: b.height }
  let n = 0
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) if (isBlack(b, x, y)) n++
  return n
}

/** Two bitmaps are the same image. */
export function sameBitmap(a: LabelBitmap, b: LabelBitmap): boolean {
  if (a.width !== b.width || a.height !== b.height) return false
  for (let i = 0; i < a.bits.length; i++) if (a.bits[i] !== b.bits[i]) return false
  return true
}

/**
 * The bitmap as a 1-bit greyscale PNG — the exact dots that will be sent, for the UI preview and for audits.
 * (Tiny: a 58×40 label is a few hundred bytes.)
 */
export function bitmapToPng(b: LabelBitmap): Buffer {
  // PNG greyscale 1-bit: 0 = black, 1 = white, each row prefixed with filter type 0.
  const raw = Buffer.alloc((b.bytesPerRow + 1) * b.height)
  for (let y = 0; y < b.height; y++) {
    const o = y * (b.bytesPerRow + 1)
    raw[o] = 0
    for (let i = 0; i < b.bytesPerRow; i++) raw[o + 1 + i] = ~b.bits[y * b.bytesPerRow + i]! & 0xff
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(b.width, 0)
  ihdr.writeUInt32BE(b.height, 4)
  ihdr.set([1, 0, 0, 0, 0], 8) // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}
