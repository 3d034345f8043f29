// The bag label layout model, with the real shipped fonts' metrics and bwip-js module data (what the PDF uses).
import { beforeAll, describe, expect, it } from 'vitest'
import { bwipBarcodeEncoder, loadLabelFonts, type LabelFonts } from '../../../electron/labels'
import { dotMm } from '../../../shared/domain/label-barcode'
import { makePosting } from '../../../shared/domain/fixtures'
import { bagLabelInputFromPosting } from '../../../shared/domain/label-input'
import { BagLabelInputSchema, LabelSizeSpecSchema } from '../../../shared/domain/label-schemas'
import {
  LabelError,
  layoutBagLabel,
  resolveLabelSize,
  type BagLabelInput,
  type Dpi,
  type LabelBarcode,
  type LabelLayout,
  type LabelSize,
  type LabelText,
} from '../../../shared/domain/label-layout'
import { CHINESE_NAME, LONG_CYRILLIC_NAME, makeBagLabelInput, manyItems } from '../../fixtures/labels/bag-labels'

let fonts: LabelFonts
beforeAll(async () => {
  fonts = await loadLabelFonts()
})

const layoutOf = (input: BagLabelInput, size: LabelSize = { widthMm: 75, heightMm: 120 }, dpi: Dpi = 203): LabelLayout =>
  layoutBagLabel(input, { size, dpi, measureText: fonts.measureText, barcodes: bwipBarcodeEncoder })
const texts = (l: LabelLayout, role?: LabelText['role']) =>
  l.elements.filter((e): e is LabelText => e.kind === 'text' && (role === undefined || e.role === role))
/** Each listed item as printed: its line plus its indented continuation line, if any (white space collapsed). */
const itemEntries = (l: LabelLayout): string[] => {
  const out: string[] = []
  for (const t of texts(l)) {
    if (t.role === 'item') out.push(t.text)
    if (t.role === 'itemContinued') out[out.length - 1] += ` ${t.text}`
  }
  return out.map((e) => e.replace(/\s+/g, ' '))
}
const barcodes = (l: LabelLayout) => l.elements.filter((e): e is LabelBarcode => e.kind === 'barcode')

/** Throws unless `fn` throws a LabelError; returns it. */
function labelErrorOf(fn: () => unknown): LabelError {
  try {
    fn()
  } catch (err) {
    if (err instanceof LabelError) return err
    throw err
  }
  throw new Error('expected a LabelError, got a label')
}

describe('label sizes', () => {
  it('knows the presets and turns them for portrait and landscape', () => {
    expect(resolveLabelSize({ preset: '58x40' })).toEqual({ widthMm: 58, heightMm: 40 })
    expect(resolveLabelSize({ preset: '58x40', orientation: 'portrait' })).toEqual({ widthMm: 40, heightMm: 58 })
    expect(resolveLabelSize({ preset: '75x120', orientation: 'landscape' })).toEqual({ widthMm: 120, heightMm: 75 })
    expect(resolveLabelSize({ preset: '100x150' })).toEqual({ widthMm: 100, heightMm: 150 })
    expect(resolveLabelSize({ widthMm: 80, heightMm: 60, orientation: 'portrait' })).toEqual({ widthMm: 60, heightMm: 80 })
  })
})

