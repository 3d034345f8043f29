// Reference data the station caches per Ozon account: the seller's warehouses and delivery methods.
import { z } from 'zod'

export const Warehouse = z.object({
  accountId: z.string(),
  id: z.string(),
  name: z.string(),
  status: z.string(),
  /** BIG (75×120) or SMALL Ozon label chosen for this warehouse, when Ozon says. */
  labelSize: z.enum(['BIG', 'SMALL']).nullable(),
  firstMile: z.string().nullable(),
})
export type Warehouse = z.infer<typeof Warehouse>

export const DeliveryMethod = z.object({
  accountId: z.string(),
  id: z.string(),
  name: z.string(),
  status: z.string(),
  warehouseId: z.string(),
  carrierId: z.string().nullable(),
  integrationType: z.string().nullable(),
  /** Daily packing cut-off "HH:MM". */
  cutoff: z.string().nullable(),
})
export type DeliveryMethod = z.infer<typeof DeliveryMethod>
