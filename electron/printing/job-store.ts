// Where print jobs live.
// - The hot journal: the `printing` document (<dataDir>/printing.json, durable, zod-checked) holds jobs that are
//   still moving plus the recently finished ones. Every state change rewrites it, so it is kept small.
// - The history: finished jobs move to append-only monthly files print-history/YYYY-MM.jsonl (by creation time),
//   each line fsynced. A crash between "appended" and "removed from the hot file" only leaves a job in both places;
//   readers take the hot copy (or the newest line) of an id.
// - The labels: files under print-jobs/<payloadId>/ (labels.pdf, extras.json), so a reprint months later needs
//   nothing else. Label folders and history files older than `retentionDays` are removed at start.
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { isFinalJobState, PrintJob, type PrintHistoryQuery } from '../../shared/domain/printers'
import type { Logger } from '../../shared/log'
import { appendFileDurably, openDocument, syncDir, writeFileDurably, type StoredDocument } from '../store'

const PrintingData = z.object({ jobs: z.array(PrintJob) })
type PrintingData = z.infer<typeof PrintingData>

/** The labels of a job, as stored. */
export interface JobPayload {
  pdf: Uint8Array
  /** ESC/POS caption per label. */
  captions?: Array<string | undefined>
  /** Anything else a renderer needs to draw the labels straight to dots (e.g. label layouts), as JSON. */
  extras?: Record<string, unknown>
}

const Extras = z.object({
  captions: z.array(z.string().nullable()).optional(),
  extras: z.record(z.string(), z.unknown()).optional(),
})

export interface ArchivePolicy {
  /** A sent job stays in the hot file this long (duplicate checks, "just printed" lists). */
  sentAfterMs: number
  /** Failed and unknown jobs stay hot this long: they are the "needs attention" list. */
  attentionAfterMs: number
  /** Compaction runs once this many jobs could move. */
  batch: number
}

export const DEFAULT_ARCHIVE: ArchivePolicy = { sentAfterMs: 10 * 60_000, attentionAfterMs: 7 * 86_400_000, batch: 50 }

export interface JobStore {
  /** Jobs in the hot file, oldest first (live view: do not mutate). */
  readonly jobs: readonly PrintJob[]
  /** A job in the hot file. */
  get(id: string): PrintJob | undefined
  /** A job in the hot file or the history. */
  find(id: string): Promise<PrintJob | undefined>
  add(job: PrintJob): Promise<void>
  /** Changes a hot job and waits until the change is on disk. */
  patch(id: string, patch: Partial<PrintJob>): Promise<PrintJob>
  savePayload(payloadId: string, payload: JobPayload): Promise<void>
  loadPayload(payloadId: string): Promise<JobPayload>
  /** Marks the labels as used now (a reprint), so the retention counts from the reprint. */
  touchPayload(payloadId: string): Promise<void>
  /** Newest first, hot and archived. */
  history(query?: PrintHistoryQuery): Promise<PrintJob[]>
  /** Moves finished jobs past the policy's age to the history files (when at least `batch` are due, or `force`). */
  compact(force?: boolean): Promise<number>
}

