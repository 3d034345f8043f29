import { describe, expect, it } from 'vitest'
import { blankBitmap, fillRect, type LabelBitmap } from '../../../electron/printing/bitmap'
import { zplCompressedGraphic } from '../../../electron/printing/drivers/zpl'
import { expandZplAscii } from '../../support/printer-decoders'

const roundTrip = (b: LabelBitmap) => expandZplAscii(zplCompressedGraphic(b), b.bytesPerRow, b.bits.length)

describe('ZPL ASCII graphic compression', () => {
  it('round-trips random dots, repeated rows, all-white and all-black rows exactly', () => {
    const b = blankBitmap(464, 40)
    let seed = 7
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff
    for (let i = 0; i < 10 * b.bytesPerRow; i++) b.bits[i] = rnd() // rows 0–9 noise
    b.bits.copyWithin(10 * b.bytesPerRow, 9 * b.bytesPerRow, 10 * b.bytesPerRow) // row 10 = row 9 → ":"
    fillRect(b, 0, 20, 464, 25) // black rows → "!"
    fillRect(b, 100, 30, 140, 35) // a bar in white rows → runs and ","
    expect(roundTrip(b).equals(Buffer.from(b.bits))).toBe(true)
  })

  it('writes runs longer than 400 digits and exact counts like 47 = "hM"', () => {
    const wide = blankBitmap(1800, 2) // 225 bytes = 450 hex digits per row
    wide.bits.fill(0xaa, 0, 225) // 450 × "A"
    const data = zplCompressedGraphic(wide)
    expect(data).toBe('zhPA,') // 400 + 40 + 10 × "A", then the all-white row
    expect(roundTrip(wide).equals(Buffer.from(wide.bits))).toBe(true)

    const b = blankBitmap(200, 1) // 25 bytes = 50 digits: 47 × "5" then "123"
    b.bits.set(Buffer.from(`${'5'.repeat(47)}123`, 'hex'))
    expect(zplCompressedGraphic(b)).toBe('hM5123')
  })

  it('makes a mostly white label small', () => {
    const b = blankBitmap(600, 960)
    fillRect(b, 50, 100, 550, 300)
    const data = zplCompressedGraphic(b)
    expect(data.length).toBeLessThan(b.bits.length * 2 * 0.02)
    expect(roundTrip(b).equals(Buffer.from(b.bits))).toBe(true)
  })
})
