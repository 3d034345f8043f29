// Where print jobs live: the `printing` document (<dataDir>/printing.json, durable, zod-checked) is both the
// journal of each job's state and the print history; the labels themselves are files under
// <dataDir>/print-jobs/<payloadId>/ (labels.pdf, and extras.json for captions), so a reprint months later needs
// nothing but this folder. Old finished jobs and their files are pruned after `retentionDays`.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { isFinalJobState, PrintJob, type PrintHistoryQuery } from '../../shared/domain/printers'
import type { Logger } from '../../shared/log'
import { openDocument, type StoredDocument } from '../store'

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

export interface JobStore {
  /** All jobs, oldest first (live view: do not mutate). */
  readonly jobs: readonly PrintJob[]
  get(id: string): PrintJob | undefined
  add(job: PrintJob): Promise<void>
  /** Changes a job and waits until the change is on disk. */
  patch(id: string, patch: Partial<PrintJob>): Promise<PrintJob>
  savePayload(payloadId: string, payload: JobPayload): Promise<void>
  loadPayload(payloadId: string): Promise<JobPayload>
  history(query?: PrintHistoryQuery): PrintJob[]
}

export async function openJobStore(
  dataDir: string,
  log: Logger,
  opts: { retentionDays?: number; now?: () => Date } = {},
): Promise<JobStore> {
  const now = opts.now ?? (() => new Date())
  const payloadRoot = path.join(dataDir, 'print-jobs')
  const doc: StoredDocument<PrintingData> = await openDocument(
    dataDir,
    { name: 'printing', version: 1, schema: PrintingData, defaults: () => ({ jobs: [] }) },
    log,
  )
  await prune(doc, payloadRoot, opts.retentionDays ?? 90, now, log)

  const dirOf = (payloadId: string) => {
    if (!/^[A-Za-z0-9_-]+$/.test(payloadId)) throw new Error(`print job payload id "${payloadId}" is not valid`)
    return path.join(payloadRoot, payloadId)
  }

  return {
    get jobs() {
      return doc.data.jobs
    },
    get: (id) => doc.data.jobs.find((j) => j.id === id),
    async add(job) {
      await doc.update((d) => {
        d.jobs.push(PrintJob.parse(job))
      })
    },
    async patch(id, patch) {
      let updated: PrintJob | undefined
      await doc.update((d) => {
        const job = d.jobs.find((j) => j.id === id)
        if (!job) throw new Error(`no print job ${id}`)
        Object.assign(job, patch, { updatedAt: now().toISOString() })
        updated = job
      })
      return { ...updated! }
    },
    async savePayload(payloadId, payload) {
      const dir = dirOf(payloadId)
      await mkdir(dir, { recursive: true })
      await writeDurably(path.join(dir, 'labels.pdf'), payload.pdf)
      if (payload.captions || payload.extras) {
        const extras = { captions: payload.captions?.map((c) => c ?? null), extras: payload.extras }
        await writeDurably(path.join(dir, 'extras.json'), Buffer.from(JSON.stringify(extras)))
      }
      await syncDir(dir)
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
    history(query = {}) {
      const out: PrintJob[] = []
      for (let i = doc.data.jobs.length - 1; i >= 0; i--) {
        const j = doc.data.jobs[i]!
        if (query.from && j.createdAt < query.from) continue
        if (query.to && j.createdAt > query.to) continue
        if (query.printerId && j.printerId !== query.printerId) continue
        if (query.postingNumber && !j.postingNumbers.includes(query.postingNumber)) continue
        if (query.states && !query.states.includes(j.state)) continue
        out.push({ ...j })
        if (query.limit && out.length >= query.limit) break
      }
      return out
    },
  }
}

/** Drops finished jobs older than the retention and label folders no job refers to any more. */
async function prune(doc: StoredDocument<PrintingData>, payloadRoot: string, days: number, now: () => Date, log: Logger) {
  const cutoff = new Date(now().getTime() - days * 86_400_000).toISOString()
  const old = doc.data.jobs.filter((j) => j.createdAt < cutoff && isFinalJobState(j.state))
  if (old.length) {
    const drop = new Set(old.map((j) => j.id))
    await doc.update((d) => {
      d.jobs = d.jobs.filter((j) => !drop.has(j.id))
    })
  }
  const used = new Set(doc.data.jobs.map((j) => j.payloadId))
  let dirs: string[] = []
  try {
    dirs = await readdir(payloadRoot)
  } catch {
    return
  }
  const orphans = dirs.filter((d) => !used.has(d))
  await Promise.all(orphans.map((d) => rm(path.join(payloadRoot, d), { recursive: true, force: true })))
  if (old.length || orphans.length) log.info('printing: pruned old print jobs', { jobs: old.length, labelFolders: orphans.length })
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`
  const fh = await open(tmp, 'w')
  try {
    await fh.writeFile(bytes)
    await fh.sync()
  } finally {
    await fh.close()
  }
  await rename(tmp, file)
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return // NTFS journals the rename; directories cannot be opened there
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
