// The dispatch document with the few ways it changes: one batch at a time, always through `update` (lowdb writes
// are serialised; every change mutates inside the callback, so two scans never overwrite each other), and the
// split orders recorded when packing reported them.
import path from 'node:path'
import { StationError } from '../../../shared/errors'
import type { HandoverState } from '../../../shared/contract/dispatch'
import { writeFileDurably, type StoredDocument } from '../../store'
import { SPLIT_KEEP_DAYS, type Batch, type DispatchData } from './document'

export class BatchStore {
  constructor(
    private readonly doc: StoredDocument<DispatchData>,
    private readonly dataDir: string,
  ) {}

  get data(): DispatchData {
    return this.doc.data
  }

  find(id: string): Batch | undefined {
    return this.doc.data.batches.find((b) => b.id === id)
  }

  get(id: string): Batch {
    const b = this.find(id)
    if (!b) throw new StationError({ code: 'not_found', message: `There is no dispatch batch ${id}`, key: 'dispatch:errors.noBatch', params: { batchId: id } })
    return b
  }

  async add(batch: Batch): Promise<Batch> {
    await this.doc.update((d) => {
      d.batches.push(batch)
    })
    return this.get(batch.id)
  }

  /** Changes one batch durably and returns it as stored. */
  async change(id: string, mutate: (b: Batch) => void): Promise<Batch> {
    await this.doc.update((d) => {
      const b = d.batches.find((x) => x.id === id)
      if (!b) throw new Error(`dispatch: no batch ${id}`)
      mutate(b)
    })
    return this.get(id)
  }

  async setHandover(id: string, patch: Partial<HandoverState>): Promise<Batch> {
    return this.change(id, (b) => {
      if (!b.handover) throw new Error(`dispatch: batch ${id} has no hand-over`)
      Object.assign(b.handover, patch)
    })
  }

  async recordSplit(accountId: string, original: string, members: string[], packedAt: string): Promise<void> {
    const oldest = Date.parse(packedAt) - SPLIT_KEEP_DAYS * 86_400_000
    await this.doc.update((d) => {
      d.splits = d.splits.filter((s) => !(s.accountId === accountId && s.original === original) && Date.parse(s.packedAt) >= oldest)
      d.splits.push({ accountId, original, members, packedAt })
    })
  }

  /** Where a batch's PDFs are kept. */
  fileFor(name: string): string {
    return path.join(this.dataDir, 'dispatch', name)
  }

  async writeFile(name: string, bytes: Uint8Array): Promise<string> {
    // The hand-over documents are the seller's proof: written whole or not at all.
    await writeFileDurably(this.fileFor(name), bytes)
    return name
  }
}
