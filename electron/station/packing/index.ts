// The packing area: scan to verify, split into packages, "Package the order" through the operation journal.
// Its own document (packing.json) holds the drafts and the product barcode cache; open `ship` operations left
// by a crash or a lost connection are resumed when the station starts.
import type { Area, StationContext } from '../context'
import { openDocument } from '../../store'
import { ProductCatalog } from './catalog'
import { packingDocument } from './document'
import { DraftStore } from './drafts'
import { PackingService } from './service'
import { ShipOperations, type ShipOperationsOptions } from './ship'

export type PackingMethod =
  | 'packing.open'
  | 'packing.get'
  | 'packing.drafts'
  | 'packing.scan'
  | 'packing.manualCount'
  | 'packing.move'
  | 'packing.newPackage'
  | 'packing.setActive'
  | 'packing.setMultiBoxQty'
  | 'packing.removeMark'
  | 'packing.reset'
  | 'packing.ship'

export interface PackingAreaOptions {
  ship?: ShipOperationsOptions
  marks?: { pollIntervalMs?: number; waitMs?: number }
}

export async function packingArea(ctx: StationContext, opts: PackingAreaOptions = {}): Promise<Area<PackingMethod>> {
  const doc = await openDocument(ctx.config.dataDir, packingDocument, ctx.log)
  const drafts = new DraftStore(doc, ctx.now)
  const catalog = new ProductCatalog(doc, ctx.log, ctx.now)
  const ships = new ShipOperations(ctx, drafts, opts.ship)
  const packing = new PackingService({ ctx, drafts, catalog, ships, marks: opts.marks })

  return {
    handlers: {
      'packing.open': (a) => packing.open(a),
      'packing.get': async (a) => packing.get(a),
      'packing.drafts': async () => packing.drafts(),
      'packing.scan': (a) => packing.scan(a),
      'packing.manualCount': (a) => packing.manualCount(a),
      'packing.move': (a) => packing.move(a),
      'packing.newPackage': (a) => packing.newPackage(a),
      'packing.setActive': (a) => packing.setActive(a),
      'packing.setMultiBoxQty': (a) => packing.setMultiBoxQty(a),
      'packing.removeMark': (a) => packing.removeMark(a),
      'packing.reset': (a) => packing.reset(a),
      'packing.ship': (a) => packing.ship(a),
    },
    async start() {
      const pruned = await drafts.prune()
      if (pruned > 0) ctx.log.info(`packing: ${pruned} old drafts removed`)
      ships.resumeOpen()
    },
    async close() {
      await ships.close()
      await packing.settle()
    },
  }
}
