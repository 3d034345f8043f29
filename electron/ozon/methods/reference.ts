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

export async function* warehousePages(ctx: MethodContext): AsyncGenerator<OzonWarehouse[]> {
  const version = ctx.learnt.get('warehouses') ?? ctx.variants.warehouses
  if (version === 'v1') {
    const m = '/v1/warehouse/list'
    yield parseAnswer(ctx, m, WarehouseListV1Wire, await post(ctx, m, {}, { idempotent: true })).result
    return
  }
  const m = '/v2/warehouse/list'
  let cursor = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const a = parseAnswer(ctx, m, WarehouseListV2Wire, await post(ctx, m, { limit: 200, cursor }, { idempotent: true }))
    yield a.warehouses
    if (!a.has_next || !a.cursor || a.cursor === cursor) return
    cursor = a.cursor
  }
}

export async function listWarehouses(ctx: MethodContext): Promise<OzonWarehouse[]> {
  return withFallback(ctx, 'warehouses', ctx.variants.warehouses, 'v1', async (version) => {
    ctx.learnt.set('warehouses', version)
    const all: OzonWarehouse[] = []
    for await (const page of warehousePages(ctx)) all.push(...page)
    return all
  })
}

export async function* deliveryMethodPages(ctx: MethodContext): AsyncGenerator<OzonDeliveryMethod[]> {
  const version = ctx.learnt.get('deliveryMethods') ?? ctx.variants.deliveryMethods
  if (version === 'v1') {
    const m = '/v1/delivery-method/list'
    const limit = ctx.variants.deliveryMethodsV1PageSize
    for (let offset = 0, page = 0; page < MAX_PAGES; page++, offset += limit) {
      const a = parseAnswer(ctx, m, DeliveryMethodListV1Wire, await post(ctx, m, { limit, offset, filter: {} }, { idempotent: true }))
      yield a.result
      if (!a.has_next || a.result.length === 0) return
    }
    return
  }
  const m = '/v2/delivery-method/list'
  let cursor = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const a = parseAnswer(ctx, m, DeliveryMethodListV2Wire, await post(ctx, m, { limit: 100, cursor }, { idempotent: true }))
    yield a.delivery_methods
    if (!a.has_next || !a.cursor || a.cursor === cursor) return
    cursor = a.cursor
  }
}

export async function listDeliveryMethods(ctx: MethodContext): Promise<OzonDeliveryMethod[]> {
  return withFallback(ctx, 'deliveryMethods', ctx.variants.deliveryMethods, 'v1', async (version) => {
    ctx.learnt.set('deliveryMethods', version)
    const all: OzonDeliveryMethod[] = []
    for await (const page of deliveryMethodPages(ctx)) all.push(...page)
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
