// Scan matching and marking codes: what a scanned code means on the packing screen.
import { describe, expect, it } from 'vitest'
import { GS, gtin14Of, gtinCheckDigitOk, looksLikeMark, parseMark, restoreGs } from '../../../shared/domain/packing-marks'
import { initialPlan, verifyUnit } from '../../../shared/domain/packing-plan'
import { interpretScan, latinFromRussianLayout, remainingToVerify, type ScanContext } from '../../../shared/domain/packing-scan'

const MUG = { sku: 1400000101, offerId: 'MUG-RED-350', name: 'Кружка красная', requiresMarkingCode: false }
const SHOE = { sku: 1400000202, offerId: 'SNK-W-RUN-38', name: 'Кроссовки', requiresMarkingCode: true }
const MUG_EAN = '4601234567893'
const SHOE_EAN = '4607654321008'

const ctx = (over: Partial<ScanContext> = {}): ScanContext => ({
  items: [MUG, SHOE],
  barcodes: new Map([
    [MUG.sku, [MUG_EAN, `OZN${MUG.sku}`]],
    [SHOE.sku, [SHOE_EAN, `OZN${SHOE.sku}`]],
  ]),
  ...over,
})

/** A Честный ЗНАК code for a GTIN: 01 + GTIN-14 + 21 + serial, GS, 93 + crypto tail. */
const mark = (ean: string, serial: string, sep = GS) => `01${ean.padStart(14, '0')}21${serial}${sep}93dGVz`

describe('GTIN and marking codes', () => {
  it('checks GS1 check digits', () => {
    expect(gtinCheckDigitOk(MUG_EAN)).toBe(true)
    expect(gtinCheckDigitOk('4601234567890')).toBe(false)
    expect(gtin14Of(MUG_EAN)).toBe(`0${MUG_EAN}`)
    expect(gtin14Of(`OZN${MUG.sku}`)).toBeNull()
  })

  it('restores the GS stand-in and splits GTIN and serial', () => {
    const scanned = mark(SHOE_EAN, 'Ab5!xQ7', '~')
    expect(restoreGs(scanned)).toBe(mark(SHOE_EAN, 'Ab5!xQ7'))
    expect(restoreGs('01|21', '|')).toBe(`01${GS}21`)
    const parsed = parseMark(restoreGs(scanned))
    expect(parsed).toEqual({ ok: true, code: mark(SHOE_EAN, 'Ab5!xQ7'), gtin: `0${SHOE_EAN}`, serial: 'Ab5!xQ7' })
  })

  it('strips an AIM symbology prefix and a leading FNC1', () => {
    expect(parseMark(`]d2${mark(SHOE_EAN, 'SER123')}`)).toMatchObject({ ok: true, serial: 'SER123' })
    expect(parseMark(`${GS}${mark(SHOE_EAN, 'SER123')}`)).toMatchObject({ ok: true, serial: 'SER123' })
  })

  it('says what is wrong with a bad code', () => {
    expect(parseMark('0146012345678900215ABC')).toMatchObject({ ok: false, problem: 'bad_gtin' })
    expect(parseMark(`01${'0' + MUG_EAN}22ABC`)).toMatchObject({ ok: false, problem: 'not_a_mark' })
    const noGs = `01${'0' + SHOE_EAN}21SERIAL1234567` + '91EE0692' + 'a'.repeat(44)
    const r = parseMark(noGs)
    expect(r).toMatchObject({ ok: false, problem: 'gs_missing' })
    expect(r.ok ? '' : r.message).toContain('GS separator')
    expect(parseMark(`01${'0' + SHOE_EAN}21bad~serial`)).toMatchObject({ ok: false, problem: 'bad_serial' })
  })

  it('tells a marking code from other codes', () => {
    expect(looksLikeMark(mark(SHOE_EAN, 'X1Y2Z3'))).toBe(true)
    expect(looksLikeMark(MUG_EAN)).toBe(false)
    expect(looksLikeMark('0104601234567893')).toBe(false)
  })
})

