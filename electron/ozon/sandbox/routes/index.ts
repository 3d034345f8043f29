// Every Ozon method the sandbox answers, with whether it changes state (writes are persisted after they run),
// and the lazy "settle" steps run before each request. Methods that are polled and change state only now and then
// (a label task or a carriage reaching its due time) are reads that record that change themselves, so polling
// them neither rewrites the state file nor throws away the list caches.
import { cancelReasonListV2, cancelReasonV1, cancelV2 } from './cancel'
import { deliveredV2, deliveringV2, lastMileV2, trackingNumberSetV2 } from './delivery'
import { exemplarCreateOrGetV6, exemplarSetV6, exemplarStatusV5, exemplarValidateV5 } from './exemplars'
import { actCheckStatusV2, actGetPdfV2, actGetPostingsV2, carriageApproveV1, carriageCreateV1 } from './handover'
import { labelCreateV3, labelGetV2, packageLabelV2 } from './labels'
import { multiBoxQtySetV3, settleShipJobs, shipPackageV4, shipV4 } from './packing'
import { getByBarcodeV2, getPostingV3, postingListV3, postingListV4, unfulfilledListV3, unfulfilledListV4 } from './postings'
import { deliveryMethodListV1, deliveryMethodListV2, productInfoListV3, roles, warehouseListV1, warehouseListV2 } from './reference'
import type { Call, Route } from './types'

export interface RouteDef {
  handler: Route
  write: boolean
}

const read = (handler: Route): RouteDef => ({ handler, write: false })
const write = (handler: Route): RouteDef => ({ handler, write: true })

export const ROUTES: Record<string, RouteDef> = {
  '/v1/roles': read(roles),
  // reference data
  '/v2/warehouse/list': read(warehouseListV2),
  '/v1/warehouse/list': read(warehouseListV1),
  '/v2/delivery-method/list': read(deliveryMethodListV2),
  '/v1/delivery-method/list': read(deliveryMethodListV1),
  '/v3/product/info/list': read(productInfoListV3),
  // reading postings
  '/v4/posting/fbs/unfulfilled/list': read(unfulfilledListV4),
  '/v3/posting/fbs/unfulfilled/list': read(unfulfilledListV3),
  '/v4/posting/fbs/list': read(postingListV4),
  '/v3/posting/fbs/list': read(postingListV3),
  '/v3/posting/fbs/get': read(getPostingV3),
  '/v2/posting/fbs/get-by-barcode': read(getByBarcodeV2),
  // packing
  '/v4/posting/fbs/ship': write(shipV4),
  '/v4/posting/fbs/ship/package': write(shipPackageV4),
  '/v3/posting/multiboxqty/set': write(multiBoxQtySetV3),
  '/v3/posting/multi-box-qty/set': write(multiBoxQtySetV3), // the spelling one client uses (§6.4 [CONFLICT])
  // marking codes
  '/v6/fbs/posting/product/exemplar/create-or-get': write(exemplarCreateOrGetV6),
  '/v6/fbs/posting/product/exemplar/set': write(exemplarSetV6),
  '/v5/fbs/posting/product/exemplar/status': read(exemplarStatusV5),
  '/v5/fbs/posting/product/exemplar/validate': read(exemplarValidateV5),
  // labels
  '/v3/posting/fbs/package-label/create': write(labelCreateV3),
  '/v2/posting/fbs/package-label/get': read(labelGetV2), // finishing a due task touches the state,
  '/v2/posting/fbs/package-label': read(packageLabelV2),
  // tracking and seller-driven delivery
  '/v2/fbs/posting/tracking-number/set': write(trackingNumberSetV2),
  '/v2/fbs/posting/delivering': write(deliveringV2),
  '/v2/fbs/posting/last-mile': write(lastMileV2),
  '/v2/fbs/posting/delivered': write(deliveredV2),
  // hand-over
  '/v1/carriage/create': write(carriageCreateV1),
  '/v1/carriage/approve': write(carriageApproveV1),
  '/v2/posting/fbs/act/check-status': read(actCheckStatusV2), // forming a due act touches the state,
  '/v2/posting/fbs/act/get-pdf': read(actGetPdfV2),
  '/v2/posting/fbs/act/get-postings': read(actGetPostingsV2),
  // cancellation
  '/v2/posting/fbs/cancel-reason/list': read(cancelReasonListV2),
  '/v1/posting/fbs/cancel-reason': read(cancelReasonV1),
  '/v2/posting/fbs/cancel': write(cancelV2),
}

/** Work Ozon finishes asynchronously, settled before each request (no background timers: deterministic tests). */
export function settle(c: Call): void {
  settleShipJobs(c)
}
