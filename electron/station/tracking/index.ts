// The tracking area: tracking numbers per package, checked against per-carrier rules, kept in tracking.json and
// sent to Ozon through the operation journal. Waiting numbers are sent by a retry timer, after each successful
// sync, and when the station starts (numbers typed before a crash or while offline are never lost).
import { defaultTrackingRules } from '../../../shared/domain/tracking-rules'
import { openDocument } from '../../store'
import type { Area, StationContext } from '../context'
import { trackingDocument } from './document'
import { TRACKING_KIND, TrackingSender, TrackingIntent, type SenderOptions } from './sender'
import { TrackingService, type TrackingServiceOptions } from './service'
import { postingKey } from '../orders/document'

export type TrackingMethod = 'tracking.list' | 'tracking.get' | 'tracking.check' | 'tracking.set' | 'tracking.retry' | 'tracking.rules' | 'tracking.setRules'

export interface TrackingAreaOptions {
  sender?: SenderOptions
  service?: TrackingServiceOptions
}

export type TrackingArea = Area<TrackingMethod> & { service: TrackingService }

export { TrackingService } from './service'

export async function trackingArea(ctx: StationContext, opts: TrackingAreaOptions = {}): Promise<TrackingArea> {
  const doc = await openDocument(ctx.config.dataDir, trackingDocument, ctx.log)
  const sender = new TrackingSender(ctx, doc, opts.sender, (postingNumbers, reason) => ctx.events.emit('tracking.changed', { postingNumbers, reason }))
  const service = new TrackingService(ctx, doc, sender, opts.service)
  let unsubscribe: () => void = () => {}

  const listArgs = { show: 'attention' as const, search: '', limit: 500 }
  const rulesAnswer = () => ({ rules: service.rules(), defaults: defaultTrackingRules() })

  /**
   * After a crash between "journal closed" and "record updated" (or the other way round), the record follows the
   * journal: an entry closed with Ozon's answer settles its record; a record whose entry is still open waits.
   */
  const reconcile = async () => {
    await doc.update((d) => {
      for (const r of Object.values(d.records)) {
        if (!r.journalId) continue
        const entry = ctx.journal.get(r.journalId)
        if (!entry) {
          r.journalId = null
          r.state = 'rejected'
          r.error = { code: 'LOST', message: 'The station lost track of this number — type it again' }
        } else if (entry.closed && (entry.state === 'accepted' || entry.state === 'rejected')) {
          r.journalId = null
          r.state = entry.state
          r.error = entry.state === 'rejected' ? entry.error : null
          if (entry.state === 'accepted') r.acceptedAt ??= entry.updatedAt
        } else if (!entry.closed) r.state = 'waiting'
      }
      // An open entry without a record (crash right after the journal write): its record is made again.
      for (const e of ctx.journal.openEntries(TRACKING_KIND)) {
        const intent = TrackingIntent.safeParse(e.intent)
        if (!intent.success) continue
        const key = postingKey(intent.data.accountId, intent.data.postingNumber)
        const r = d.records[key]
        // Only an entry newer than the record is missing from it; an older one is superseded when sending.
        if (!r || (r.journalId !== e.id && e.createdAt > r.enteredAt)) {
          d.records[key] = {
            accountId: intent.data.accountId,
            postingNumber: intent.data.postingNumber,
            trackingNumber: intent.data.trackingNumber,
            state: 'waiting',
            error: null,
            journalId: e.id,
            attempts: e.attempts,
            enteredAt: e.createdAt,
            acceptedAt: null,
            history: [
              ...(r?.history ?? []),
              { at: e.createdAt, operator: e.operator, bench: e.bench, kind: r ? 'edit' : 'set', from: r?.trackingNumber ?? '', to: intent.data.trackingNumber, reason: '' },
            ],
          }
        }
      }
    })
  }

  return {
    service,
    handlers: {
      'tracking.list': async (a) => service.list(a),
      'tracking.get': async (a) => service.row(await service.posting(a.postingNumber, a.accountId)),
      'tracking.check': async (a) => service.check(await service.posting(a.postingNumber, a.accountId), a.trackingNumber),
      'tracking.set': (a) => service.set(a.entries),
      'tracking.retry': async (a) => {
        await service.retry(a.postingNumbers)
        return service.list(listArgs)
      },
      'tracking.rules': async () => rulesAnswer(),
      'tracking.setRules': async (a) => {
        await service.setRules(a.rules)
        ctx.events.emit('tracking.changed', { postingNumbers: [], reason: 'rules' })
        return rulesAnswer()
      },
    },
    async start() {
      await reconcile()
      // Numbers waiting for Ozon go out when a sync shows Ozon answers again.
      unsubscribe = ctx.events.subscribe((event, payload) => {
        if (event === 'sync.progress' && (payload as { phase: string }).phase === 'done' && sender.pending().length > 0) {
          void sender.flush().catch((err: unknown) => ctx.log.warn('tracking: send after sync failed', { error: String(err) }))
        }
      })
      if (sender.pending().length > 0) {
        ctx.log.info(`tracking: ${sender.pending().length} numbers wait for Ozon; sending`)
        void sender.flush().catch((err: unknown) => ctx.log.warn('tracking: send at start failed', { error: String(err) }))
      }
    },
    async close() {
      unsubscribe()
      await sender.close()
    },
  }
}
