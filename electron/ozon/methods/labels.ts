// Ozon's package labels (§7): the task path (v3 create → v2 get → PDF at file_url) and the old synchronous
// method as a fallback. Labels exist only 45–60 s after packing; a posting that is not ready yet comes back in
// `unprinted` with Ozon's reason rather than failing the batch, so the station can retry just those later.
import { z } from 'zod'
import { assertPdf, parseAnswer, post, type MethodContext } from '../context'
import { OzonError } from '../errors'
import { Int64Id, Str, list } from '../schemas/primitives'

export type LabelSize = 'big' | 'small'
const TASK_TYPE: Record<LabelSize, string> = { big: 'big_label', small: 'small_label' }
/** Ozon's batch limit for labels (§7.1); larger requests are split. */
export const LABEL_BATCH = 20

export interface LabelTask {
  task_id: string
  task_type: string
}

const TaskList = z.object({ tasks: list(z.object({ task_id: Int64Id, task_type: Str })) })
const CreateWire = z.union([z.object({ result: TaskList }), TaskList]).transform((v) => ('result' in v ? v.result : v))

export async function createLabelTasks(ctx: MethodContext, postingNumbers: string[]): Promise<LabelTask[]> {
  const m = '/v3/posting/fbs/package-label/create'
  if (postingNumbers.length === 0 || postingNumbers.length > LABEL_BATCH) throw new RangeError(`${m}: 1..${LABEL_BATCH} postings per task, got ${postingNumbers.length}`)
  // Creating a task twice only makes a second task: safe to retry.
  return parseAnswer(ctx, m, CreateWire, await post(ctx, m, { posting_numbers: postingNumbers }, { idempotent: true })).tasks
}

export interface LabelTaskState {
  /** Ozon's status word: in_progress | pending | completed | error (§7.0 assumes the v1 words). */
  code: string
  done: boolean
  fileUrl: string | null
  postingsCount: number
  printedCount: number
  unprinted: { posting_number: string; message: string }[]
  error: { code: string; message: string } | null
}

const Unprinted = z.object({ posting_number: Str, message: Str })
const GetV2 = z.object({
  status: z.object({ code: Str, postings_count: z.number().nullish(), printed_postings_count: z.number().nullish(), unprinted_postings: list(Unprinted) }),
  file_url: Str,
  error: z.union([z.object({ code: Str, message: Str }), z.string()]).nullish(),
})
// The older v1 get answered `{result: {status: "completed", file_url, error: "…"}}` — accepted as well.
const GetV1 = z.object({ status: z.string(), file_url: Str, error: Str })
const GetWire = z.union([z.object({ result: GetV2 }), GetV2, z.object({ result: GetV1 })]).transform((v): z.output<typeof GetV2> => {
  const inner = 'result' in v ? v.result : v
  if (typeof inner.status === 'string') return { status: { code: inner.status, postings_count: null, printed_postings_count: null, unprinted_postings: [] }, file_url: inner.file_url, error: inner.error }
  return inner as z.output<typeof GetV2>
})

const PENDING = new Set(['pending', 'in_progress', 'processing', 'new', ''])

export async function getLabelTask(ctx: MethodContext, taskId: string): Promise<LabelTaskState> {
  const m = '/v2/posting/fbs/package-label/get'
  const a = parseAnswer(ctx, m, GetWire, await post(ctx, m, { task_id: Number(taskId) }, { idempotent: true }), `label task ${taskId}`)
  const code = a.status.code.toLowerCase()
  const err = typeof a.error === 'string' ? (a.error ? { code: a.error, message: a.error } : null) : a.error && (a.error.code || a.error.message) ? a.error : null
  return {
    code,
    done: !PENDING.has(code),
    fileUrl: a.file_url || null,
    postingsCount: a.status.postings_count ?? 0,
    printedCount: a.status.printed_postings_count ?? 0,
    unprinted: a.status.unprinted_postings,
    error: err,
  }
}

/** Downloads the PDF behind a task's `file_url` (a plain GET, no Ozon headers). */
export async function downloadLabel(ctx: MethodContext, fileUrl: string): Promise<Buffer> {
  const { bytes } = await ctx.transport.getFile(fileUrl)
  return assertPdf(ctx, 'GET file_url', bytes, 'label file')
}