describe('interpretScan', () => {
  it('a product barcode, Ozon OZN code, offer id or SKU counts a unit', () => {
    expect(interpretScan(MUG_EAN, ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku, via: 'barcode' })
    expect(interpretScan(`OZN${SHOE.sku}`, ctx())).toMatchObject({ kind: 'unit', sku: SHOE.sku, via: 'barcode' })
    expect(interpretScan('MUG-RED-350', ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku, via: 'offer_id' })
    expect(interpretScan('mug-red-350', ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku, via: 'offer_id' })
    expect(interpretScan(String(SHOE.sku), ctx())).toMatchObject({ kind: 'unit', sku: SHOE.sku, via: 'sku' })
    expect(interpretScan(`  ${MUG_EAN}\n`, ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku })
  })

  it('an offer id typed on the Russian layout is read as the Latin keys meant', () => {
    expect(latinFromRussianLayout('ЬГП-КУВ-350')).toBe('MUG-RED-350')
    expect(interpretScan('ЬГП-КУВ-350', ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku, code: 'MUG-RED-350' })
  })

  it('a marking code goes to the item of its GTIN; on an unmarked item it is just a scan', () => {
    expect(interpretScan(mark(SHOE_EAN, 'SER001', '~'), ctx())).toEqual({ kind: 'mark', sku: SHOE.sku, code: mark(SHOE_EAN, 'SER001') })
    expect(interpretScan(mark(MUG_EAN, 'SER001'), ctx())).toMatchObject({ kind: 'unit', sku: MUG.sku, via: 'mark' })
    expect(interpretScan(mark('4600000000008', 'SER001'), ctx())).toMatchObject({ kind: 'mark_foreign', gtin: '04600000000008' })
    expect(interpretScan(`01${'0' + SHOE_EAN}21` + 'S'.repeat(30), ctx())).toMatchObject({ kind: 'bad_mark', problem: 'gs_missing' })
  })

  it('a marked item without an EAN takes the code when it is the only candidate or the selected line', () => {
    const noEan = ctx({ barcodes: new Map([[MUG.sku, [MUG_EAN]], [SHOE.sku, [`OZN${SHOE.sku}`]]]) })
    expect(interpretScan(mark('4600000000008', 'SER9'), noEan)).toMatchObject({ kind: 'mark', sku: SHOE.sku })
    const second = { ...SHOE, sku: 1400000303, offerId: 'SLP-FELT-40' }
    const two = ctx({ items: [MUG, SHOE, second], barcodes: new Map([[MUG.sku, [MUG_EAN]]]) })
    expect(interpretScan(mark('4600000000008', 'SER9'), two)).toMatchObject({ kind: 'mark_foreign' })
    expect(interpretScan(mark('4600000000008', 'SER9'), { ...two, selectedSku: second.sku })).toMatchObject({ kind: 'mark', sku: second.sku })
  })

  it('a posting number or an Ozon label barcode means "open that posting"', () => {
    expect(interpretScan('41257303-0007-1', ctx())).toEqual({ kind: 'posting', code: '41257303-0007-1' })
    expect(interpretScan('%101%806044518', ctx())).toEqual({ kind: 'posting', code: '%101%806044518' })
    expect(interpretScan('23024930500000', ctx())).toEqual({ kind: 'posting', code: '23024930500000' })
  })

  it('a known product of another posting is a wrong item, anything else unknown', () => {
    const other = { sku: 77, offerId: 'PLT-PORC-26', name: 'Тарелка' }
    const withOther = ctx({ otherProduct: (c) => (c === '4600000000008' ? other : undefined) })
    expect(interpretScan('4600000000008', withOther)).toEqual({ kind: 'other_product', product: other, code: '4600000000008' })
    expect(interpretScan('HELLO', ctx())).toEqual({ kind: 'unknown', code: 'HELLO' })
  })
})

describe('remainingToVerify', () => {
  it('lists what is still expected, in posting order', () => {
    const items = [
      { ...MUG, quantity: 2 },
      { ...SHOE, quantity: 1 },
    ]
    const plan = verifyUnit(initialPlan(items), items, MUG.sku).plan
    expect(remainingToVerify(items, items, plan)).toEqual([
      { sku: MUG.sku, offerId: MUG.offerId, name: MUG.name, remaining: 1 },
      { sku: SHOE.sku, offerId: SHOE.offerId, name: SHOE.name, remaining: 1 },
    ])
  })
})
