// Public face of the Ozon Seller API client. The station imports from here only.
export { createOzonClient, type OzonClient, type OzonClientOptions } from './client'
export { OzonError, isOzonError, humanMessage, ALREADY_PACKED_REASONS, type OzonErrorKind, type OzonLocale } from './errors'
export { DEFAULT_VARIANTS, type OzonClientVariants } from './context'
export type { OzonLogger, RetryPolicy } from './transport'
export type { WindowLimit, Clock } from './rate-limiter'
export type { PostingPage, UnfulfilledQuery, PostingListQuery, GetPostingOptions, WithBlocks } from './methods/postings'
export { OzonProductInfo } from './methods/postings'
export { OzonExemplarProduct, OzonExemplarSlot, checkPlan } from './methods/packing'
export type { PackagePlan, PackageLine, ShipAnswer, ExemplarInput, OzonExemplarStatus } from './methods/packing'
export type { LabelTask, LabelTaskState, LabelBatch, LabelSize, FetchLabelsOptions } from './methods/labels'
export type { ItemResult, OzonActStatus } from './methods/dispatch'
export type { ShipIdempotentOptions, ShipOutcome, PackedPosting } from './ship-idempotent'
export {
  OzonPosting,
  OzonPostingProduct,
  OzonPostingByBarcode,
  OzonTariffStep,
  OzonRequirements,
  OzonBarcodes,
  OzonCancellation,
  OzonProductExemplars,
} from './schemas/posting'
export { OzonWarehouse, OzonDeliveryMethod } from './schemas/reference'
export { Money } from './schemas/primitives'
