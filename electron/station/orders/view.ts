// The inbox view that survives a restart: the packer's filters and sort, in a small document of its own
// (<dataDir>/inbox-view.json) so a click on a filter never rewrites the big orders file.
//
// The bench profile's default warehouses and carriers (Settings → "this bench handles") are applied as the
// warehouse and carrier filters when the station starts with them for the first time and whenever they change;
// between such changes the packer's own choice wins, also across restarts.
import { z } from 'zod'
import { InboxView, type InboxFilters } from '../../../shared/contract'
import type { BenchProfile } from '../../../shared/domain/settings'
import type { Logger } from '../../../shared/log'
import { openDocument, type DocumentSpec, type StoredDocument } from '../../store'

const BenchDefaults = z.object({ warehouseIds: z.array(z.string()), carrierIds: z.array(z.string()) })

const ViewData = z.object({
  view: InboxView,
  /** The bench defaults last applied to the view; null before the first start. */
  appliedDefaults: BenchDefaults.nullable(),
})
type ViewData = z.infer<typeof ViewData>

export const DEFAULT_VIEW: InboxView = { filters: {}, sort: 'timeLeft', direction: null }

const viewDocument: DocumentSpec<ViewData> = {
  name: 'inbox-view',
  version: 1,
  schema: ViewData,
  defaults: () => ({ view: structuredClone(DEFAULT_VIEW), appliedDefaults: null }),
}

export interface ViewPatch {
  filters?: InboxFilters
  sort?: InboxView['sort']
  direction?: InboxView['direction']
}

export class SavedView {
  private constructor(private readonly doc: StoredDocument<ViewData>) {}

  static async open(dataDir: string, log: Logger): Promise<SavedView> {
    return new SavedView(await openDocument(dataDir, viewDocument, log))
  }

  get(): InboxView {
    return structuredClone(this.doc.data.view)
  }

  async set(patch: ViewPatch): Promise<InboxView> {
    await this.doc.update((d) => {
      if (patch.filters !== undefined) d.view.filters = withoutEmpty(patch.filters)
      if (patch.sort !== undefined) {
        // A new sort starts in its natural direction unless one is given with it.
        if (patch.sort !== d.view.sort && patch.direction === undefined) d.view.direction = null
        d.view.sort = patch.sort
      }
      if (patch.direction !== undefined) d.view.direction = patch.direction
    })
    return this.get()
  }

  /** Applies the bench's default warehouses and carriers when they are new or changed; true when it did. */
  async applyBenchDefaults(profile: Pick<BenchProfile, 'warehouseIds' | 'carrierIds'>): Promise<boolean> {
    const defaults = { warehouseIds: [...profile.warehouseIds], carrierIds: [...profile.carrierIds] }
    if (JSON.stringify(defaults) === JSON.stringify(this.doc.data.appliedDefaults)) return false
    await this.doc.update((d) => {
      const filters = { ...d.view.filters, warehouse: defaults.warehouseIds, carrier: defaults.carrierIds }
      d.view.filters = withoutEmpty(filters)
      d.appliedDefaults = defaults
    })
    return true
  }
}

/** An empty list means "any value": store it as no filter at all (status keeps [] — "any status" differs from its default). */
function withoutEmpty(filters: InboxFilters): InboxFilters {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && (v.length > 0 || k === 'status')) out[k] = v
  return out as InboxFilters
}
