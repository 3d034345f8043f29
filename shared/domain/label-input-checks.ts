// Label facts checked before anything is laid out: what a barcode cannot carry, what is missing or absurd
// becomes a LabelError naming the field and what to do. What passes comes back cleaned (one line per value).
import { firstNonCode128Char, type Dpi } from './label-barcode'
import { LABEL_CAPTIONS, LABEL_LOCALES, ShipByFormatError, formatShipBy, type LabelCaptions } from './label-captions'
import { LabelError } from './label-error'
import type { BagLabelInput } from './label-input'
import type { LabelSize } from './label-layout'

/** Any side outside this range is not label stock but a typo (5 mm, 2000 mm). */
export const LABEL_SIDE_LIMITS_MM = { min: 20, max: 300 } as const

/**
 * The facts as they are laid out: every text one clean line, the ship-by date formatted in the bench's time zone,
 * the captions complete in the label's language (locale and time zone are spent on those two).
 */
export interface CheckedInput extends Omit<BagLabelInput, 'trackingNumber' | 'dataMatrix' | 'locale' | 'timeZone' | 'captions'> {
  trackingNumber: string | undefined
  dataMatrix: boolean
  captions: LabelCaptions
}

/** Control characters and runs of white space become one space: a label line is one line. */
function clean(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\p{Cc}\s]+/gu, ' ').trim() : ''
}

const MAX_BARCODE_CHARS = 48

function checkCode128Field(field: 'postingNumber' | 'trackingNumber', value: string, what: string): void {
  const bad = firstNonCode128Char(value)
  if (bad) {
    throw new LabelError(
      'unencodable',
      field,
      `the ${what} "${value}" contains "${bad.char}" (character ${bad.index + 1}), which a Code 128 barcode cannot carry`,
      `Use Latin letters, digits and ASCII punctuation only${field === 'trackingNumber' ? ' — re-scan or re-type the tracking number' : ''}.`,
    )
  }
  if (value.length > MAX_BARCODE_CHARS) {
    throw new LabelError(
      'unencodable',
      field,
      `the ${what} is ${value.length} characters long; a label barcode holds at most ${MAX_BARCODE_CHARS}`,
      `Check that the ${what} was entered correctly.`,
    )
  }
}

export function checkInput(input: BagLabelInput): CheckedInput {
  const postingNumber = clean(input.postingNumber)
  if (!postingNumber) {
    throw new LabelError('missing_field', 'postingNumber', 'the posting number is empty', 'A label needs the posting number of its package.')
  }
  checkCode128Field('postingNumber', postingNumber, 'posting number')
  const orderNumber = clean(input.orderNumber)
  if (!orderNumber) {
    throw new LabelError('missing_field', 'orderNumber', 'the order number is empty', 'Reload the posting from Ozon.')
  }
  const { packageIndex: k, packageCount: n } = input
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 1 || k > n) {
    throw new LabelError(
      'invalid_package_number',
      'packageIndex',
      `"package ${k} of ${n}" is not a package of the order`,
      'Package numbers run from 1 to the number of packages; check the packing plan.',
    )
  }
  if (!LABEL_LOCALES.includes(input.locale)) {
    throw new LabelError('invalid_locale', 'locale', `"${String(input.locale)}" is not a label language`, `Choose one of ${LABEL_LOCALES.join(', ')}.`)
  }
  if (!Array.isArray(input.items) || input.items.length === 0) {
    throw new LabelError('no_items', 'items', 'the package has no items', 'A package holds at least one item; check the packing plan of this posting.')
  }
  const items = input.items.map((item, i) => {
    const offerId = clean(item.offerId)
    const name = clean(item.name)
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new LabelError('invalid_item', `items[${i}].quantity`, `quantity ${item.quantity} of "${offerId || name}" is not a whole number of pieces`, 'Fix the quantity in the packing plan.')
    }
    if (!offerId && !name) {
      throw new LabelError('invalid_item', `items[${i}]`, 'the item has neither an offer id nor a name', 'Reload the posting from Ozon.')
    }
    return { offerId, name, quantity: item.quantity }
  })
  const trackingNumber = clean(input.trackingNumber ?? '') || undefined
  if (trackingNumber) checkCode128Field('trackingNumber', trackingNumber, 'tracking number')
  let shipBy: string
  try {
    shipBy = formatShipBy(clean(input.shipBy), input.timeZone, input.locale)
  } catch (err) {
    if (!(err instanceof ShipByFormatError)) throw err
    throw err.field === 'timeZone'
      ? new LabelError('invalid_time_zone', 'timeZone', err.message, 'Set the bench time zone in settings, e.g. "Europe/Moscow".')
      : new LabelError('invalid_date', 'shipBy', err.message, 'Reload the posting from Ozon: its ship-by date is missing or broken.')
  }
  const captions = { ...LABEL_CAPTIONS[input.locale], ...input.captions }
  return {
    postingNumber,
    orderNumber,
    packageIndex: k,
    packageCount: n,
    carrier: clean(input.carrier) || '—',
    deliveryMethod: clean(input.deliveryMethod),
    warehouse: clean(input.warehouse) || '—',
    shipBy,
    items,
    trackingNumber,
    dataMatrix: input.dataMatrix === true,
    captions,
  }
}

export function checkSize(size: LabelSize, dpi: Dpi): void {
  const { widthMm: w, heightMm: h } = size
  const { min, max } = LABEL_SIDE_LIMITS_MM
  if (!Number.isFinite(w) || !Number.isFinite(h) || Math.min(w, h) < min || Math.max(w, h) > max) {
    throw new LabelError(
      'invalid_size',
      'size',
      `a ${w}×${h} mm label is outside ${min}–${max} mm per side`,
      'Choose a preset (58×40, 75×120, 100×150) or enter the label stock size in mm.',
    )
  }
  if (dpi !== 203 && dpi !== 300) {
    throw new LabelError('invalid_dpi', 'dpi', `${String(dpi)} dpi is not a print head resolution the station supports`, 'Choose 203 or 300 dpi, as printed on the printer.')
  }
}
