// createOzonClient: one object per Ozon account (Client-Id) that the station talks to. It wires the transport
// (limits, retries, timeouts) to the method modules; all method versions live in those modules, in one place.
import { DEFAULT_VARIANTS, type MethodContext, type OzonClientVariants } from './context'
import type { OzonLocale } from './errors'
import { DEFAULT_GLOBAL_LIMIT, DEFAULT_METHOD_LIMITS, RateLimiter, realClock, sharedLimiter, type Clock, type WindowLimit } from './rate-limiter'
import { DEFAULT_RETRY, OzonTransport, type OzonLogger, type RetryPolicy } from './transport'
import { checkAccess, listDeliveryMethods, listWarehouses } from './methods/reference'
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
import {
  exemplarsCreateOrGet,
  exemplarsSet,
  exemplarsStatus,
  exemplarsValidate,
  setMultiBoxQty,
  ship,
  shipPackage,
  type ExemplarInput,
  type OzonExemplarProduct,
  type OzonExemplarStatus,
  type PackageLine,
  type PackagePlan,
  type ShipAnswer,
} from './methods/packing'
import {
  createLabelTasks,
  downloadLabel,
  fetchLabels,
  getLabelTask,
  labelsSync,
  type FetchLabelsOptions,
  type LabelBatch,
  type LabelTask,
  type LabelTaskState,
} from './methods/labels'
import {
  actPdf,
  actPostings,
  actStatus,
  approveCarriage,
  cancelPosting,
  cancelReasons,
  cancelReasonsFor,
  createCarriage,
  moveToDelivered,
  moveToDelivering,
  moveToLastMile,
  setTrackingNumbers,
  type ItemResult,
  type OzonActStatus,
} from './methods/dispatch'
import { shipIdempotent, type ShipIdempotentOptions, type ShipOutcome } from './ship-idempotent'
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
  listDeliveryMethods(): Promise<OzonDeliveryMethod[]>
  unfulfilledPages(q: UnfulfilledQuery): AsyncGenerator<PostingPage>
  postingListPages(q: PostingListQuery): AsyncGenerator<PostingPage>
  checkAccess(): Promise<{ roles: string[]; expiresAt: string | null }>
  getPosting(postingNumber: string, opts?: GetPostingOptions): Promise<OzonPosting>
  getPostingByBarcode(barcode: string): Promise<OzonPostingByBarcode>
  productInfo(q: { skus?: number[]; offerIds?: string[] }): Promise<OzonProductInfo[]>

  // packing
  /** One raw ship call (not repeated on an unclear outcome). The station should use shipIdempotent. */
  ship(postingNumber: string, packages: PackagePlan[]): Promise<ShipAnswer>
  /** Ship that is safe to repeat: re-reads, never double-ships, waits for awaiting_deliver, retries ship_failed. */
  shipIdempotent(postingNumber: string, packages: PackagePlan[], opts?: ShipIdempotentOptions): Promise<ShipOutcome>
  shipPackage(postingNumber: string, products: (PackageLine & { exemplarIds?: string[] })[]): Promise<string>
  setMultiBoxQty(postingNumber: string, boxes: number): Promise<boolean>
  exemplarsCreateOrGet(postingNumber: string): Promise<OzonExemplarProduct[]>
  exemplarsSet(postingNumber: string, products: { sku: number; exemplars: ExemplarInput[] }[], multiBoxQty?: number): Promise<void>
  exemplarsStatus(postingNumber: string): Promise<OzonExemplarStatus>
  exemplarsValidate(postingNumber: string, products: { sku: number; marks: string[] }[]): ReturnType<typeof exemplarsValidate>

  // labels
  createLabelTask(postingNumbers: string[]): Promise<LabelTask[]>
  getLabelTask(taskId: string): Promise<LabelTaskState>
  downloadLabel(fileUrl: string): Promise<Buffer>
  /** The old synchronous label PDF (≤20 postings, all or nothing). */
  labelsSync(postingNumbers: string[]): Promise<Buffer>
  /** Labels for any number of postings by the configured path, in batches of 20. */
  fetchLabels(postingNumbers: string[], opts?: FetchLabelsOptions): Promise<LabelBatch[]>

  // tracking and delivery
  setTrackingNumbers(pairs: { postingNumber: string; trackingNumber: string }[]): Promise<ItemResult[]>
  moveToDelivering(postingNumbers: string[]): Promise<ItemResult[]>
  moveToLastMile(postingNumbers: string[]): Promise<ItemResult[]>
  moveToDelivered(postingNumbers: string[]): Promise<ItemResult[]>

  // hand-over
  createCarriage(deliveryMethodId: string, departureDate?: string): Promise<string>
  approveCarriage(carriageId: string, containersCount?: number): Promise<void>
  actStatus(carriageId: string): Promise<OzonActStatus>
  actPdf(carriageId: string): Promise<Buffer>
  actPostings(carriageId: string): ReturnType<typeof actPostings>

  // cancellation
  cancelReasons(): ReturnType<typeof cancelReasons>
  cancelReasonsFor(postingNumbers: string[]): ReturnType<typeof cancelReasonsFor>
  cancelPosting(postingNumber: string, reasonId: number, message?: string): Promise<boolean>

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
  const ctx: MethodContext = { transport, variants: { ...DEFAULT_VARIANTS, ...opts.variants }, locale, logger, learnt: new Map(), clock }

  return {
    clientId: opts.clientId,
    listWarehouses: () => listWarehouses(ctx),
    listDeliveryMethods: () => listDeliveryMethods(ctx),
    unfulfilledPages: (q) => unfulfilledPages(ctx, q),
    postingListPages: (q) => postingListPages(ctx, q),
    checkAccess: () => checkAccess(ctx),
    getPosting: (n, o) => getPosting(ctx, n, o),
    getPostingByBarcode: (b) => getPostingByBarcode(ctx, b),
    productInfo: (q) => productInfo(ctx, q),
    ship: (n, p) => ship(ctx, n, p),
    shipIdempotent: (n, p, o) => shipIdempotent(ctx, n, p, o),
    shipPackage: (n, p) => shipPackage(ctx, n, p),
    setMultiBoxQty: (n, b) => setMultiBoxQty(ctx, n, b),
    exemplarsCreateOrGet: (n) => exemplarsCreateOrGet(ctx, n),
    exemplarsSet: (n, p, q) => exemplarsSet(ctx, n, p, q),
    exemplarsStatus: (n) => exemplarsStatus(ctx, n),
    exemplarsValidate: (n, p) => exemplarsValidate(ctx, n, p),
    createLabelTask: (n) => createLabelTasks(ctx, n),
    getLabelTask: (id) => getLabelTask(ctx, id),
    downloadLabel: (url) => downloadLabel(ctx, url),
    labelsSync: (n) => labelsSync(ctx, n),
    fetchLabels: (n, o) => fetchLabels(ctx, n, o),
    setTrackingNumbers: (p) => setTrackingNumbers(ctx, p),
    moveToDelivering: (n) => moveToDelivering(ctx, n),
    moveToLastMile: (n) => moveToLastMile(ctx, n),
    moveToDelivered: (n) => moveToDelivered(ctx, n),
    createCarriage: (d, dt) => createCarriage(ctx, d, dt),
    approveCarriage: (id, c) => approveCarriage(ctx, id, c),
    actStatus: (id) => actStatus(ctx, id),
    actPdf: (id) => actPdf(ctx, id),
    actPostings: (id) => actPostings(ctx, id),
    cancelReasons: () => cancelReasons(ctx),
    cancelReasonsFor: (n) => cancelReasonsFor(ctx, n),
    cancelPosting: (n, r, m) => cancelPosting(ctx, n, r, m),
    close: () => transport.close(),
  }
}
