// The operation journal: every irreversible step (ship, tracking numbers, carriage, print) is written here
// *before* it is executed, then advanced as it runs, then closed with its outcome. After a crash or a lost
// connection the owner of each kind resumes its open entries instead of repeating them blindly
// (ship re-reads the posting first; a print whose outcome is unknown waits for a person).
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { Logger } from '../../shared/log'
import { openDocument, type StoredDocument } from './document'
import { appendFileDurably } from './files'

export const JournalEntry = z.object({
  id: z.string(),
  /** What kind of operation: 'ship', 'tracking', 'print', 'carriage', … — owned by one module each. */
  kind: z.string(),
  /** What it is about, e.g. a posting number; used to find the operation again. */
  key: z.string(),
  /** Owner-defined progress, e.g. 'intent' → 'called' → 'replied' → 'confirmed'. */
  state: z.string(),
  intent: z.unknown(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  attempts: z.number().int().nonnegative(),
  /** Who started it (operator name) and where (bench name), for the audit trail. */
  operator: z.string(),
  bench: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closed: z.boolean(),
})
export type JournalEntry = z.infer<typeof JournalEntry>

const JournalData = z.object({ entries: z.array(JournalEntry) })
type JournalData = z.infer<typeof JournalData>

export interface Journal {
  /** Durably records the intent; only then may the caller execute it. */
  begin(input: { kind: string; key: string; intent: unknown; state?: string; operator?: string; bench?: string }): Promise<JournalEntry>
  /** Durably records progress of an open operation. */
  advance(id: string, patch: Partial<Pick<JournalEntry, 'state' | 'result' | 'error' | 'attempts'>>): Promise<JournalEntry>
  /** Durably records the final outcome. */
  close(id: string, patch: Partial<Pick<JournalEntry, 'state' | 'result' | 'error'>>): Promise<JournalEntry>
  get(id: string): JournalEntry | undefined
  /** The newest operation of this kind about this key, open or closed. */
  latest(kind: string, key: string): JournalEntry | undefined
  /** Operations not yet closed, oldest first — what must be resumed after a restart. */
  openEntries(kind?: string): JournalEntry[]
  entries(kind?: string): JournalEntry[]
}

/** Closed operations stay in the hot file this long (areas read recent ones: packed today, hand-over limits). */
const KEEP_CLOSED_DAYS = 30

export async function openJournal(dataDir: string, log: Logger, now: () => Date = () => new Date()): Promise<Journal> {
  const doc: StoredDocument<JournalData> = await openDocument(
    dataDir,
    { name: 'journal', version: 1, schema: JournalData, defaults: () => ({ entries: [] }) },
    log,
  )
  await archiveOldClosed(dataDir, doc, now(), log)
  const find = (id: string): JournalEntry => {
    const entry = doc.data.entries.find((e) => e.id === id)
    if (!entry) throw new Error(`journal: no operation ${id}`)
    return entry
  }
  const change = async (id: string, patch: Partial<JournalEntry>): Promise<JournalEntry> => {
    let updated: JournalEntry | undefined
    await doc.update((d) => {
      const entry = d.entries.find((e) => e.id === id)
      if (!entry) throw new Error(`journal: no operation ${id}`)
      Object.assign(entry, patch, { updatedAt: now().toISOString() })
      updated = entry
    })
    return { ...updated! }
  }

  return {
    async begin({ kind, key, intent, state = 'intent', operator = '', bench = '' }) {
      const at = now().toISOString()
      const entry: JournalEntry = {
        id: randomUUID(),
        kind,
        key,
        state,
        intent,
        error: null,
        attempts: 0,
        operator,
        bench,
        createdAt: at,
        updatedAt: at,
        closed: false,
      }
      await doc.update((d) => {
        d.entries.push(entry)
      })
      return { ...entry }
    },
    advance: (id, patch) => {
      if (find(id).closed) throw new Error(`journal: operation ${id} is already closed`)
      return change(id, patch)
    },
    close: (id, patch) => change(id, { ...patch, closed: true }),
    get: (id) => doc.data.entries.find((e) => e.id === id),
    latest: (kind, key) => doc.data.entries.findLast((e) => e.kind === kind && e.key === key),
    openEntries: (kind) => doc.data.entries.filter((e) => !e.closed && (kind === undefined || e.kind === kind)),
    entries: (kind) => doc.data.entries.filter((e) => kind === undefined || e.kind === kind),
  }
}

/**
 * Moves operations closed more than KEEP_CLOSED_DAYS ago to journal-archive/YYYY-MM.jsonl (by close month),
 * so the file rewritten on every step stays small. The archive lines are durable before the hot file drops them;
 * a crash in between leaves an entry in both places, never in neither.
 */
async function archiveOldClosed(dataDir: string, doc: StoredDocument<JournalData>, at: Date, log: Logger): Promise<void> {
  const cutoff = at.getTime() - KEEP_CLOSED_DAYS * 24 * 60 * 60 * 1000
  const old = doc.data.entries.filter((e) => e.closed && Date.parse(e.updatedAt) < cutoff)
  if (old.length === 0) return
  const dir = path.join(dataDir, 'journal-archive')
  const byMonth = new Map<string, JournalEntry[]>()
  for (const e of old) byMonth.set(e.updatedAt.slice(0, 7), [...(byMonth.get(e.updatedAt.slice(0, 7)) ?? []), e])
  for (const [month, entries] of byMonth) {
    await appendFileDurably(path.join(dir, `${month}.jsonl`), entries.map((e) => JSON.stringify(e)).join('\n') + '\n')
  }
  const ids = new Set(old.map((e) => e.id))
  await doc.update((d) => {
    d.entries = d.entries.filter((e) => !ids.has(e.id))
  })
  log.info(`journal: archived ${old.length} operations closed more than ${KEEP_CLOSED_DAYS} days ago`)
}
