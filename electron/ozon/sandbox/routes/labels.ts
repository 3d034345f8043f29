// Labels (§7): the current task path — `/v3/posting/fbs/package-label/create` (one task per size) →
// `/v2/posting/fbs/package-label/get` (in_progress → completed | error, with unprinted postings and reasons) →
// PDF at `file_url` — and the old synchronous all-or-nothing `/v2/posting/fbs/package-label`.
import { ApiError, notFound, refused } from '../api-error'
import { BodyReader } from '../body'
import { labelPdf, type LabelSize } from '../documents/label-pdf'
import type { SandboxState } from '../state'
import type { SbAccount, SbLabelTask, SbPosting } from '../world'
import { FileAnswer, type Call, type Route } from './types'

export const NOT_READY = "The next postings aren't ready"
const MAX_POSTINGS = 20
const LABEL_STATUSES = new Set(['awaiting_deliver', 'driver_pickup', 'delivering'])

/** Why a posting cannot get a label right now, or null when it can. */
function whyNoLabel(p: SbPosting | undefined, nowMs: number): string | null {
  if (!p) return 'POSTING_NOT_FOUND'
  if (p.status === 'delivered') return 'label not allowed for delivered postings'
  if (!LABEL_STATUSES.has(p.status)) return 'INVALID_POSTING_STATUS'
  if (!p.label_ready_at || Date.parse(p.label_ready_at) > nowMs) return NOT_READY
  return null
}

export const labelCreateV3: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingFbsPackageLabelCreateV3Request')
  const numbers = b.strings('posting_numbers', { required: true, max: MAX_POSTINGS })
  const readyAt = new Date(c.now.getTime() + c.state.timings.labelTaskDelayMs).toISOString()
  const tasks = (['big_label', 'small_label'] as const).map((task_type) => {
    const task: SbLabelTask = {
      task_id: String(5_819_327_000_000 + c.acc.next_id++),
      task_type,
      posting_numbers: [...new Set(numbers)],
      created_at: c.now.toISOString(),
      ready_at: readyAt,
      printed: null,
      unprinted: null,
    }
    c.acc.label_tasks[task.task_id] = task
    return { task_id: Number(task.task_id), task_type }
  })
  return { tasks }
}

/** Decides a due task's outcome once, from the postings' state at that moment. */
function finish(c: Call, task: SbLabelTask): void {
  if (task.printed) return
  const now = c.now.getTime()
  task.printed = []
  task.unprinted = []
  for (const n of task.posting_numbers) {
    const why = whyNoLabel(c.acc.postings[n], now)
    if (why) task.unprinted.push({ posting_number: n, message: why })
    else task.printed.push(n)
  }
  c.state.touch(c.acc)
}

export const labelGetV2: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingFbsPackageLabelGetV2Request')
  const id = b.id('task_id', { required: true })
  const task = c.acc.label_tasks[id]
  if (!task) throw notFound('TASK_NOT_FOUND')
  if (Date.parse(task.ready_at) > c.now.getTime()) {
    return { status: { code: 'in_progress', postings_count: task.posting_numbers.length, printed_postings_count: 0, unprinted_postings: [] }, file_url: '', error: { code: '', message: '' } }
  }
  finish(c, task)
  const printed = task.printed ?? []
  const unprinted = task.unprinted ?? []
  const ok = printed.length > 0
  return {
    status: { code: ok ? 'completed' : 'error', postings_count: task.posting_numbers.length, printed_postings_count: printed.length, unprinted_postings: unprinted },
    file_url: ok ? `${c.origin}/files/labels/${task.task_id}.pdf` : '',
    error: ok ? { code: '', message: '' } : { code: unprinted[0]?.message === NOT_READY ? 'POSTINGS_NOT_READY' : 'NO_POSTINGS_FOR_LABEL', message: unprinted[0]?.message ?? '' },
  }
}

// One cache per sandbox instance: task ids repeat between sandboxes started from the same seed in one process
// (tests), so a process-wide cache served one sandbox's label PDF for another's task.
const pdfCaches = new WeakMap<SandboxState, Map<string, Buffer>>()

/** GET /files/labels/<task_id>.pdf — a plain download, no Ozon headers, like a CDN link. */
export async function serveLabelFile(state: SandboxState, path: string): Promise<FileAnswer | null> {
  const m = /^\/files\/labels\/(\d+)\.pdf$/.exec(path)
  if (!m) return null
  let pdfCache = pdfCaches.get(state)
  if (!pdfCache) pdfCaches.set(state, (pdfCache = new Map()))
  for (const acc of Object.values(state.world.accounts)) {
    const task = acc.label_tasks[m[1]!]
    if (!task?.printed || task.printed.length === 0) continue
    const key = `${acc.client_id}:${task.task_id}`
    let bytes = pdfCache.get(key)
    if (!bytes) {
      bytes = await renderLabels(acc, task.printed, task.task_type === 'small_label' ? 'small' : 'big')
      if (pdfCache.size > 200) pdfCache.clear()
      pdfCache.set(key, bytes)
    }
    return new FileAnswer(bytes, 'application/pdf', `ticket-${task.task_id}.pdf`)
  }
  return null
}

function renderLabels(acc: SbAccount, numbers: string[], size: LabelSize): Promise<Buffer> {
  return labelPdf(acc, numbers.map((n) => acc.postings[n]).filter((p): p is SbPosting => !!p), size)
}

/** The old synchronous method: one PDF of big labels, all or nothing (§7.1). */
export const packageLabelV2: Route = async (c) => {
  const b = new BodyReader(c.body, 'PostingFBSPackageLabelRequest')
  const numbers = b.strings('posting_number', { required: true, max: MAX_POSTINGS })
  const now = c.now.getTime()
  const status = c.state.variants.businessErrorStatus
  const reasons = numbers.map((n) => whyNoLabel(c.acc.postings[n], now))
  if (reasons.includes('POSTING_NOT_FOUND')) throw notFound('POSTING_NOT_FOUND')
  if (reasons.includes('label not allowed for delivered postings')) throw refused(status, 'label not allowed for delivered postings')
  if (reasons.every((r) => r === 'INVALID_POSTING_STATUS')) throw refused(status, 'NO_POSTINGS_FOR_BATCH_DOWNLOAD')
  if (reasons.includes('INVALID_POSTING_STATUS')) throw new ApiError(400, 3, 'INVALID_ARGUMENT')
  if (reasons.includes(NOT_READY)) throw refused(status, NOT_READY)
  const bytes = await renderLabels(c.acc, numbers, 'big')
  return new FileAnswer(bytes, 'application/pdf', `ticket-${c.acc.client_id}-${c.now.toISOString().slice(0, 19)}Z.pdf`)
}
