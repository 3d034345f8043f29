import { describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { bitmapFromRgba, bitmapToPng, blankBitmap, fillRect, isBlack, rotateClockwise, sameBitmap, setBlack } from '../../../electron/printing/bitmap'

describe('label bitmaps (1 bit per dot)', () => {
  it('thresholds RGBA without dithering: dark → black, light and transparent → white', () => {
    const rgba = new Uint8ClampedArray([
      0, 0, 0, 255, // black
      127, 127, 127, 255, // just below middle grey → black
      128, 128, 128, 255, // middle grey → white
      0, 0, 0, 0, // transparent over white paper → white
      255, 0, 0, 255, // pure red, luminance ~76 → black
    ])
    const b = bitmapFromRgba(rgba, 5, 1)
    expect([0, 1, 2, 3, 4].map((x) => isBlack(b, x, 0))).toEqual([true, true, false, false, true])
  })

  it('writes a 1-bit PNG that reads back dot for dot', () => {
    const b = blankBitmap(21, 7) // width not a multiple of 8: padding bits must not show
    fillRect(b, 2, 1, 19, 3)
    setBlack(b, 20, 6)
    const png = PNG.sync.read(bitmapToPng(b))
    expect([png.width, png.height]).toEqual([21, 7])
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 21; x++) expect(png.data[(y * 21 + x) * 4] === 0).toBe(isBlack(b, x, y))
    }
  })

  it('turns a quarter clockwise exactly (four turns give the same image back)', () => {
    const b = blankBitmap(13, 5)
    fillRect(b, 0, 0, 3, 1)
    setBlack(b, 12, 4)
    const r = rotateClockwise(b)
    expect([r.width, r.height]).toEqual([5, 13])
    expect(isBlack(r, 4, 0)).toBe(true) // top-left → top-right
    expect(isBlack(r, 0, 12)).toBe(true) // bottom-right → bottom-left
    expect(sameBitmap(rotateClockwise(rotateClockwise(rotateClockwise(r))), b)).toBe(true)
  })

  it('refuses a size that is not a positive whole number of dots', () => {
    expect(() => blankBitmap(0, 10)).toThrow(/positive whole size/)
    expect(() => blankBitmap(10.5, 10)).toThrow(/positive whole size/)
  })
})