/** The old synchronous method: one PDF for ≤20 postings, all or nothing (§7.1). */
export async function labelsSync(ctx: MethodContext, postingNumbers: string[]): Promise<Buffer> {
  const m = '/v2/posting/fbs/package-label'
  if (postingNumbers.length === 0 || postingNumbers.length > LABEL_BATCH) throw new RangeError(`${m}: 1..${LABEL_BATCH} postings per call, got ${postingNumbers.length}`)
  const { bytes } = await ctx.transport.postBinary(m, { posting_number: postingNumbers }, { idempotent: true })
  return assertPdf(ctx, m, bytes, 'label PDF')
}

export interface LabelBatch {
  size: LabelSize
  /** The PDF (one page per printed posting), or null when none could be printed yet. */
  pdf: Buffer | null
  printed: string[]
  unprinted: { posting_number: string; message: string }[]
}

export interface FetchLabelsOptions {
  size?: LabelSize
  /** Between two task reads (default 1000 ms). */
  pollIntervalMs?: number
  /** Give up on a task after this long (default 60 s) — the postings come back unprinted. */
  timeoutMs?: number
}

const NOT_READY = "The next postings aren't ready"

/** Labels for any number of packed postings, in batches of 20, by the configured path. */
export async function fetchLabels(ctx: MethodContext, postingNumbers: string[], opts: FetchLabelsOptions = {}): Promise<LabelBatch[]> {
  const size = opts.size ?? 'big'
  const out: LabelBatch[] = []
  for (let i = 0; i < postingNumbers.length; i += LABEL_BATCH) {
    const batch = postingNumbers.slice(i, i + LABEL_BATCH)
    out.push(ctx.variants.labels === 'sync' ? await syncBatch(ctx, batch, size) : await taskBatch(ctx, batch, size, opts))
  }
  return out
}

async function syncBatch(ctx: MethodContext, batch: string[], size: LabelSize): Promise<LabelBatch> {
  try {
    return { size, pdf: await labelsSync(ctx, batch), printed: batch, unprinted: [] }
  } catch (e) {
    // All or nothing: "not ready" means try the whole batch later.
    if (e instanceof OzonError && e.ozonMessage === NOT_READY) return { size, pdf: null, printed: [], unprinted: batch.map((n) => ({ posting_number: n, message: NOT_READY })) }
    throw e
  }
}

async function taskBatch(ctx: MethodContext, batch: string[], size: LabelSize, opts: FetchLabelsOptions): Promise<LabelBatch> {
  const tasks = await createLabelTasks(ctx, batch)
  const task = tasks.find((t) => t.task_type === TASK_TYPE[size]) ?? tasks[0]
  if (!task) throw new OzonError({ kind: 'malformed', httpStatus: 200, code: null, ozonMessage: 'label task answer has no tasks', method: '/v3/posting/fbs/package-label/create', retryable: true, locale: ctx.locale })
  const deadline = ctx.clock.now() + (opts.timeoutMs ?? 60_000)
  for (;;) {
    const s = await getLabelTask(ctx, task.task_id)
    if (s.done) {
      const unprinted = s.unprinted
      const missing = new Set(unprinted.map((u) => u.posting_number))
      if (!s.fileUrl) {
        const reason = s.error?.message || s.error?.code || s.code
        return { size, pdf: null, printed: [], unprinted: batch.map((n) => unprinted.find((u) => u.posting_number === n) ?? { posting_number: n, message: reason }) }
      }
      return { size, pdf: await downloadLabel(ctx, s.fileUrl), printed: batch.filter((n) => !missing.has(n)), unprinted }
    }
    if (ctx.clock.now() + (opts.pollIntervalMs ?? 1000) > deadline)
      return { size, pdf: null, printed: [], unprinted: batch.map((n) => ({ posting_number: n, message: `label task ${task.task_id} still ${s.code}` })) }
    await ctx.clock.sleep(opts.pollIntervalMs ?? 1000)
  }
}
