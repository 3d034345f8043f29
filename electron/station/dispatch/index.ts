// The dispatch area: hand-over batches per delivery method and day, scan checks, closing with the manifest, the
// Ozon carriage or the move to delivering, history and reprints. It keeps dispatch.json and PDFs in
// <dataDir>/dispatch/, records the split orders packing reports (`packing.shipped`), and tells the tracking area
// which packages were handed over (their numbers no longer change).
import { openDocument } from '../../store'
import type { Area, StationContext } from '../context'
import type { TrackingService } from '../tracking'
import { dispatchDocument } from './document'
import { Handover, type HandoverOptions } from './handover'
import { DispatchService, type DispatchServiceOptions } from './service'
import { BatchStore } from './store'

export type DispatchMethod =
  | 'dispatch.options'
  | 'dispatch.open'
  | 'dispatch.get'
  | 'dispatch.scan'
  | 'dispatch.remove'
  | 'dispatch.close'
  | 'dispatch.discard'
  | 'dispatch.history'
  | 'dispatch.manifest'
  | 'dispatch.actPdf'
  | 'dispatch.refresh'
  | 'dispatch.advance'

export interface DispatchAreaOptions {
  handover?: HandoverOptions
  service?: DispatchServiceOptions
}

export async function dispatchArea(ctx: StationContext, tracking: TrackingService, opts: DispatchAreaOptions = {}): Promise<Area<DispatchMethod> & { service: DispatchService }> {
  const store = new BatchStore(await openDocument(ctx.config.dataDir, dispatchDocument, ctx.log), ctx.config.dataDir)
  const handover = new Handover(ctx, store, opts.handover, (batchId) => ctx.events.emit('dispatch.changed', { batchId, what: 'handover' }))
  const service = new DispatchService(ctx, store, tracking, handover, opts.service)
  tracking.handedOver = (accountId, postingNumber) => service.handedOverIn(accountId, postingNumber)
  let unsubscribe: () => void = () => {}

  return {
    service,
    handlers: {
      'dispatch.options': async (a) => service.options(a.departureDate),
      'dispatch.open': (a) => service.open(a),
      'dispatch.get': async (a) => service.get(a.batchId),
      'dispatch.scan': (a) => service.scan(a.batchId, a.code),
      'dispatch.remove': (a) => service.remove(a.batchId, a.postingNumber, a.reason),
      'dispatch.close': (a) => service.close(a),
      'dispatch.discard': (a) => service.discard(a.batchId, a.reason),
      'dispatch.history': async (a) => service.history(a),
      'dispatch.manifest': (a) => service.manifest(a.batchId, a.language),
      'dispatch.actPdf': (a) => service.actPdf(a.batchId),
      'dispatch.refresh': (a) => service.refresh(a.batchId),
      'dispatch.advance': (a) => service.advance(a.batchId, a.step, a.postingNumbers),
    },
    async start() {
      // A split order's packages belong together at hand-over: remember which postings one ship made.
      unsubscribe = ctx.events.subscribe((event, payload) => {
        if (event !== 'packing.shipped') return
        const p = payload as { accountId: string; postingNumber: string; packedAt: string; packages: { postingNumber: string }[] }
        if (p.packages.length < 2) return
        void store
          .recordSplit(p.accountId, p.postingNumber, p.packages.map((x) => x.postingNumber), p.packedAt)
          .catch((err: unknown) => ctx.log.warn('dispatch: split order not recorded', { postingNumber: p.postingNumber, error: String(err) }))
      })
      await service.resume()
    },
    async close() {
      unsubscribe()
      await handover.close()
    },
  }
}