describe('layoutBagLabel', () => {
  it('shows every fact of the package on a 75×120 label', () => {
    const l = layoutOf(makeBagLabelInput())
    const all = texts(l).map((t) => t.text)
    expect(all).toContain('41257303-0007-1')
    expect(all).toContain('Место 1 из 2')
    expect(all).toContain('Ozon Логистика')
    expect(all).toContain('Ozon Логистика, Склад Север')
    expect(all).toContain('Заказ: 41257303-0007')
    expect(all).toContain('Склад: Склад Север')
    expect(all).toContain('Отгрузить до: 03.06.2026 13:00') // 10:00 UTC in Moscow
    expect(all).toContain('Товары: 6 шт.')
    expect(all).toContain('Трек-номер: RA123456789RU')
    expect(itemEntries(l)).toEqual([
      'MUG-RED-350 × 2 Кружка красная 350 мл',
      expect.stringMatching(/^TEE-BLK-XL × 1 Футболка хлопковая чёрная оверсайз, .+…$/),
      `CN-CASE-15 × 3 ${CHINESE_NAME}`,
    ])
    expect(barcodes(l).map((b) => [b.role, b.symbology, b.value])).toEqual([
      ['posting', 'code128', '41257303-0007-1'],
      ['postingDataMatrix', 'datamatrix', '41257303-0007-1'],
      ['tracking', 'code128', 'RA123456789RU'],
    ])
    expect(l.fit).toEqual({ density: 'roomy', textScale: 1, itemsShown: 3, itemsHidden: 0 })
  })

  it('draws barcodes on whole printer dots, never below the scannable module', () => {
    for (const dpi of [203, 300] as const) {
      const dot = dotMm(dpi)
      for (const size of [{ widthMm: 58, heightMm: 40 }, { widthMm: 75, heightMm: 120 }, { widthMm: 100, heightMm: 150 }]) {
        for (const b of barcodes(layoutOf(makeBagLabelInput(), size, dpi))) {
          expect(Number.isInteger(b.moduleDots)).toBe(true)
          expect(b.moduleDots).toBeGreaterThanOrEqual(b.symbology === 'code128' ? (dpi === 203 ? 2 : 3) : dpi === 203 ? 3 : 4)
          expect(b.moduleMm).toBeCloseTo(b.moduleDots * dot, 9)
          for (const bar of b.bars) {
            expect(Math.abs(bar.xMm / dot - Math.round(bar.xMm / dot))).toBeLessThan(1e-6)
            expect(Math.abs(bar.wMm / dot - Math.round(bar.wMm / dot))).toBeLessThan(1e-6)
            expect(bar.xMm).toBeGreaterThanOrEqual(b.xMm - 1e-9)
            expect(bar.xMm + bar.wMm).toBeLessThanOrEqual(b.xMm + b.widthMm + 1e-9)
          }
        }
      }
    }
  })

  it('gives a wide label the largest module that fits and keeps the quiet zone on the label', () => {
    const big = barcodes(layoutOf(makeBagLabelInput(), { widthMm: 100, heightMm: 150 }))[0]!
    const small = barcodes(layoutOf(makeBagLabelInput(), { widthMm: 58, heightMm: 40 }))[0]!
    expect(big.moduleDots).toBeGreaterThan(small.moduleDots)
    for (const [b, w] of [[big, 100], [small, 58]] as const) {
      expect(b.xMm - b.quietZoneMm).toBeGreaterThanOrEqual(-1e-9)
      expect(b.xMm + b.widthMm + b.quietZoneMm).toBeLessThanOrEqual(w + 1e-9)
      expect(b.quietZoneMm).toBeCloseTo(10 * b.moduleMm, 9)
    }
  })

  it('fits any sane label size or refuses with a LabelError — never a clipped label', () => {
    const outcomes = { laidOut: 0, refused: 0 }
    for (const w of [30, 45, 50, 58, 75, 90, 100, 120, 150]) {
      for (const h of [25, 30, 40, 58, 75, 100, 120, 150, 200]) {
        for (const input of [makeBagLabelInput(), makeBagLabelInput({ trackingNumber: null, dataMatrix: false, items: manyItems(12) })]) {
          let l: LabelLayout
          try {
            l = layoutOf(input, { widthMm: w, heightMm: h })
          } catch (err) {
            expect(err).toBeInstanceOf(LabelError) // a layout bug would be a plain Error
            outcomes.refused++
            continue
          }
          outcomes.laidOut++
          for (const t of texts(l)) {
            expect(t.widthMm).toBeLessThanOrEqual(t.maxWidthMm + 1e-6)
            expect(t.xMm).toBeGreaterThanOrEqual(0)
            expect(t.xMm + t.widthMm).toBeLessThanOrEqual(w + 1e-6)
            expect(t.baselineMm).toBeLessThanOrEqual(h)
            expect(t.fontSizePt).toBeGreaterThanOrEqual(5)
          }
          // The posting number and the deadline are never cut short.
          expect(texts(l, 'postingNumber')[0]!.text).toBe('41257303-0007-1')
          expect(texts(l, 'shipBy')[0]!.text).toContain('03.06.2026 13:00')
          expect(l.fit.itemsShown + l.fit.itemsHidden).toBe(input.items.length)
        }
      }
    }
    expect(outcomes.laidOut).toBeGreaterThan(40)
    expect(outcomes.refused).toBeGreaterThan(5)
  })

  it('lists what fits and sums up the rest as "+N more"', () => {
    const l = layoutOf(makeBagLabelInput({ items: manyItems(30) }), { widthMm: 58, heightMm: 40 })
    const shown = texts(l, 'item')
    const more = texts(l, 'moreItems')
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length).toBeLessThan(30)
    expect(l.fit.itemsShown).toBe(shown.length)
    expect(more.map((t) => t.text)).toEqual([`+${30 - shown.length} ещё`])
    expect(shown.map((t) => t.text.split(' ')[0])).toEqual(manyItems(shown.length).map((i) => i.offerId))

    const en = layoutOf(makeBagLabelInput({ items: manyItems(40), locale: 'en' }))
    expect(texts(en, 'moreItems')[0]!.text).toBe(`+${40 - texts(en, 'item').length} more`)
  })

  it('shrinks the text before dropping item lines on a small label', () => {
    const l = layoutOf(makeBagLabelInput({ items: manyItems(4), trackingNumber: null, dataMatrix: false }), { widthMm: 58, heightMm: 40 })
    expect(l.fit.itemsHidden).toBe(0)
    expect(l.fit.textScale).toBeLessThan(1)
  })

  it('cuts a long Cyrillic name with "…" but keeps the offer id and quantity whole', () => {
    // On a small label it is cut on its one line; on a big one with room to spare it continues on a second line.
    for (const [size, lines] of [[{ widthMm: 58, heightMm: 40 }, 1], [{ widthMm: 75, heightMm: 120 }, 2]] as const) {
      const l = layoutOf(makeBagLabelInput(), size)
      const entry = itemEntries(l).find((e) => e.startsWith('TEE-BLK-XL'))!
      expect(entry.startsWith('TEE-BLK-XL × 1 Футболка')).toBe(true)
      expect(entry.endsWith('…')).toBe(true)
      expect(LONG_CYRILLIC_NAME.startsWith(entry.slice('TEE-BLK-XL × 1 '.length, -1).trimEnd())).toBe(true)
      const all = texts(l)
      const at = all.findIndex((t) => t.role === 'item' && t.text.startsWith('TEE-BLK-XL'))
      expect(all[at + 1]?.role === 'itemContinued' ? 2 : 1).toBe(lines)
    }
    const hugeOffer = { offerId: 'X'.repeat(120), name: 'Имя', quantity: 7 }
    const line = texts(layoutOf(makeBagLabelInput({ items: [hugeOffer] })), 'item')[0]!
    expect(line.text).toMatch(/^X+… × 7$/)
  })

  it('keeps a Chinese product name and writes the captions in the label language', () => {
    const zh = layoutOf(makeBagLabelInput({ locale: 'zh', timeZone: 'Asia/Shanghai', items: [{ offerId: 'CN-CASE-15', name: CHINESE_NAME, quantity: 3 }] }), {
      widthMm: 100,
      heightMm: 150,
    })
    expect(texts(zh, 'item')[0]!.text).toBe(`CN-CASE-15 × 3  ${CHINESE_NAME}`)
    expect(texts(zh, 'package')[0]!.text).toBe('包裹 1/2')
    expect(texts(zh, 'shipBy')[0]!.text).toBe('发货截止: 2026-06-03 18:00')
    const en = layoutOf(makeBagLabelInput({ locale: 'en', timeZone: 'Europe/Moscow' }))
    expect(texts(en, 'shipBy')[0]!.text).toBe('Ship by: 3 Jun 2026 13:00')
    expect(texts(en, 'package')[0]!.text).toBe('Package 1 of 2')
    const custom = layoutOf(makeBagLabelInput({ captions: { packageOf: 'Коробка {k}/{n}' } }))
    expect(texts(custom, 'package')[0]!.text).toBe('Коробка 1/2')
  })

  it('prints the ship-by time in the bench time zone, across a date line', () => {
    const l = layoutOf(makeBagLabelInput({ shipBy: '2026-06-03T22:30:00Z', timeZone: 'Asia/Yekaterinburg' }))
    expect(texts(l, 'shipBy')[0]!.text).toBe('Отгрузить до: 04.06.2026 03:30')
  })

  it('splits a wide landscape label into two columns', () => {
    const l = layoutOf(makeBagLabelInput(), resolveLabelSize({ preset: '75x120', orientation: 'landscape' }))
    const posting = barcodes(l).find((b) => b.role === 'posting')!
    const tracking = barcodes(l).find((b) => b.role === 'tracking')!
    expect(posting.xMm + posting.widthMm).toBeLessThan(tracking.xMm) // side by side, not stacked
    expect(l.fit.itemsHidden).toBe(0)
  })

  it('builds the label facts from a posting', () => {
    const input = bagLabelInputFromPosting(makePosting({ trackingNumber: 'TRK-1' }), { packageIndex: 2, packageCount: 3, locale: 'ru', timeZone: 'Europe/Moscow' })
    const l = layoutOf(input)
    expect(texts(l, 'package')[0]!.text).toBe('Место 2 из 3')
    expect(itemEntries(l)).toEqual(['MUG-RED-350 × 2 Кружка красная 350 мл'])
    expect(barcodes(l).map((b) => b.value)).toEqual(['41257303-0007-1', 'TRK-1'])
    expect(bagLabelInputFromPosting(makePosting(), { packageIndex: 1, packageCount: 1, locale: 'en', timeZone: 'UTC' }).trackingNumber).toBeNull()
  })
})

