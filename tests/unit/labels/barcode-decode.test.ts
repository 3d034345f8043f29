// The shared decoder must find every symbol on a page-like image, whichever engine reads the linear codes.
import { describe, expect, it } from 'vitest'
import bwipjs from 'bwip-js/node'
import { PNG } from 'pngjs'
import { decodeBarcodes } from '../../support/barcode-decode'

/** A white "label" with the given barcode PNGs stacked at the given positions. */
async function sheet(parts: Array<{ png: Buffer; x: number; y: number }>, width = 700, height = 700): Promise<Buffer> {
  const page = new PNG({ width, height })
  page.data.fill(255)
  for (const part of parts) {
    const img = PNG.sync.read(part.png)
    PNG.bitblt(img, page, 0, 0, img.width, img.height, part.x, part.y)
  }
  return PNG.sync.write(page)
}

const code128 = (text: string) => bwipjs.toBuffer({ bcid: 'code128', text, scale: 2, height: 12 })
const dataMatrix = (text: string) => bwipjs.toBuffer({ bcid: 'datamatrix', text, scale: 4 })

describe('decodeBarcodes', () => {
  it.each(['zbarimg', 'zxing'] as const)('finds two Code 128 and a DataMatrix on one image (%s for linear codes)', async (linear) => {
    const png = await sheet([
      { png: await code128('41257303-0007-1'), x: 40, y: 40 },
      { png: await code128('RA123456789RU'), x: 40, y: 260 },
      { png: await dataMatrix('41257303-0007-1'), x: 420, y: 420 },
    ])
    const found = await decodeBarcodes(png, { linear })
    expect(found).toHaveLength(3)
    expect(found).toEqual(
      expect.arrayContaining([
        { format: 'CODE_128', text: '41257303-0007-1' },
        { format: 'CODE_128', text: 'RA123456789RU' },
        { format: 'DATA_MATRIX', text: '41257303-0007-1' },
      ]),
    )
  })

  it('reads a DataMatrix turned a quarter (the L finder is not bottom-left)', async () => {
    const dm = PNG.sync.read(await dataMatrix('ROTATED-42'))
    const turned = new PNG({ width: dm.height, height: dm.width })
    for (let y = 0; y < dm.height; y++)
      for (let x = 0; x < dm.width; x++)
        dm.data.copy(turned.data, (x * turned.width + (dm.height - 1 - y)) * 4, (y * dm.width + x) * 4, (y * dm.width + x) * 4 + 4)
    const png = await sheet([{ png: PNG.sync.write(turned), x: 100, y: 100 }], 400, 400)
    expect(await decodeBarcodes(png)).toEqual([{ format: 'DATA_MATRIX', text: 'ROTATED-42' }])
  })

  it('returns nothing for an image without barcodes', async () => {
    expect(await decodeBarcodes(await sheet([], 200, 200))).toEqual([])
  })
})
