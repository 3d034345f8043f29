// Opening a posting for packing: find it (by number, or by the barcode on its Ozon label), read it fresh from
// Ozon with its exemplars and related postings, learn its product barcodes, and restore the saved draft plan —
// or start one. When Ozon cannot be reached the last known data is used and the session says so.
import { StationError } from '../../../shared/errors'
import { initialPlan, orderedQuantities } from '../../../shared/domain/packing-plan'
import type { Posting } from '../../../shared/domain/posting'
import { OzonError } from '../../ozon'
import { requireAccount, type Account } from '../accounts'
import type { StationContext } from '../context'
import { postingFromOzon } from '../orders/from-ozon'
import type { ProductCatalog } from './catalog'
import type { Draft } from './document'
import type { DraftStore } from './drafts'
import { initialMarks } from './marks'

const POSTING_NUMBER = /^\d{5,}-\d{1,6}-\d{1,4}$/

export interface OpenDeps {
  ctx: StationContext
  drafts: DraftStore
  catalog: ProductCatalog
}

export interface Opened {
  draft: Draft
  /** Why the plan was started again although a draft existed (the order changed at Ozon). */
  planReset: boolean
}

/** Finds which account a posting belongs to: the one named, the draft's, the inbox's, else the only one. */
export function accountFor(ctx: StationContext, drafts: DraftStore, postingNumber: string | undefined, accountId?: string): Account {
  const accounts = ctx.accounts.list()
  // A posting of a removed account (or one whose key must be entered again) stays read-only: say so, never
  // try it under another account.
  if (accountId) return requireAccount(ctx.accounts, accountId)
  if (postingNumber) {
    const known = drafts.find(postingNumber)?.accountId ?? Object.values(ctx.orders.data.postings).find((p) => p.postingNumber === postingNumber)?.accountId
    if (known) return requireAccount(ctx.accounts, known)
  }
  const first = accounts[0]
  if (!first) throw new StationError({ code: 'not_found', message: 'No Ozon account is connected', key: 'packing:errors.noAccount', params: { accountId: '' } })
  return first
}

/** A scanned code → the posting number it stands for (a number as is; a label barcode through Ozon). */
export async function postingNumberFromCode(deps: OpenDeps, code: string, accountId?: string): Promise<{ postingNumber: string; account?: Account }> {
  const c = code.trim()
  if (POSTING_NUMBER.test(c)) return { postingNumber: c }
  const known = deps.drafts.findByLabel(c) ?? undefined
  if (known) return { postingNumber: known.postingNumber, account: deps.ctx.accounts.get(known.accountId) }
  const inbox = Object.values(deps.ctx.orders.data.postings).find((p) => p.labelBarcodes?.upper === c || p.labelBarcodes?.lower === c)
  if (inbox) return { postingNumber: inbox.postingNumber, account: deps.ctx.accounts.get(inbox.accountId) }
  const accounts = accountId ? [accountFor(deps.ctx, deps.drafts, undefined, accountId)] : deps.ctx.accounts.list()
  for (const account of accounts) {
    try {
      const found = await account.client.getPostingByBarcode(c)
      return { postingNumber: found.posting_number, account }
    } catch (err) {
      if (err instanceof OzonError && (err.kind === 'not_found' || err.kind === 'business' || err.kind === 'validation')) continue
      throw err
    }
  }
  throw new StationError({
    code: 'not_found',
    message: `No posting has the barcode ${c}. Scan the posting number or the barcode on the Ozon label`,
    key: 'packing:errors.noPostingForCode',
    params: { code: c },
  })
}

/** `busy`: a "Package the order" for this posting is under way (its journal entry is open). */
export async function openPosting(deps: OpenDeps, postingNumber: string, account: Account, busy = false): Promise<Opened> {
  const { ctx, drafts, catalog } = deps
  const saved = drafts.get(account.id, postingNumber)
  const at = ctx.now().toISOString()

  let posting: Posting
  let stale = false
  try {
    posting = postingFromOzon(await account.client.getPosting(postingNumber), account.id, at)
  } catch (err) {
    if (err instanceof OzonError && err.kind === 'not_found') {
      throw new StationError({
        code: 'not_found',
        message: `Ozon does not know posting ${postingNumber}. Check the number`,
        key: 'errors.postingNotFound',
        params: { postingNumber },
      })
    }
    // Ozon unreachable: carry on with what the bench knows, and say so.
    const known = saved?.posting ?? Object.values(ctx.orders.data.postings).find((p) => p.accountId === account.id && p.postingNumber === postingNumber)
    if (!known) throw err
    ctx.log.warn('posting opened from local data: Ozon not reachable', { postingNumber, error: String(err) })
    posting = known
    stale = true
  }
  if (!stale) await catalog.ensure(account, posting.items)

  if (saved) {
    // While packaging runs (or after it) Ozon's posting changes under it — the split — so the plan stays as sent.
    const finished = busy || saved.state === 'packed' || saved.state === 'shipping'
    const changed = !finished && !sameItems(saved.posting, posting)
    const draft: Draft = {
      ...saved,
      // A packed draft keeps the posting as it was packed; the original may be gone or cancelled at Ozon now.
      posting: finished ? saved.posting : posting,
      plan: changed ? initialPlan(posting.items) : saved.plan,
      marks: changed ? initialMarks(posting) : saved.marks,
      state: changed && saved.state === 'failed' ? 'draft' : saved.state,
      stale,
    }
    return { draft, planReset: changed }
  }
  return {
    draft: {
      accountId: account.id,
      postingNumber,
      posting,
      plan: initialPlan(posting.items),
      state: 'draft',
      marks: initialMarks(posting),
      result: null,
      lastError: null,
      stale,
      openedAt: at,
      updatedAt: at,
    },
    planReset: false,
  }
}

function sameItems(a: Posting, b: Posting): boolean {
  const qa = orderedQuantities(a.items)
  const qb = orderedQuantities(b.items)
  return qa.size === qb.size && [...qa].every(([sku, q]) => qb.get(sku) === q)
}