describe('label schemas at the boundary', () => {
  it('accept the label facts and sizes the station sends, and refuse a wrong shape', () => {
    const input = makeBagLabelInput({ captions: { more: 'и ещё {n}' } })
    expect(BagLabelInputSchema.parse(JSON.parse(JSON.stringify(input)))).toEqual(input)
    expect(BagLabelInputSchema.safeParse({ ...input, locale: 'de' }).success).toBe(false)
    expect(BagLabelInputSchema.safeParse({ ...input, items: 'MUG' }).success).toBe(false)
    expect(LabelSizeSpecSchema.parse({ preset: '75x120', orientation: 'landscape' })).toEqual({ preset: '75x120', orientation: 'landscape' })
    expect(LabelSizeSpecSchema.parse({ widthMm: 80, heightMm: 50 })).toEqual({ widthMm: 80, heightMm: 50 })
    expect(LabelSizeSpecSchema.safeParse({ preset: '60x40' }).success).toBe(false)
  })
})

describe('bad input is refused with the field and what to do', () => {
  const cases: Array<[string, () => unknown, string, string]> = [
    ['a Cyrillic posting number', () => layoutOf(makeBagLabelInput({ postingNumber: '41257303-0007-Б' })), 'unencodable', 'postingNumber'],
    ['a tracking number with Cyrillic', () => layoutOf(makeBagLabelInput({ trackingNumber: 'RА123' })), 'unencodable', 'trackingNumber'],
    ['an empty posting number', () => layoutOf(makeBagLabelInput({ postingNumber: '  ' })), 'missing_field', 'postingNumber'],
    ['no items', () => layoutOf(makeBagLabelInput({ items: [] })), 'no_items', 'items'],
    ['a zero quantity', () => layoutOf(makeBagLabelInput({ items: [{ offerId: 'A', name: 'B', quantity: 0 }] })), 'invalid_item', 'items[0].quantity'],
    ['package 3 of 2', () => layoutOf(makeBagLabelInput({ packageIndex: 3, packageCount: 2 })), 'invalid_package_number', 'packageIndex'],
    ['a 5×5 mm label', () => layoutOf(makeBagLabelInput(), { widthMm: 5, heightMm: 5 }), 'invalid_size', 'size'],
    ['a 2000 mm label', () => layoutOf(makeBagLabelInput(), { widthMm: 100, heightMm: 2000 }), 'invalid_size', 'size'],
    ['a NaN size', () => layoutOf(makeBagLabelInput(), { widthMm: Number.NaN, heightMm: 100 }), 'invalid_size', 'size'],
    ['a 600 dpi head', () => layoutOf(makeBagLabelInput(), undefined, 600 as Dpi), 'invalid_dpi', 'dpi'],
    ['a broken ship-by date', () => layoutOf(makeBagLabelInput({ shipBy: 'tomorrow' })), 'invalid_date', 'shipBy'],
    ['an unknown time zone', () => layoutOf(makeBagLabelInput({ timeZone: 'Mars/Olympus' })), 'invalid_time_zone', 'timeZone'],
    ['a 40 mm wide label for a Code 128 that needs 47 mm', () => layoutOf(makeBagLabelInput(), { widthMm: 40, heightMm: 58 }), 'barcode_does_not_fit', 'postingNumber'],
    ['a tracking number too long for the label', () => layoutOf(makeBagLabelInput({ trackingNumber: 'TRACK-NUMBER-THAT-IS-VERY-LONG-42' }), { widthMm: 58, heightMm: 40 }), 'barcode_does_not_fit', 'trackingNumber'],
    ['a label too short for its content', () => layoutOf(makeBagLabelInput(), { widthMm: 58, heightMm: 25 }), 'content_does_not_fit', 'size'],
  ]
  it.each(cases)('%s', (_what, make, code, field) => {
    const err = labelErrorOf(make)
    expect(err.code).toBe(code)
    expect(err.field).toBe(field)
    expect(err.message).toContain(field)
    expect(err.remedy.length).toBeGreaterThan(10)
  })

  it('names the posting in the message', () => {
    const err = labelErrorOf(() => layoutOf(makeBagLabelInput({ items: [] })))
    expect(err.postingNumber).toBe('41257303-0007-1')
    expect(err.message).toMatch(/^Label for posting 41257303-0007-1 — items: /)
  })

  it('says which character a Code 128 cannot carry', () => {
    expect(labelErrorOf(() => layoutOf(makeBagLabelInput({ trackingNumber: 'RА123' }))).problem).toContain('"А" (character 2)')
  })
})
