// Barcode geometry for labels: how wide a module may be on a thermal printer, and how a symbol's bars or
// modules become rectangles in mm. Pure TypeScript — the encoder (bwip-js in Node) is injected by the caller, so
// the PDF renderer, the raster renderer and the SVG preview all draw the very same rectangles.

/** Print head resolutions the station lays labels out for. */
export type Dpi = 203 | 300

/**
 * Size of one printer dot in mm. Thermal heads are built in dots per mm: a "203 dpi" head has 8 dots/mm
 * (203.2 dpi) and a "300 dpi" head 12 dots/mm (304.8 dpi) — so a dot is exactly 1/8 or 1/12 mm, the same grid
 * the printers' own size (shared/domain/printers.ts dotsPerMm) and the raster path use.
 */
export function dotMm(dpi: Dpi): number {
  return dpi === 203 ? 1 / 8 : 1 / 12
}

/** Turns whatever bwip-js (or another library) produces into plain module data. */
export interface BarcodeEncoder {
  /** Code 128 bar and space widths in modules, bar first, start to stop symbol (no quiet zone). */
  code128(text: string): number[]
  /** DataMatrix (ECC 200) modules, rows top to bottom, `true` = dark. */
  dataMatrix(text: string): boolean[][]
}

export interface ModuleRules {
  /** Smallest module, in whole printer dots, that scanners still read reliably off a thermal label. */
  minDots: Record<Dpi, number>
  /** Largest module worth using: beyond it a symbol only eats space. */
  maxDots: Record<Dpi, number>
  /** Light margin each side of the symbol, in modules. */
  quietZoneModules: number
}

/**
 * Code 128: a module of at least 0.25 mm (~10 mil). A 1-dot module (0.125 mm, 5 mil) is at the limit of
 * general-purpose scanners and a thermal head's dot gain (±1 dot) changes its bars by ±100 %; at 2 dots the same
 * gain is ±50 % of a narrow bar, within what decoders tolerate. So: 2 dots at 203 dpi (0.25 mm) and 3 dots at
 * 300 dpi (0.25 mm). 10-module quiet zone per ISO/IEC 15417.
 */
export const CODE128_RULES: ModuleRules = {
  minDots: { 203: 2, 300: 3 },
  maxDots: { 203: 4, 300: 6 },
  quietZoneModules: 10,
}

/**
 * DataMatrix: dot gain hits a square module in both directions, so its minimum is one step larger than Code 128's:
 * 3 dots at 203 dpi (0.375 mm), 4 dots at 300 dpi (0.333 mm). Quiet zone: 1 module per ISO/IEC 16022, 2 for margin.
 */
export const DATAMATRIX_RULES: ModuleRules = {
  minDots: { 203: 3, 300: 4 },
  maxDots: { 203: 5, 300: 7 },
  quietZoneModules: 2,
}

/** Code 128 on a label carries printable ASCII only; beyond it scanners and keyboard wedges disagree. */
export function firstNonCode128Char(text: string): { index: number; char: string } | undefined {
  const chars = Array.from(text)
  const index = chars.findIndex((c) => c < ' ' || c > '~')
  return index < 0 ? undefined : { index, char: chars[index]! }
}

/**
 * The widest whole-dot module (between the rule's min and max) for a symbol `symbolModules` wide that fits
 * `contentMm` and, with its quiet zones, `withQuietMm`. Undefined when even the minimum does not fit.
 */
export function chooseModuleDots(
  symbolModules: number,
  rules: ModuleRules,
  dpi: Dpi,
  contentMm: number,
  withQuietMm: number,
): number | undefined {
  const dot = dotMm(dpi)
  for (let dots = rules.maxDots[dpi]; dots >= rules.minDots[dpi]; dots--) {
    const moduleMm = dots * dot
    const symbolMm = symbolModules * moduleMm
    if (symbolMm <= contentMm + 1e-9 && symbolMm + 2 * rules.quietZoneModules * moduleMm <= withQuietMm + 1e-9) {
      return dots
    }
  }
  return undefined
}

/** A dark rectangle in label mm, origin top-left, y down. */
export interface BarRect {
  xMm: number
  yMm: number
  wMm: number
  hMm: number
}

/** Snaps a length in mm to the nearest whole printer dot, so bars start and end on dot edges. */
export function snapToDot(mm: number, dpi: Dpi): number {
  const dot = dotMm(dpi)
  return Math.round(mm / dot) * dot
}

/** Bars of a Code 128 symbol whose top-left is (x, y); all edges land on whole dots when x, y do. */
export function code128Rects(
  widths: number[],
  origin: { xMm: number; yMm: number },
  moduleDots: number,
  heightMm: number,
  dpi: Dpi,
): BarRect[] {
  const dot = dotMm(dpi)
  const x0 = Math.round(origin.xMm / dot)
  const rects: BarRect[] = []
  let at = 0 // in modules
  widths.forEach((w, i) => {
    if (i % 2 === 0) {
      rects.push({ xMm: (x0 + at * moduleDots) * dot, yMm: origin.yMm, wMm: w * moduleDots * dot, hMm: heightMm })
    }
    at += w
  })
  return rects
}

/** Dark modules of a DataMatrix, one rectangle per horizontal run of dark modules (fewer shapes to draw). */
export function dataMatrixRects(
  rows: boolean[][],
  origin: { xMm: number; yMm: number },
  moduleDots: number,
  dpi: Dpi,
): BarRect[] {
  const dot = dotMm(dpi)
  const x0 = Math.round(origin.xMm / dot)
  const y0 = Math.round(origin.yMm / dot)
  const rects: BarRect[] = []
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; ) {
      if (!row[c]) {
        c++
        continue
      }
      const start = c
      while (c < row.length && row[c]) c++
      rects.push({
        xMm: (x0 + start * moduleDots) * dot,
        yMm: (y0 + r * moduleDots) * dot,
        wMm: (c - start) * moduleDots * dot,
        hMm: moduleDots * dot,
      })
    }
  })
  return rects
}
