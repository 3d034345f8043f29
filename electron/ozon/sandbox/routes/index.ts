// Every Ozon method the sandbox answers, with whether it changes state (writes are persisted after they run).
import { deliveryMethodListV1, deliveryMethodListV2, productInfoListV3, roles, warehouseListV1, warehouseListV2 } from './reference'
import { getByBarcodeV2, getPostingV3, postingListV3, postingListV4, unfulfilledListV3, unfulfilledListV4 } from './postings'
import type { Route } from './types'

export interface RouteDef {
  handler: Route
  write: boolean
}

const read = (handler: Route): RouteDef => ({ handler, write: false })
const write = (handler: Route): RouteDef => ({ handler, write: true })

export const ROUTES: Record<string, RouteDef> = {
  '/v1/roles': read(roles),
  '/v2/warehouse/list': read(warehouseListV2),
  '/v1/warehouse/list': read(warehouseListV1),
  '/v2/delivery-method/list': read(deliveryMethodListV2),
  '/v1/delivery-method/list': read(deliveryMethodListV1),
  '/v4/posting/fbs/unfulfilled/list': read(unfulfilledListV4),
  '/v3/posting/fbs/unfulfilled/list': read(unfulfilledListV3),
  '/v4/posting/fbs/list': read(postingListV4),
  '/v3/posting/fbs/list': read(postingListV3),
  '/v3/posting/fbs/get': read(getPostingV3),
  '/v2/posting/fbs/get-by-barcode': read(getByBarcodeV2),
  '/v3/product/info/list': read(productInfoListV3),
}

export { write }
