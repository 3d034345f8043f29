// Driving the sandbox from tests and tools: the same operations as a JS object (same process) and over HTTP
// under `/__sandbox/*` (loopback only). Everything a test needs to stage Ozon's side of a story: faults, a
// failing ship, a cancelled posting, new orders, slower or faster labels.
import { ApiError } from './api-error'
import type { Body } from './body'
import { makePosting, type NewPostingSpec } from './demo-data'
import type { ActiveFault, FaultBook, FaultSpec } from './faults'
import type { SandboxVariants, Timings } from './options'
import { rng, subSeed } from './random'
import type { CallRecord } from './server'
import type { SandboxState } from './state'
import { moveTo, type SbAccount, type SbPosting } from './world'

export interface SandboxSummary {
  now: string
  variants: SandboxVariants
  timings: Timings
  faults: ActiveFault[]
  accounts: {
    clientId: string
    name: string
    warehouses: { id: string; name: string }[]
    deliveryMethods: { id: string; name: string; tpl_integration_type: string }[]
    postings: number
    byStatus: Record<string, number>
    dueWithinHour: number
    overdue: number
    labelTasks: number
    carriages: number
    pendingShipFailures: Record<string, number>
  }[]
  calls: { total: number; byPath: Record<string, number>; last: CallRecord[] }
}

export interface StatusChange {
  status: string
  substatus?: string
  /** For `cancelled`: reason id and text (default: Ozon cancelled it). */
  cancelReasonId?: number
  cancelReason?: string
  cancellationType?: string
}

export interface SandboxControl {
  /** A summary for debugging: accounts, posting counts per status, faults, recent calls. */
  state(): SandboxSummary
  /** The server-side record of a posting (a copy), or null. */
  posting(postingNumber: string, clientId?: string): SbPosting | null
  /** Adds postings (random like the demo, or as specified) and returns copies. */
  addPostings(count: number, spec?: NewPostingSpec, clientId?: string): SbPosting[]
  addPosting(spec?: NewPostingSpec, clientId?: string): SbPosting
  /** Forces a status, as if Ozon (or another bench) changed it. */
  setStatus(postingNumber: string, change: StatusChange, clientId?: string): SbPosting
  injectFault(spec: FaultSpec): ActiveFault
  clearFaults(): void
  /** The next `times` asynchronous ships of this posting (or of any, with "*") end in `ship_failed`. */
  injectShipFailure(postingNumber?: string, times?: number, clientId?: string): void
  setTimings(t: Partial<Timings>): Timings
  setVariants(v: Partial<SandboxVariants>): SandboxVariants
  /** Ozon calls seen, optionally only for one method path. */
  calls(path?: string): CallRecord[]
  /** Forget everything and rebuild the demo from the seed. */
  reset(seed?: number): void
  /** Write the state file now. */
  flush(): Promise<void>
  /** The account (live object) — for tests that need to look deeper. */
  account(clientId?: string): SbAccount
}

export function createControl(state: SandboxState, faults: FaultBook, calls: () => CallRecord[]): SandboxControl {
  const acc = (clientId?: string): SbAccount => {
    const a = clientId ? state.account(clientId) : state.firstAccount()
    if (!a) throw new ApiError(404, 5, `no sandbox account with Client-Id "${clientId}"`)
    return a
  }
  const copy = <T>(v: T): T => structuredClone(v)
  let added = 0

  const control: SandboxControl = {
    state() {
      const now = state.now()
      const t = now.getTime()
      const all = calls()
      const byPath: Record<string, number> = {}
      for (const c of all) byPath[c.path] = (byPath[c.path] ?? 0) + 1
      return {
        now: now.toISOString(),
        variants: { ...state.variants },
        timings: { ...state.timings },
        faults: faults.list(),
        accounts: Object.values(state.world.accounts).map((a) => {
          const ps = Object.values(a.postings)
          const byStatus: Record<string, number> = {}
          for (const p of ps) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1
          const waiting = ps.filter((p) => p.status === 'awaiting_packaging')
          return {
            clientId: a.client_id,
            name: a.name,
            warehouses: a.warehouses.map((w) => ({ id: w.warehouse_id, name: w.name })),
            deliveryMethods: a.delivery_methods.map((d) => ({ id: d.id, name: d.name, tpl_integration_type: d.tpl_integration_type })),
            postings: ps.length,
            byStatus,
            dueWithinHour: waiting.filter((p) => Date.parse(p.shipment_date) >= t && Date.parse(p.shipment_date) - t <= 3_600_000).length,
            overdue: waiting.filter((p) => Date.parse(p.shipment_date) < t).length,
            labelTasks: Object.keys(a.label_tasks).length,
            carriages: Object.keys(a.carriages).length,
            pendingShipFailures: { ...a.ship_failures },
          }
        }),
        calls: { total: all.length, byPath, last: all.slice(-20) },
      }
    },

    posting(n, clientId) {
      const p = acc(clientId).postings[n]
      return p ? copy(p) : null
    },

    addPostings(count, spec = {}, clientId) {
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new ApiError(400, 3, `count must be 1..100000, got ${count}`)
      const a = acc(clientId)
      const now = state.now()
      const out: SbPosting[] = []
      for (let i = 0; i < count; i++) {
        const p = makePosting(a, rng(subSeed(a.seed, `added-${Date.now()}-${added++}`)), now, spec)
        a.postings[p.posting_number] = p
        out.push(p)
      }
      state.touch(a)
      return count > 1000 ? [] : out.map(copy)
    },

    addPosting(spec = {}, clientId) {
      return control.addPostings(1, spec, clientId)[0]!
    },

    setStatus(n, change, clientId) {
      const a = acc(clientId)
      const p = a.postings[n]
      if (!p) throw new ApiError(404, 5, `no posting ${n} in the sandbox`)
      if (!change.status) throw new ApiError(400, 3, 'status is required')
      const stamp = state.now().toISOString()
      moveTo(p, change.status, change.substatus ?? defaultSubstatus(change.status), stamp)
      p.ship_job = null
      if (change.status === 'cancelled') {
        p.cancellation = {
          cancel_reason_id: change.cancelReasonId ?? 1001,
          cancel_reason: change.cancelReason ?? 'Отменено Ozon',
          cancellation_type: change.cancellationType ?? 'ozon',
          cancellation_initiator: change.cancellationType === 'client' ? 'Покупатель' : 'Ozon',
          cancelled_after_ship: p.packed_at !== null,
        }
      }
      if ((change.status === 'awaiting_deliver' || change.status === 'awaiting_registration') && !p.packed_at) {
        // "Packed elsewhere": another bench or the seller cabinet packed it as one package.
        p.packed_at = stamp
        p.label_ready_at = stamp
      }
      if (change.status === 'delivering' && !p.delivering_date) p.delivering_date = stamp
      state.touch(a)
      return copy(p)
    },

    injectFault(spec) {
      return faults.add(spec)
    },

    clearFaults() {
      faults.clear()
    },

    injectShipFailure(postingNumber = '*', times = 1, clientId) {
      if (!Number.isInteger(times) || times < 1) throw new ApiError(400, 3, `times must be a positive integer, got ${times}`)
      const a = acc(clientId)
      a.ship_failures[postingNumber] = (a.ship_failures[postingNumber] ?? 0) + times
      state.touch(a)
    },

    setTimings(t) {
      for (const [k, v] of Object.entries(t)) {
        if (!(k in state.timings)) throw new ApiError(400, 3, `unknown timing "${k}"; known: ${Object.keys(state.timings).join(', ')}`)
        if (v !== null && (typeof v !== 'number' || v < 0)) throw new ApiError(400, 3, `timing ${k} must be a number of ms ≥ 0`)
      }
      state.timings = { ...state.timings, ...t }
      return { ...state.timings }
    },

    setVariants(v) {
      for (const k of Object.keys(v)) if (!(k in state.variants)) throw new ApiError(400, 3, `unknown variant "${k}"; known: ${Object.keys(state.variants).join(', ')}`)
      state.variants = { ...state.variants, ...v }
      return { ...state.variants }
    },

    calls(path) {
      const all = calls()
      return path ? all.filter((c) => c.path === path) : [...all]
    },

    reset(seed) {
      state.reset(undefined, seed)
      faults.clear()
    },

    flush: () => state.flush(),

    account: (clientId) => acc(clientId),
  }
  return control
}

