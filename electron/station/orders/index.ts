// The orders area: the inbox's data — sync from Ozon into the orders document, reference data on its own
// schedule, the inbox index queried per request, scanned-code lookup and the saved view — and its methods.
import type { Area, StationContext } from '../context'
import { ordersHandlers, type OrdersMethod } from './handlers'
import { Inbox } from './inbox'
import { ReferenceData } from './reference'
import { SyncSchedule } from './schedule'
import { OrdersSync } from './sync'
import { SavedView } from './view'
import { watchDocument } from './watched-document'

export type { OrdersMethod } from './handlers'

/** Changes close together (a sync's writes, packing's refresh + its event) reach the screens as one event. */
const CHANGE_EVENT_DELAY_MS = 100

export function ordersArea(ctx: StationContext): Area<OrdersMethod> {
  const profile = () => ctx.settings.data.bench
  let pendingReason: 'sync' | 'packing' | 'settings' | 'accounts' | 'other' | null = null
  let changeTimer: NodeJS.Timeout | null = null
  const changed = (reason: NonNullable<typeof pendingReason>) => {
    inbox.invalidate()
    pendingReason = reason
    changeTimer ??= setTimeout(() => {
      changeTimer = null
      const r = pendingReason ?? 'other'
      pendingReason = null
      ctx.events.emit('orders.changed', { reason: r })
    }, CHANGE_EVENT_DELAY_MS)
  }

  // Extension point: every area writes the orders document through ctx.orders; wrapping it here lets the inbox
  // index follow writes made elsewhere (packing's refresh after a ship, settings deleting an account's data).
  const doc = watchDocument(ctx.orders, () => changed(sync?.isRunning ? 'sync' : 'other'))
  ctx.orders = doc

  const accounts = () => ctx.accounts.list()
  const inbox = new Inbox({
    doc,
    journal: ctx.journal,
    profile,
    accounts,
    accountLabel: (id) => ctx.accounts.admin.views().find((v) => v.id === id)?.label ?? ctx.accounts.get(id)?.label ?? id,
    limits: () => profile().preparationLimits,
    now: ctx.now,
  })
  const reference = new ReferenceData({ doc, accounts, events: ctx.events, log: ctx.log, now: ctx.now })
  // "Sync finished" is a change of its own: lists asked during the sync's write still said "running".
  const sync: OrdersSync = new OrdersSync({ doc, accounts, reference, events: ctx.events, log: ctx.log, now: ctx.now, onFinished: () => changed('sync') })
  const schedule = new SyncSchedule({
    sync,
    reference,
    enabled: ctx.config.syncIntervalMinutes > 0,
    intervalMinutes: () => profile().syncIntervalMinutes,
    log: ctx.log,
  })

  let view: SavedView | null = null
  const applyBenchDefaults = async () => {
    if (view && (await view.applyBenchDefaults(profile()))) changed('settings')
  }

  const unsubscribe = ctx.events.subscribe((event, payload) => {
    if (event === 'settings.changed' && (payload as { part: string }).part === 'profile') {
      changed('settings')
      schedule.settingsChanged()
      void applyBenchDefaults().catch((err: unknown) => ctx.log.warn('inbox: bench default filters not applied', { error: String(err) }))
    } else if (event === 'packing.shipped') {
      changed('packing')
    }
  })
  const unwatchAccounts = ctx.accounts.onChange(() => {
    changed('accounts')
    schedule.nudge()
  })

  return {
    handlers: ordersHandlers({
      doc,
      sync,
      inbox,
      view: () => {
        if (!view) throw new Error('the inbox view is opened when the station starts')
        return view
      },
      syncInterval: () => schedule.interval,
      now: ctx.now,
    }),
    async start() {
      view = await SavedView.open(ctx.config.dataDir, ctx.log)
      await applyBenchDefaults()
      schedule.start()
    },
    async close() {
      schedule.stop()
      unsubscribe()
      unwatchAccounts()
      await sync.settle()
      await reference.settle()
      if (changeTimer) clearTimeout(changeTimer)
      changeTimer = null
    },
  }
}
