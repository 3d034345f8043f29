// The orders area's contract methods.
import type { OrdersList, SyncState } from '../../../shared/contract'
import { DEFAULT_DIRECTION, DEFAULT_STATUSES, parseInboxQuery, type InboxQuery } from '../../../shared/domain/inbox-query'
import { StationError } from '../../../shared/errors'
import type { StoredDocument } from '../../store'
import type { Handlers } from '../dispatch'
import type { OrdersData } from './document'
import type { Inbox } from './inbox'
import type { OrdersSync } from './sync'
import type { SavedView } from './view'

export type OrdersMethod = 'orders.sync' | 'orders.list' | 'orders.get' | 'orders.find' | 'orders.view' | 'orders.setView' | 'orders.syncState'
type OrdersHandlers = Pick<Handlers, OrdersMethod>
type ListArgs = Parameters<Handlers['orders.list']>[0]

export interface OrdersHandlerDeps {
  doc: StoredDocument<OrdersData>
  sync: OrdersSync
  inbox: Inbox
  view: () => SavedView
  syncInterval: () => number
  now: () => Date
}

export function ordersHandlers({ doc, sync, inbox, view, syncInterval, now }: OrdersHandlerDeps): OrdersHandlers {
  const syncState = (): SyncState => ({
    running: sync.isRunning,
    lastSync: doc.data.lastSync,
    lastGoodSyncAt: doc.data.lastGoodSyncAt,
    intervalMinutes: syncInterval(),
  })

  return {
    'orders.sync': () => sync.run(),

    'orders.syncState': async () => syncState(),

    'orders.list': async (args): Promise<OrdersList> => {
      const query = queryOf(args)
      const result = inbox.query(query)
      const window = result.rows.slice(args.offset, args.offset + args.limit)
      return {
        total: result.total,
        postings: window.map((r) => r.entry.posting),
        rows: window.map((r) => inbox.rowInfo(r, result.now)),
        lastSync: doc.data.lastSync,
        sync: syncState(),
        // The clock when answering (a reused result may be a few seconds older): the screen counts down from it.
        now: now().toISOString(),
        timeZone: inbox.timeZone(),
        query: {
          filters: { ...query.filters, status: query.filters.status ?? [...DEFAULT_STATUSES] },
          search: query.search,
          sort: query.sort,
          direction: query.direction ?? DEFAULT_DIRECTION[query.sort],
        },
        facets: inbox.facets(result),
        summary: result.summary,
        problems: inbox.current().problems.length,
      }
    },

    'orders.get': async ({ postingNumber }) => {
      const found = Object.values(doc.data.postings).find((p) => p.postingNumber === postingNumber)
      if (!found) {
        throw new StationError({
          code: 'not_found',
          message: `Posting ${postingNumber} is not in the station's list. Sync, or check the number.`,
          key: 'errors.postingNotFound',
          params: { postingNumber },
        })
      }
      return found
    },

    'orders.find': ({ code }) => inbox.find(code),

    'orders.view': async () => view().get(),

    'orders.setView': (patch) => view().set(patch),
  }
}

/** The contract's list arguments → the inbox query; `statuses` is the older callers' name for the status filter. */
function queryOf(args: ListArgs): InboxQuery {
  const filters = { ...args.filters }
  if (filters.status === undefined && args.statuses !== undefined) filters.status = args.statuses
  return parseInboxQuery({ filters, search: args.search ?? '', sort: args.sort ?? 'timeLeft', direction: args.direction })
}
