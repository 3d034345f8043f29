// Access to the packing drafts in the packing document, and a per-posting queue so two windows (or a scan and a
// background marking-code check) never interleave changes to the same plan.
import type { StoredDocument } from '../../store'
import { draftKey, type Draft, type PackingData } from './document'

/** Finished drafts stay this long (the result screen and the audit need them), unfinished ones much longer. */
const KEEP_PACKED_MS = 3 * 24 * 60 * 60 * 1000
const KEEP_UNFINISHED_MS = 30 * 24 * 60 * 60 * 1000

export class DraftStore {
  constructor(
    private readonly doc: StoredDocument<PackingData>,
    private readonly now: () => Date,
  ) {}

  get(accountId: string, postingNumber: string): Draft | undefined {
    const d = this.doc.data.drafts[draftKey(accountId, postingNumber)]
    return d ? structuredClone(d) : undefined
  }

  /** A draft by posting number; the account narrows it when given. */
  find(postingNumber: string, accountId?: string): Draft | undefined {
    if (accountId) return this.get(accountId, postingNumber)
    const d = Object.values(this.doc.data.drafts).find((x) => x.postingNumber === postingNumber)
    return d ? structuredClone(d) : undefined
  }

  /** A draft whose posting carries this Ozon label barcode. */
  findByLabel(code: string): Draft | undefined {
    const d = Object.values(this.doc.data.drafts).find((x) => x.posting.labelBarcodes?.upper === code || x.posting.labelBarcodes?.lower === code)
    return d ? structuredClone(d) : undefined
  }

  list(): Draft[] {
    return Object.values(this.doc.data.drafts).map((d) => structuredClone(d))
  }

  /** Writes the draft durably and returns what was written. */
  async save(draft: Draft): Promise<Draft> {
    const saved: Draft = { ...structuredClone(draft), updatedAt: this.now().toISOString() }
    await this.doc.update((d) => {
      d.drafts[draftKey(saved.accountId, saved.postingNumber)] = saved
    })
    return structuredClone(saved)
  }

  /** Drops finished drafts after a few days and abandoned ones after a month, keeping the file small. */
  async prune(): Promise<number> {
    const t = this.now().getTime()
    const old = Object.entries(this.doc.data.drafts).filter(([, d]) => {
      const age = t - Date.parse(d.updatedAt)
      return d.state === 'packed' ? age > KEEP_PACKED_MS : d.state !== 'shipping' && age > KEEP_UNFINISHED_MS
    })
    if (old.length === 0) return 0
    await this.doc.update((d) => {
      for (const [key] of old) delete d.drafts[key]
    })
    return old.length
  }
}

/** Runs tasks one after another per key; different keys run side by side. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve()
    const result = before.then(task, task)
    const tail = result.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }
}
