// Finds and decodes every barcode on a PNG the way a scanner at the bench would: from pixels only.
// Linear codes (Code 128, EAN…) and QR come from zbarimg when it is installed (it scans the whole image in both
// directions and reports every symbol); zbar cannot read DataMatrix, so DataMatrix symbols are located here by
// their solid "L" finder edge and decoded with @zxing/library. Without zbarimg, linear codes fall back to zxing
// scanning rows and columns. Format names follow zxing's BarcodeFormat: CODE_128, DATA_MATRIX, QR_CODE, EAN_13…
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { PNG } from 'pngjs'
import type * as Zxing from '@zxing/library'

// @zxing/library is CommonJS whose named exports Node's ESM loader cannot see; require it with its own types.
const zxing = createRequire(import.meta.url)('@zxing/library') as typeof Zxing
const run = promisify(execFile)

export interface DecodedBarcode {
  format: string
  text: string
}

export interface DecodeOptions {
  /** Who reads linear codes: zbarimg if on PATH (default 'auto'), or zxing's row scanner. */
  linear?: 'auto' | 'zbarimg' | 'zxing'
}

/**
 * Every distinct barcode (format + text) on the image, linear codes first, then DataMatrix.
 * `png` is the PNG's bytes or a path to it.
 */
export async function decodeBarcodes(png: Buffer | string, opts: DecodeOptions = {}): Promise<DecodedBarcode[]> {
  const bytes = typeof png === 'string' ? await readFile(png) : png
  const image = toGrey(PNG.sync.read(bytes))
  const found: DecodedBarcode[] = []
  const engine = opts.linear ?? 'auto'
  const useZbar = engine === 'zbarimg' || (engine === 'auto' && (await hasZbarimg()))
  found.push(...(useZbar ? await zbarimg(image) : linearWithZxing(image)))
  found.push(...findDataMatrices(image))
  const seen = new Set<string>()
  return found.filter((b) => {
    const key = `${b.format}\u0000${b.text}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Pixels

interface GreyImage {
  width: number
  height: number
  /** Luminance 0 (black) … 255 (white), row by row. */
  lum: Uint8ClampedArray
}

function toGrey(png: PNG): GreyImage {
  const { width, height, data } = png
  const lum = new Uint8ClampedArray(width * height)
  for (let i = 0; i < width * height; i++) {
    const a = data[i * 4 + 3]! / 255
    const y = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!
    lum[i] = y * a + 255 * (1 - a) // transparent areas count as white paper
  }
  return { width, height, lum }
}

const isDark = (img: GreyImage, x: number, y: number) => img.lum[y * img.width + x]! < 128

// ---------------------------------------------------------------------------------------------------------------
// zbarimg

let zbarAvailable: Promise<boolean> | undefined
function hasZbarimg(): Promise<boolean> {
  zbarAvailable ??= run('zbarimg', ['--version']).then(
    () => true,
    () => false,
  )
  return zbarAvailable
}

const ZBAR_FORMATS: Record<string, string> = {
  'QR-Code': 'QR_CODE',
  'I2/5': 'ITF',
  Codabar: 'CODABAR',
  DataBar: 'RSS_14',
  'DataBar-Exp': 'RSS_EXPANDED',
}

async function zbarimg(img: GreyImage): Promise<DecodedBarcode[]> {
  // zbar reads transparent pixels as black; hand it the image flattened onto white paper.
  const flat = new PNG({ width: img.width, height: img.height })
  for (let i = 0; i < img.lum.length; i++) flat.data.fill(img.lum[i]!, i * 4, i * 4 + 3).writeUInt8(255, i * 4 + 3)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'barcode-'))
  const file = path.join(dir, 'image.png')
  await writeFile(file, PNG.sync.write(flat))
  let stdout: string
  try {
    ;({ stdout } = await run('zbarimg', ['-q', '--nodbus', file]))
  } catch (err) {
    // Exit status 4 means "no symbols found", which is an answer, not a failure.
    if ((err as { code?: unknown }).code === 4) return []
    throw err
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return stdout
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => {
      const type = line.slice(0, line.indexOf(':'))
      const format = ZBAR_FORMATS[type] ?? type.toUpperCase().replace(/[^A-Z0-9]/g, '_')
      return { format, text: line.slice(type.length + 1) }
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Linear codes with zxing: scan rows (and columns, both directions) and keep what at least two lines agree on.

function linearWithZxing(img: GreyImage): DecodedBarcode[] {
  const { BitArray, BarcodeFormat, DecodeHintType, MultiFormatOneDReader } = zxing
  const hints = new Map<Zxing.DecodeHintType, unknown>([
    [
      DecodeHintType.POSSIBLE_FORMATS,
      [BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.EAN_13, BarcodeFormat.EAN_8],
    ],
  ])
  const reader = new MultiFormatOneDReader(hints)
  const votes = new Map<string, { barcode: DecodedBarcode; lines: number }>()
  const scan = (length: number, dark: (i: number) => boolean, line: number) => {
    const ink = Array.from({ length }, (_, i) => dark(i))
    // A line can cross several symbols side by side: decode, blank out what was read, try again.
    for (let attempt = 0; attempt < 8; attempt++) {
      const bits = new BitArray(length)
      ink.forEach((on, i) => on && bits.set(i))
      let result
      try {
        result = reader.decodeRow(line, bits, hints)
      } catch {
        return
      }
      const barcode = { format: BarcodeFormat[result.getBarcodeFormat()], text: result.getText() }
      const key = `${barcode.format}\u0000${barcode.text}`
      const vote = votes.get(key) ?? { barcode, lines: 0 }
      vote.lines++
      votes.set(key, vote)
      const xs = result.getResultPoints().map((p) => Math.round(p.getX()))
      ink.fill(false, Math.max(0, Math.min(...xs)), Math.min(length, Math.max(...xs) + 1))
      reader.reset()
    }
  }
  const { width: w, height: h } = img
  for (let y = 0; y < h; y += 3) {
    scan(w, (x) => isDark(img, x, y), y)
    scan(w, (x) => isDark(img, w - 1 - x, y), y)
  }
  for (let x = 0; x < w; x += 3) {
    scan(h, (y) => isDark(img, x, y), x)
    scan(h, (y) => isDark(img, x, h - 1 - y), x)
  }
  return [...votes.values()].filter((v) => v.lines >= 2).map((v) => v.barcode)
}

// ---------------------------------------------------------------------------------------------------------------
// DataMatrix: every DataMatrix has a solid "L" on two adjacent sides. The connected dark region containing that L
// spans the whole symbol, so its bounding box is the symbol. Crop each such box onto white paper and let zxing
// decode it, turning it until the L sits bottom-left as zxing's pure-barcode reader expects.

interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

function findDataMatrices(img: GreyImage): DecodedBarcode[] {
  const out: DecodedBarcode[] = []
  for (const box of darkRegions(img)) {
    const w = box.x1 - box.x0 + 1
    const h = box.y1 - box.y0 + 1
    if (w < 8 || h < 8 || Math.max(w, h) / Math.min(w, h) > 4.5) continue
    if (!hasSolidCorner(img, box)) continue
    const text = decodeDataMatrixCrop(img, box)
    if (text !== undefined) out.push({ format: 'DATA_MATRIX', text })
  }
  return out
}

/** Bounding boxes of 8-connected dark regions (union-find over a two-pass labelling). */
function darkRegions(img: GreyImage): Box[] {
  const { width: w, height: h } = img
  const label = new Int32Array(w * h).fill(-1)
  const parent: number[] = []
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!
      a = parent[a]!
    }
    return a
  }
  const union = (a: number, b: number) => {
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!isDark(img, x, y)) continue
      const neighbours: number[] = []
      if (x > 0 && label[y * w + x - 1]! >= 0) neighbours.push(label[y * w + x - 1]!)
      if (y > 0) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          if (nx >= 0 && nx < w && label[(y - 1) * w + nx]! >= 0) neighbours.push(label[(y - 1) * w + nx]!)
        }
      }
      if (neighbours.length === 0) {
        parent.push(parent.length)
        label[y * w + x] = parent.length - 1
      } else {
        label[y * w + x] = neighbours[0]!
        for (const n of neighbours.slice(1)) union(neighbours[0]!, n)
      }
    }
  }
  const boxes = new Map<number, Box>()
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = label[y * w + x]!
      if (l < 0) continue
      const r = find(l)
      const b = boxes.get(r)
      if (!b) boxes.set(r, { x0: x, y0: y, x1: x, y1: y })
      else {
        b.x0 = Math.min(b.x0, x)
        b.x1 = Math.max(b.x1, x)
        b.y0 = Math.min(b.y0, y)
        b.y1 = Math.max(b.y1, y)
      }
    }
  }
  return [...boxes.values()]
}

/** True when two adjacent edges of the box are (almost) all dark — the DataMatrix finder "L". */
function hasSolidCorner(img: GreyImage, b: Box): boolean {
  const solid = (n: number, dark: (i: number) => boolean) => {
    let count = 0
    for (let i = 0; i < n; i++) if (dark(i)) count++
    return count >= 0.9 * n
  }
  const w = b.x1 - b.x0 + 1
  const h = b.y1 - b.y0 + 1
  const left = solid(h, (i) => isDark(img, b.x0, b.y0 + i))
  const right = solid(h, (i) => isDark(img, b.x1, b.y0 + i))
  const top = solid(w, (i) => isDark(img, b.x0 + i, b.y0))
  const bottom = solid(w, (i) => isDark(img, b.x0 + i, b.y1))
  return (left && bottom) || (bottom && right) || (right && top) || (top && left)
}

/**
 * zxing samples module centres in whole pixels and misreads symbols whose module is not a whole, even number of
 * pixels (a 3-dot module rendered at 203 dpi is 2.996 px). So the symbol is read here module by module — turned
 * until its "L" is bottom-left, sized by counting the timing pattern — and redrawn clean for zxing to decode.
 */
function decodeDataMatrixCrop(img: GreyImage, b: Box): string | undefined {
  let symbol = cropOf(img, b)
  for (let turn = 0; turn < 4; turn++) {
    const grid = readModules(symbol)
    if (grid) {
      const text = decodeCleanDataMatrix(grid)
      if (text !== undefined) return text
    }
    symbol = rotateQuarter(symbol)
  }
  return undefined
}

function cropOf(img: GreyImage, b: Box): GreyImage {
  const width = b.x1 - b.x0 + 1
  const height = b.y1 - b.y0 + 1
  const lum = new Uint8ClampedArray(width * height)
  for (let y = 0; y < height; y++) lum.set(img.lum.subarray((b.y0 + y) * img.width + b.x0, (b.y0 + y) * img.width + b.x1 + 1), y * width)
  return { width, height, lum }
}

/** The module grid of a symbol image whose finder L is at the left and bottom; undefined if it is not one. */
function readModules(sym: GreyImage): boolean[][] | undefined {
  const { width: w, height: h } = sym
  const dark = (x: number, y: number) => isDark(sym, Math.min(w - 1, Math.max(0, Math.round(x))), Math.min(h - 1, Math.max(0, Math.round(y))))
  const share = (n: number, at: (i: number) => boolean) => Array.from({ length: n }, (_, i) => at(i)).filter(Boolean).length / n
  if (share(h, (i) => dark(0, i)) < 0.9 || share(w, (i) => dark(i, h - 1)) < 0.9) return undefined
  // The top row and the right column alternate dark/light (the timing pattern): count their dark runs across
  // a few lines inside the first module and take the most frequent count.
  const runs = (n: number, at: (i: number) => boolean) => {
    let count = 0
    for (let i = 0; i < n; i++) if (at(i) && (i === 0 || !at(i - 1))) count++
    return count
  }
  const mostFrequent = (counts: number[]) => {
    const tally = new Map<number, number>()
    for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1)
    return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
  }
  const lines = (extent: number) => Array.from({ length: Math.max(1, Math.floor(extent / 16)) }, (_, i) => i + 1)
  const cols = 2 * mostFrequent(lines(h).map((y) => runs(w, (x) => dark(x, y))))
  const rows = 2 * mostFrequent(lines(w).map((d) => runs(h, (y) => dark(w - 1 - d, y))))
  if (cols < 8 || rows < 8 || cols > 144 || rows > 144) return undefined
  const mw = w / cols
  const mh = h / rows
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => dark((c + 0.5) * mw - 0.5, (r + 0.5) * mh - 0.5)))
}

/** Draws a module grid at 4 px per module with a quiet zone and decodes it with zxing. */
function decodeCleanDataMatrix(grid: boolean[][]): string | undefined {
  const { BinaryBitmap, DataMatrixReader, DecodeHintType, HybridBinarizer, RGBLuminanceSource } = zxing
  const px = 4
  const quiet = 4
  const width = (grid[0]!.length + 2 * quiet) * px
  const height = (grid.length + 2 * quiet) * px
  const lum = new Uint8ClampedArray(width * height).fill(255)
  grid.forEach((row, r) =>
    row.forEach((on, c) => {
      if (!on) return
      for (let y = 0; y < px; y++) lum.fill(0, ((r + quiet) * px + y) * width + (c + quiet) * px, ((r + quiet) * px + y) * width + (c + quiet + 1) * px)
    }),
  )
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, width, height)))
    return new DataMatrixReader().decode(bitmap, new Map([[DecodeHintType.PURE_BARCODE, true]])).getText()
  } catch {
    return undefined
  }
}

function rotateQuarter(img: GreyImage): GreyImage {
  const out: GreyImage = { width: img.height, height: img.width, lum: new Uint8ClampedArray(img.lum.length) }
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) out.lum[x * out.width + (img.height - 1 - y)] = img.lum[y * img.width + x]!
  }
  return out
}