export async function openJobStore(
  dataDir: string,
  log: Logger,
  opts: { retentionDays?: number; archive?: Partial<ArchivePolicy>; now?: () => Date } = {},
): Promise<JobStore> {
  const now = opts.now ?? (() => new Date())
  const policy = { ...DEFAULT_ARCHIVE, ...opts.archive }
  const retentionDays = opts.retentionDays ?? 90
  const payloadRoot = path.join(dataDir, 'print-jobs')
  const historyDir = path.join(dataDir, 'print-history')
  const doc: StoredDocument<PrintingData> = await openDocument(
    dataDir,
    { name: 'printing', version: 1, schema: PrintingData, defaults: () => ({ jobs: [] }) },
    log,
  )
  let compacting: Promise<number> | undefined

  const dirOf = (payloadId: string) => {
    if (!/^[A-Za-z0-9_-]+$/.test(payloadId)) throw new Error(`print job payload id "${payloadId}" is not valid`)
    return path.join(payloadRoot, payloadId)
  }

  const due = (j: PrintJob, at: number) => {
    if (!isFinalJobState(j.state)) return false
    const age = at - Date.parse(j.updatedAt)
    return j.state === 'sent' ? age >= policy.sentAfterMs : age >= policy.attentionAfterMs
  }

  async function compactNow(force: boolean): Promise<number> {
    const at = now().getTime()
    const moving = doc.data.jobs.filter((j) => due(j, at))
    if (moving.length === 0 || (!force && moving.length < policy.batch)) return 0
    const byMonth = new Map<string, PrintJob[]>()
    for (const j of moving) byMonth.set(j.createdAt.slice(0, 7), [...(byMonth.get(j.createdAt.slice(0, 7)) ?? []), j])
    await mkdir(historyDir, { recursive: true })
    for (const [month, jobs] of byMonth) await appendFileDurably(path.join(historyDir, `${month}.jsonl`), jobs.map((j) => JSON.stringify(j)).join('\n') + '\n')
    const ids = new Set(moving.map((j) => j.id))
    await doc.update((d) => {
      d.jobs = d.jobs.filter((j) => !ids.has(j.id))
    })
    return moving.length
  }

  /** Archived jobs, newest line first per month, newest month first; damaged lines are skipped. */
  async function* archived(): AsyncGenerator<{ job: PrintJob; month: string }> {
    let files: string[]
    try {
      files = (await readdir(historyDir)).filter((f) => /^\d{4}-\d{2}\.jsonl$/.test(f)).sort().reverse()
    } catch {
      return
    }
    for (const f of files) {
      const lines = (await readFile(path.join(historyDir, f), 'utf8')).split('\n').filter(Boolean).reverse()
      for (const line of lines) {
        const parsed = PrintJob.safeParse(safeJson(line))
        if (parsed.success) yield { job: parsed.data, month: f.slice(0, 7) }
      }
    }
  }

  await removeExpired(payloadRoot, historyDir, doc, retentionDays, now, log)
  await compactNow(true)

  return {
    get jobs() {
      return doc.data.jobs
    },
    get: (id) => doc.data.jobs.find((j) => j.id === id),
    async find(id) {
      const hot = doc.data.jobs.find((j) => j.id === id)
      if (hot) return { ...hot }
      for await (const { job } of archived()) if (job.id === id) return job
      return undefined
    },
    async add(job) {
      await doc.update((d) => {
        d.jobs.push(PrintJob.parse(job))
      })
    },
    async patch(id, patch) {
      let updated: PrintJob | undefined
      await doc.update((d) => {
        const job = d.jobs.find((j) => j.id === id)
        if (!job) throw new Error(`no print job ${id} in the hot journal`)
        Object.assign(job, patch, { updatedAt: now().toISOString() })
        updated = job
      })
      return { ...updated! }
    },
    async savePayload(payloadId, payload) {
      const dir = dirOf(payloadId)
      await mkdir(dir, { recursive: true })
      // Each write syncs the job's folder itself; the new folder's own entry needs print-jobs/ synced.
      const extras = payload.captions || payload.extras ? { captions: payload.captions?.map((c) => c ?? null), extras: payload.extras } : undefined
      await Promise.all([
        writeFileDurably(path.join(dir, 'labels.pdf'), payload.pdf),
        extras && writeFileDurably(path.join(dir, 'extras.json'), JSON.stringify(extras)),
      ])
      await syncDir(payloadRoot)
    },
    async loadPayload(payloadId) {
      const dir = dirOf(payloadId)
      const pdf = new Uint8Array(await readFile(path.join(dir, 'labels.pdf')))
      let extras: z.infer<typeof Extras> = {}
      try {
        extras = Extras.parse(JSON.parse(await readFile(path.join(dir, 'extras.json'), 'utf8')))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
      return { pdf, captions: extras.captions?.map((c) => c ?? undefined), extras: extras.extras }
    },
    async touchPayload(payloadId) {
      const at = now()
      await utimes(dirOf(payloadId), at, at)
    },
    async history(query = {}) {
      const matches = (j: PrintJob) =>
        !(query.from && j.createdAt < query.from) &&
        !(query.to && j.createdAt > query.to) &&
        !(query.printerId && j.printerId !== query.printerId) &&
        !(query.postingNumber && !j.postingNumbers.includes(query.postingNumber)) &&
        !(query.states && !query.states.includes(j.state))
      const seen = new Set<string>()
      const out: PrintJob[] = []
      for (const j of doc.data.jobs) {
        seen.add(j.id)
        if (matches(j)) out.push({ ...j })
      }
      const limit = query.limit ?? Infinity
      let fromArchive = 0
      let fullIn: string | undefined
      for await (const { job: j, month } of archived()) {
        // Files are per creation month, newest first: once enough were found, older months cannot hold newer jobs
        // (the rest of that month is still read — its lines are in the order jobs finished, not were created).
        if (fullIn !== undefined && month !== fullIn) break
        if (query.from && month < query.from.slice(0, 7)) break
        if (seen.has(j.id)) continue
        seen.add(j.id)
        if (!matches(j)) continue
        out.push(j)
        if (++fromArchive >= limit) fullIn ??= month
      }
      out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      return out.slice(0, limit)
    },
    compact(force = false) {
      // One compaction at a time; it only ever removes jobs that are final and old enough.
      const run = (compacting ?? Promise.resolve(0)).then(() => compactNow(force))
      compacting = run.catch((err) => {
        log.error('printing: moving finished jobs to the history failed; they stay in the journal', { error: String(err) })
        return 0
      })
      return run
    },
  }
}

/** Label folders and history months past the retention are removed, except folders a hot job still uses. */
async function removeExpired(
  payloadRoot: string,
  historyDir: string,
  doc: StoredDocument<PrintingData>,
  days: number,
  now: () => Date,
  log: Logger,
) {
  const cutoff = now().getTime() - days * 86_400_000
  const used = new Set(doc.data.jobs.map((j) => j.payloadId))
  let removed = 0
  for (const name of await readdir(payloadRoot).catch(() => [] as string[])) {
    if (used.has(name)) continue
    const p = path.join(payloadRoot, name)
    const s = await stat(p).catch(() => undefined)
    if (s && s.mtimeMs < cutoff) {
      await rm(p, { recursive: true, force: true })
      removed++
    }
  }
  const cutoffMonth = new Date(cutoff).toISOString().slice(0, 7)
  for (const f of await readdir(historyDir).catch(() => [] as string[])) {
    if (/^\d{4}-\d{2}\.jsonl$/.test(f) && f.slice(0, 7) < cutoffMonth) {
      await rm(path.join(historyDir, f), { force: true })
      removed++
    }
  }
  if (removed) log.info('printing: removed labels and history older than the retention', { days, removed })
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined // a torn last line after a power cut
  }
}
