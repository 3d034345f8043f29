// createOzonClient: one object per Ozon account (Client-Id) that the station talks to. It wires the transport
// (limits, retries, timeouts) to the method modules; all method versions live in those modules, in one place.
import { DEFAULT_VARIANTS, type MethodContext, type OzonClientVariants } from './context'
import type { OzonLocale } from './errors'
import { DEFAULT_GLOBAL_LIMIT, DEFAULT_METHOD_LIMITS, RateLimiter, realClock, sharedLimiter, type Clock, type WindowLimit } from './rate-limiter'
import { DEFAULT_RETRY, OzonTransport, type OzonLogger, type RetryPolicy } from './transport'
import { checkAccess, deliveryMethodPages, listDeliveryMethods, listWarehouses, warehousePages } from './methods/reference'
import {
  getPosting,
  getPostingByBarcode,
  postingListPages,
  productInfo,
  unfulfilledPages,
  type GetPostingOptions,
  type OzonProductInfo,
  type PostingListQuery,
  type PostingPage,
  type UnfulfilledQuery,
} from './methods/postings'
import type { OzonPosting, OzonPostingByBarcode } from './schemas/posting'
import type { OzonDeliveryMethod, OzonWarehouse } from './schemas/reference'

export interface OzonClientOptions {
  baseUrl: string
  clientId: string
  apiKey: string
  /** Per request, default 20 s. */
  timeoutMs?: number
  /** Language of OzonError.human. */
  locale?: OzonLocale
  logger?: OzonLogger
  retry?: Partial<RetryPolicy>
  /** Whole-account limit, default 45 requests in any second (Ozon allows 50). */
  rateLimit?: WindowLimit
  /** Stricter limits per method path; merged over the defaults (warehouse v1 once a minute, …). */
  methodLimits?: Record<string, WindowLimit>
  /** Share the limiter with other clients of the same Client-Id in this process (default true). */
  shareLimiter?: boolean
  keepAlive?: boolean
  variants?: Partial<OzonClientVariants>
  clock?: Clock
}

export interface OzonClient {
  readonly clientId: string
  listWarehouses(): Promise<OzonWarehouse[]>
  warehousePages(): AsyncGenerator<OzonWarehouse[]>
  listDeliveryMethods(): Promise<OzonDeliveryMethod[]>
  deliveryMethodPages(): AsyncGenerator<OzonDeliveryMethod[]>
  unfulfilledPages(q: UnfulfilledQuery): AsyncGenerator<PostingPage>
  postingListPages(q: PostingListQuery): AsyncGenerator<PostingPage>
  checkAccess(): Promise<{ roles: string[]; expiresAt: string | null }>
  getPosting(postingNumber: string, opts?: GetPostingOptions): Promise<OzonPosting>
  getPostingByBarcode(barcode: string): Promise<OzonPostingByBarcode>
  productInfo(q: { skus?: number[]; offerIds?: string[] }): Promise<OzonProductInfo[]>
  /** Releases pooled connections. */
  close(): void
}

const silentLogger: OzonLogger = { info() {}, warn() {}, error() {} }

export function createOzonClient(opts: OzonClientOptions): OzonClient {
  if (!opts.clientId?.trim()) throw new Error('Ozon Client-Id is empty — copy it from the seller cabinet (Settings → API keys)')
  if (!opts.apiKey?.trim()) throw new Error('Ozon Api-Key is empty — create a key in the seller cabinet (Settings → API keys)')
  const clock = opts.clock ?? realClock
  const makeLimiter = () =>
    new RateLimiter(opts.rateLimit ?? DEFAULT_GLOBAL_LIMIT, { ...DEFAULT_METHOD_LIMITS, ...opts.methodLimits }, clock)
  const limiter = opts.shareLimiter === false ? makeLimiter() : sharedLimiter(`${opts.baseUrl} ${opts.clientId}`, makeLimiter)
  const logger = opts.logger ?? silentLogger
  const locale = opts.locale ?? 'ru'
  const transport = new OzonTransport({
    baseUrl: opts.baseUrl,
    clientId: opts.clientId,
    apiKey: opts.apiKey,
    timeoutMs: opts.timeoutMs ?? 20_000,
    locale,
    logger,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    limiter,
    clock,
    keepAlive: opts.keepAlive ?? true,
  })
  const ctx: MethodContext = { transport, variants: { ...DEFAULT_VARIANTS, ...opts.variants }, locale, logger, learnt: new Map() }

  return {
    clientId: opts.clientId,
    listWarehouses: () => listWarehouses(ctx),
    warehousePages: () => warehousePages(ctx),
    listDeliveryMethods: () => listDeliveryMethods(ctx),
    deliveryMethodPages: () => deliveryMethodPages(ctx),
    unfulfilledPages: (q) => unfulfilledPages(ctx, q),
    postingListPages: (q) => postingListPages(ctx, q),
    checkAccess: () => checkAccess(ctx),
    getPosting: (n, o) => getPosting(ctx, n, o),
    getPostingByBarcode: (b) => getPostingByBarcode(ctx, b),
    productInfo: (q) => productInfo(ctx, q),
    close: () => transport.close(),
  }
}
