import type { Posting } from '../../../shared/domain/posting'
import { StationError } from '../../../shared/errors'
import type { StoredDocument } from '../../store'
import type { Handlers } from '../dispatch'
import type { OrdersData } from './document'
import type { OrdersSync } from './sync'

type OrdersHandlers = Pick<Handlers, 'orders.sync' | 'orders.list' | 'orders.get'>

export function ordersHandlers(doc: StoredDocument<OrdersData>, sync: OrdersSync): OrdersHandlers {
  return {
    'orders.sync': () => sync.run(),

    'orders.list': async ({ statuses, offset, limit }) => {
      const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null
      const all = Object.values(doc.data.postings)
        .filter((p) => !wanted || wanted.has(p.status))
        .sort(byShipBy)
      return { total: all.length, postings: all.slice(offset, offset + limit), lastSync: doc.data.lastSync }
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
  }
}

function byShipBy(a: Posting, b: Posting): number {
  return a.shipmentDate.localeCompare(b.shipmentDate) || a.postingNumber.localeCompare(b.postingNumber)
}
