// <dataDir>/packing.json: the packing drafts of this bench (plan, verification, marking codes, outcome) and the
// product barcodes learnt from Ozon, cached per SKU. A draft is written on every change, so closing the app
// mid-packing and opening it again restores the plan exactly.
import { z } from 'zod'
import { MarksState, PackingResult, PackingState } from '../../../shared/contract/packing'
import { PackingPlan } from '../../../shared/domain/packing-plan'
import { Posting } from '../../../shared/domain/posting'
import type { DocumentSpec } from '../../store'

export const Draft = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  /** The posting as Ozon last gave it to this screen. */
  posting: Posting,
  plan: PackingPlan,
  state: PackingState,
  marks: MarksState,
  result: PackingResult.nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  stale: z.boolean(),
  openedAt: z.string(),
  updatedAt: z.string(),
})
export type Draft = z.infer<typeof Draft>

export const ProductRecord = z.object({
  accountId: z.string(),
  sku: z.number().int(),
  offerId: z.string(),
  name: z.string(),
  barcodes: z.array(z.string()),
  image: z.string().nullable(),
  fetchedAt: z.string(),
})
export type ProductRecord = z.infer<typeof ProductRecord>

export const PackingData = z.object({
  /** Keyed by draftKey(accountId, postingNumber). */
  drafts: z.record(z.string(), Draft),
  /** Keyed by productKey(accountId, sku). */
  products: z.record(z.string(), ProductRecord),
})
export type PackingData = z.infer<typeof PackingData>

export const packingDocument: DocumentSpec<PackingData> = {
  name: 'packing',
  version: 1,
  schema: PackingData,
  defaults: () => ({ drafts: {}, products: {} }),
}

export const draftKey = (accountId: string, postingNumber: string) => `${accountId}/${postingNumber}`
export const productKey = (accountId: string, sku: number) => `${accountId}/${sku}`

export const NO_MARKS: MarksState = { status: 'not_needed', rejected: [], checkedAt: null, message: null }
