// What the station's bag label shows for one package: the facts, not where they go (that is label-layout.ts).
import type { LabelCaptions, LabelLocale } from './label-captions'
import type { Posting } from './posting'

export interface BagLabelItem {
  offerId: string
  name: string
  quantity: number
}

export interface BagLabelInput {
  /** The package's own posting number (after a split each package is its own posting); Code 128 on the label. */
  postingNumber: string
  orderNumber: string
  /** "package k of n" of the order's packages, 1-based. */
  packageIndex: number
  packageCount: number
  /** Logistics company (Ozon's tpl_provider). */
  carrier: string
  deliveryMethod: string
  warehouse: string
  /** Ship-by deadline, ISO UTC (Ozon's shipment_date). */
  shipBy: string
  items: BagLabelItem[]
  /** Printed as a second Code 128 when present. */
  trackingNumber?: string | null
  /** Adds a DataMatrix of the posting number for 2D scanners. */
  dataMatrix?: boolean
  /** Language of the captions. */
  locale: LabelLocale
  /** The bench's IANA time zone, e.g. "Europe/Moscow": the ship-by time is printed in it. */
  timeZone: string
  /** Overrides of single captions (a shop's own wording). */
  captions?: Partial<LabelCaptions>
}

/** The label facts of one posting as the station keeps it (one package = one posting after packing). */
export function bagLabelInputFromPosting(
  posting: Posting,
  opts: {
    packageIndex: number
    packageCount: number
    locale: LabelLocale
    timeZone: string
    dataMatrix?: boolean
    captions?: Partial<LabelCaptions>
  },
): BagLabelInput {
  return {
    postingNumber: posting.postingNumber,
    orderNumber: posting.orderNumber,
    packageIndex: opts.packageIndex,
    packageCount: opts.packageCount,
    carrier: posting.carrier.name,
    deliveryMethod: posting.deliveryMethod.name,
    warehouse: posting.warehouse.name,
    shipBy: posting.shipmentDate,
    items: posting.items.map((i) => ({ offerId: i.offerId, name: i.name, quantity: i.quantity })),
    trackingNumber: posting.trackingNumber || null,
    dataMatrix: opts.dataMatrix ?? false,
    locale: opts.locale,
    timeZone: opts.timeZone,
    captions: opts.captions,
  }
}
