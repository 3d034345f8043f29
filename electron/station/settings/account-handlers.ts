// The Ozon accounts as Settings works with them. The registry (../accounts.ts) owns keys and clients; this
// file adds what the UI needs around it: posting counts, audit entries and deleting a removed account's data.
import type { AccountInfo, AccountsList } from '../../../shared/contract/accounts'
import { DEMO_ACCOUNT_ID, type AccessCheck } from '../../../shared/domain/accounts'
import type { StoredDocument } from '../../store'
import type { AccountView } from '../accounts'
import type { StationContext } from '../context'
import type { Handlers } from '../dispatch'
import type { OrdersData } from '../orders/document'

type AccountMethods =
  | 'accounts.list'
  | 'accounts.check'
  | 'accounts.add'
  | 'accounts.recheck'
  | 'accounts.replaceKey'
  | 'accounts.rename'
  | 'accounts.remove'
  | 'accounts.deleteData'

export function accountHandlers(ctx: StationContext): Pick<Handlers, AccountMethods> {
  const admin = ctx.accounts.admin
  const audit = (action: string, details: Record<string, unknown>) => ctx.audit.append({ ...ctx.actor(), action, details })

  const info = (v: AccountView): AccountInfo => ({ ...v, postings: countPostings(ctx.orders.data, v.id) })
  const list = (): AccountsList => {
    const accounts = admin.views().map(info)
    const demoLeft = ctx.accounts.mode() === 'live' ? countPostings(ctx.orders.data, DEMO_ACCOUNT_ID) : 0
    // Demo postings still here in live mode (the station was started live on a demo data dir, or a sync of the
    // demo was still running when the account was connected) stay read-only until deleted, like a removed account's.
    if (demoLeft > 0) accounts.push({ ...DEMO_LEFTOVER, postings: demoLeft })
    return { mode: ctx.accounts.mode(), secretStorage: admin.secretStorage, accounts }
  }
  const infoOf = (id: string | null) => {
    const v = id ? admin.views().find((x) => x.id === id) : undefined
    return v ? info(v) : null
  }
  // What the audit keeps of a check: the verdict, never the key.
  const verdict = (c: AccessCheck) => ({ outcome: c.outcome, expiresAt: c.expiresAt })

  return {
    'accounts.list': async () => list(),

    'accounts.check': (credentials) => admin.check(credentials),

    'accounts.add': async ({ clientId, apiKey, url, label, saveUnverified }) => {
      const wasDemo = ctx.accounts.mode() === 'demo'
      const result = await admin.add({ clientId, apiKey, url, label, saveUnverified })
      await audit(result.saved ? 'account.add' : 'account.add.refused', { clientId, url, ...verdict(result.check) })
      // The person just connected their real cabinet: the demo's made-up postings would only confuse the inbox.
      if (result.saved && wasDemo && ctx.accounts.mode() === 'live') await dropAccountData(ctx.orders, DEMO_ACCOUNT_ID)
      return { saved: result.saved, check: result.check, account: infoOf(result.accountId) }
    },

    'accounts.recheck': async ({ id }) => {
      const check = await admin.recheck(id)
      await audit('account.check', { id, ...verdict(check) })
      return check
    },

    'accounts.replaceKey': async ({ id, apiKey, saveUnverified }) => {
      const result = await admin.replaceKey(id, apiKey, saveUnverified)
      await audit(result.saved ? 'account.key.replace' : 'account.key.refused', { id, ...verdict(result.check) })
      return { saved: result.saved, check: result.check, account: infoOf(result.accountId) }
    },

    'accounts.rename': async ({ id, label }) => {
      const view = await admin.rename(id, label)
      return info(view)
    },

    'accounts.remove': async ({ id }) => {
      await admin.remove(id)
      await audit('account.remove', { id })
      return list()
    },

    'accounts.deleteData': async ({ id }) => {
      if (id !== DEMO_ACCOUNT_ID || ctx.accounts.mode() === 'demo') await admin.forget(id)
      const removed = await dropAccountData(ctx.orders, id)
      await audit('account.deleteData', { id, postings: removed })
      return list()
    },
  }
}

const DEMO_LEFTOVER: AccountInfo = {
  id: DEMO_ACCOUNT_ID,
  label: 'Demo',
  clientId: DEMO_ACCOUNT_ID,
  url: '',
  source: 'demo',
  state: 'removed',
  lastCheck: null,
  addedAt: null,
  removedAt: null,
  postings: 0,
}

export function countPostings(data: OrdersData, accountId: string): number {
  let n = 0
  for (const p of Object.values(data.postings)) if (p.accountId === accountId) n++
  return n
}

/** Removes an account's postings and reference data from the orders document; returns how many postings went. */
export async function dropAccountData(orders: StoredDocument<OrdersData>, accountId: string): Promise<number> {
  const keys = Object.entries(orders.data.postings)
    .filter(([, p]) => p.accountId === accountId)
    .map(([k]) => k)
  const hasReference =
    orders.data.warehouses.some((w) => w.accountId === accountId) ||
    orders.data.deliveryMethods.some((m) => m.accountId === accountId) ||
    accountId in orders.data.referenceFetchedAt
  if (keys.length === 0 && !hasReference) return 0
  await orders.update((d) => {
    for (const k of keys) delete d.postings[k]
    d.warehouses = d.warehouses.filter((w) => w.accountId !== accountId)
    d.deliveryMethods = d.deliveryMethods.filter((m) => m.accountId !== accountId)
    delete d.referenceFetchedAt[accountId]
  })
  return keys.length
}
