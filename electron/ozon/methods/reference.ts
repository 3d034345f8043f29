// Warehouses, delivery methods and the key check (§4, §1.1). Cached by the station at start-up.
import { z } from 'zod'
import { parseAnswer, post, withFallback, type MethodContext } from '../context'
import {
  DeliveryMethodListV1Wire,
  DeliveryMethodListV2Wire,
  WarehouseListV1Wire,
  WarehouseListV2Wire,
  type OzonDeliveryMethod,
  type OzonWarehouse,
} from '../schemas/reference'
import { NullableStr } from '../schemas/primitives'

/** Safety net against a server that keeps saying has_next: no account has this many pages. */
const MAX_PAGES = 10_000

/** A v2 reference list, page by page on Ozon's cursor. */
async function cursorList<A extends { cursor: string; has_next: boolean }, T>(
  ctx: MethodContext,
  m: string,
  schema: z.ZodType<A>,
  limit: number,
  items: (a: A) => T[],
): Promise<T[]> {
  const all: T[] = []
  let cursor = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const a = parseAnswer(ctx, m, schema, await post(ctx, m, { limit, cursor }, { idempotent: true }))
    all.push(...items(a))
    if (!a.has_next || !a.cursor || a.cursor === cursor) break
    cursor = a.cursor
  }
  return all
}

export function listWarehouses(ctx: MethodContext): Promise<OzonWarehouse[]> {
  return withFallback(ctx, 'warehouses', ctx.variants.warehouses, 'v1', async (version) => {
    if (version === 'v2') return cursorList(ctx, '/v2/warehouse/list', WarehouseListV2Wire, 200, (a) => a.warehouses)
    const m = '/v1/warehouse/list'
    return parseAnswer(ctx, m, WarehouseListV1Wire, await post(ctx, m, {}, { idempotent: true })).result
  })
}

export function listDeliveryMethods(ctx: MethodContext): Promise<OzonDeliveryMethod[]> {
  return withFallback(ctx, 'deliveryMethods', ctx.variants.deliveryMethods, 'v1', async (version) => {
    if (version === 'v2') return cursorList(ctx, '/v2/delivery-method/list', DeliveryMethodListV2Wire, 100, (a) => a.delivery_methods)
    // v1 pages by offset; its page size is a switch (§13.8).
    const m = '/v1/delivery-method/list'
    const limit = ctx.variants.deliveryMethodsV1PageSize
    const all: OzonDeliveryMethod[] = []
    for (let offset = 0, page = 0; page < MAX_PAGES; page++, offset += limit) {
      const a = parseAnswer(ctx, m, DeliveryMethodListV1Wire, await post(ctx, m, { limit, offset, filter: {} }, { idempotent: true }))
      all.push(...a.result)
      if (!a.has_next || a.result.length === 0) break
    }
    return all
  })
}

// `/v1/roles` [NEWER][UNCERTAIN]: roles may come as names or as `{name, methods}` objects; both are read.
const RolesWire = z.object({
  roles: z
    .array(z.union([z.string(), z.object({ name: z.string() }).loose()]))
    .nullish()
    .transform((v) => (v ?? []).map((r) => (typeof r === 'string' ? r : r.name))),
  expires_at: NullableStr,
})

export async function checkAccess(ctx: MethodContext): Promise<{ roles: string[]; expiresAt: string | null }> {
  const m = '/v1/roles'
  const raw = (await post(ctx, m, {}, { idempotent: true })) as Record<string, unknown> | null
  const inner = raw && typeof raw === 'object' && raw.result && typeof raw.result === 'object' ? raw.result : raw
  const a = parseAnswer(ctx, m, RolesWire, inner)
  return { roles: a.roles, expiresAt: a.expires_at }
}
