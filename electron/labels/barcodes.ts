// bwip-js as the label's barcode encoder: module data only (raw), never images — the layout turns it into
// rectangles on whole printer dots, so every renderer draws the same sharp bars.
import bwipjs from 'bwip-js/node'
import type { BarcodeEncoder } from '../../shared/domain/label-layout'

interface RawLinear {
  /** Space/bar widths in modules, bar first. */
  sbs: number[]
}
interface RawMatrix {
  pixs: number[]
  pixx: number
  pixy: number
}

export const bwipBarcodeEncoder: BarcodeEncoder = {
  code128(text) {
    // parsefnc stays off (the default): a "^" in a tracking number is data, not a function-character escape.
    const [symbol] = bwipjs.raw({ bcid: 'code128', text }) as unknown as RawLinear[]
    if (!symbol || symbol.sbs.length === 0) throw new Error(`bwip-js produced no Code 128 for "${text}"`)
    return symbol.sbs
  },
  dataMatrix(text) {
    const [symbol] = bwipjs.raw({ bcid: 'datamatrix', text }) as unknown as RawMatrix[]
    if (!symbol || symbol.pixx === 0) throw new Error(`bwip-js produced no DataMatrix for "${text}"`)
    const rows: boolean[][] = []
    for (let r = 0; r < symbol.pixy; r++) {
      rows.push(Array.from({ length: symbol.pixx }, (_, c) => symbol.pixs[r * symbol.pixx + c] === 1))
    }
    return rows
  },
}
