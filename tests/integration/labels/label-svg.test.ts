// The preview's SVG of a label draws the same bars as the PDF: rasterised at the printer's resolution it scans.
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { defaultFontsDir, layoutBagLabels } from '../../../electron/labels'
import { resolveLabelSize } from '../../../shared/domain/label-layout'
import { LabelLayoutSchema } from '../../../shared/domain/label-schemas'
import { labelLayoutSvg } from '../../../shared/domain/label-svg'
import { decodeBarcodes } from '../../support/barcode-decode'
import { makeBagLabelInput } from '../../fixtures/labels/bag-labels'

GlobalFonts.registerFromPath(`${defaultFontsDir()}/DejaVuSans.ttf`, 'DejaVu Sans')
GlobalFonts.registerFromPath(`${defaultFontsDir()}/DejaVuSans-Bold.ttf`, 'DejaVu Sans')
GlobalFonts.registerFromPath(`${defaultFontsDir()}/DroidSansFallback.ttf`, 'Droid Sans Fallback')

async function rasterise(svg: string, widthPx: number, heightPx: number): Promise<Buffer> {
  const image = await loadImage(Buffer.from(svg))
  const canvas = createCanvas(widthPx, heightPx)
  const ctx = canvas.getContext('2d')
  ctx.drawImage(image, 0, 0, widthPx, heightPx)
  return canvas.toBuffer('image/png')
}

describe('labelLayoutSvg', () => {
  it.each([
    ['58x40', resolveLabelSize({ preset: '58x40' })],
    ['75x120', resolveLabelSize({ preset: '75x120' })],
  ])('%s: a true-size SVG whose barcodes decode at 8 dots/mm', async (_name, size) => {
    const [layout] = await layoutBagLabels([makeBagLabelInput()], { size, dpi: 203 })
    const svg = labelLayoutSvg(layout!)
    expect(svg).toContain(`viewBox="0 0 ${size.widthMm} ${size.heightMm}" width="${size.widthMm}mm" height="${size.heightMm}mm"`)
    const lines = layout!.elements.filter((e) => e.kind === 'text')
    expect(svg.match(/<text /g)).toHaveLength(lines.length)
    const png = await rasterise(svg, size.widthMm * 8, size.heightMm * 8)
    expect((await decodeBarcodes(png)).map((b) => `${b.format} ${b.text}`).sort()).toEqual([
      'CODE_128 41257303-0007-1',
      'CODE_128 RA123456789RU',
      'DATA_MATRIX 41257303-0007-1',
    ])
  })

  it('escapes text and keeps a layout JSON round trip valid', async () => {
    const [layout] = await layoutBagLabels([makeBagLabelInput({ items: [{ offerId: 'A&B', name: '<Кружка> "красная"', quantity: 1 }] })], {
      size: resolveLabelSize({ preset: '75x120' }),
      dpi: 203,
    })
    const svg = labelLayoutSvg(layout!)
    expect(svg).toContain('A&amp;B × 1  &lt;Кружка&gt; &quot;красная&quot;')
    expect(svg).not.toContain('<Кружка>')
    // What the station sends to the preview or stores with a print job parses back as a layout.
    expect(LabelLayoutSchema.parse(JSON.parse(JSON.stringify(layout)))).toEqual(layout)
  })
})
