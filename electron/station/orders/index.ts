// The orders area: the inbox's data (sync from Ozon into the orders document) and its contract methods.
import type { Area, StationContext } from '../context'
import { ordersHandlers } from './handlers'
import { OrdersSync } from './sync'

export function ordersArea(ctx: StationContext): Area<'orders.sync' | 'orders.list' | 'orders.get'> {
  const sync = new OrdersSync({ doc: ctx.orders, accounts: () => ctx.accounts.list(), events: ctx.events, log: ctx.log, now: ctx.now })
  return {
    handlers: ordersHandlers(ctx.orders, sync),
    start: () => sync.startBackground(ctx.config.syncIntervalMinutes),
    close: async () => {
      sync.stopBackground()
      await sync.settle()
    },
  }
}