function defaultSubstatus(status: string): string {
  switch (status) {
    case 'awaiting_packaging':
      return 'posting_created'
    case 'awaiting_deliver':
      return 'posting_transferring_to_delivery'
    case 'delivering':
      return 'posting_in_courier_service'
    case 'delivered':
      return 'posting_delivered'
    case 'cancelled':
      return 'posting_canceled'
    case 'arbitration':
      return 'posting_in_arbitration'
    default:
      return status
  }
}

/** `/__sandbox/*` over HTTP → the same control operations. */
export async function controlOverHttp(control: SandboxControl, method: string, path: string, body: Body, query: URLSearchParams): Promise<unknown> {
  const clientId = query.get('account') ?? (typeof body.clientId === 'string' ? body.clientId : undefined)
  const parts = path.replace(/^\/__sandbox\/?/, '').split('/').filter(Boolean).map(decodeURIComponent)
  const [head, arg, tail] = parts
  const is = (m: string, ...p: (string | undefined)[]) => method === m && p.every((x, i) => x === parts[i]) && parts.length === p.length

  if ((method === 'GET' && parts.length === 0) || is('GET', 'state')) return control.state()
  if (method === 'GET' && head === 'postings' && arg && !tail) {
    const p = control.posting(arg, clientId)
    if (!p) throw new ApiError(404, 5, `no posting ${arg} in the sandbox`)
    return p
  }
  if (is('POST', 'postings')) {
    const count = body.count === undefined ? 1 : Number(body.count)
    const added = control.addPostings(count, (body.spec ?? {}) as NewPostingSpec, clientId)
    return { added: added.map((p) => p.posting_number), count }
  }
  if (method === 'POST' && head === 'postings' && arg && tail === 'status') return control.setStatus(arg, body as unknown as StatusChange, clientId)
  if (is('GET', 'faults')) return control.state().faults
  if (is('POST', 'faults')) return control.injectFault(body as unknown as FaultSpec)
  if (is('DELETE', 'faults') || is('POST', 'faults', 'clear')) {
    control.clearFaults()
    return { ok: true }
  }
  if (is('POST', 'ship-failure')) {
    control.injectShipFailure(typeof body.posting_number === 'string' ? body.posting_number : '*', body.times === undefined ? 1 : Number(body.times), clientId)
    return { ok: true }
  }
  if (is('POST', 'label-delay')) return control.setTimings({ labelReadyDelayMs: body.ms === null ? null : Number(body.ms) })
  if (is('POST', 'timings')) return control.setTimings(body as Partial<Timings>)
  if (is('POST', 'variants')) return control.setVariants(body as Partial<SandboxVariants>)
  if (is('GET', 'calls')) return control.calls(query.get('path') ?? undefined)
  if (is('POST', 'reset')) {
    control.reset(body.seed === undefined ? undefined : Number(body.seed))
    return { ok: true }
  }
  throw new ApiError(404, 5, `unknown sandbox control ${method} ${path}; see GET /__sandbox/state and the README section "Ozon sandbox"`)
}
