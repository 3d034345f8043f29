// What every area of the core (orders, packing, labels, printing, tracking, dispatch, settings) is given.
// An area is a function (ctx) → { handlers, start?, close? }; createStation wires them together.
import type { Logger } from '../../shared/log'
import type { AuditLog, Journal, StoredDocument } from '../store'
import type { Accounts } from './accounts'
import type { StationConfig } from './config'
import type { Handlers } from './dispatch'
import type { EventBus } from './events'
import type { OrdersData } from './orders/document'
import type { SettingsData } from './settings/document'

export interface StationContext {
  config: StationConfig
  log: Logger
  events: EventBus
  accounts: Accounts
  journal: Journal
  audit: AuditLog
  settings: StoredDocument<SettingsData>
  orders: StoredDocument<OrdersData>
  now: () => Date
  /** Who is at the bench and which bench it is — for audit entries and journaled operations. */
  actor(): { operator: string; bench: string }
}

export interface Area<M extends keyof Handlers = keyof Handlers> {
  handlers: Pick<Handlers, M>
  /** Called once every area is wired (start timers, resume journaled operations). */
  start?(): void | Promise<void>
  /** Called on shutdown, in reverse order. */
  close?(): void | Promise<void>
}
