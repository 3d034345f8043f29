// Fault injection for tests and demos: make the next N calls of a method (or of every method) slow, fail with a
// 5xx, hit a 429 burst, lose the connection or send broken JSON — either before the sandbox acts (the request is
// lost) or after (the sandbox acted but the answer is lost: the case that tempts a client into a duplicate ship).

export type FaultKind = 'latency' | 'http5xx' | 'rate_limit' | 'drop' | 'malformed'

export interface FaultSpec {
  kind: FaultKind
  /** Exact method path (`/v4/posting/fbs/ship`), a prefix ending in `*` (`/files/*`), or `*` for every Ozon method. */
  path?: string
  /** How many calls it affects (default 1). */
  times?: number
  /** `before` (default): the call is not carried out. `after`: carried out, then the answer is spoiled. */
  phase?: 'before' | 'after'
  /** latency: delay in ms (default 1000). */
  latencyMs?: number
  /** http5xx: status (default 500). */
  status?: number
  /** rate_limit: Retry-After seconds (default 1). */
  retryAfterSec?: number
}

export interface ActiveFault extends Required<Omit<FaultSpec, 'path'>> {
  id: string
  path: string
}

const KINDS: FaultKind[] = ['latency', 'http5xx', 'rate_limit', 'drop', 'malformed']

export class FaultBook {
  private faults: ActiveFault[] = []
  private seq = 0

  add(spec: FaultSpec): ActiveFault {
    if (!KINDS.includes(spec.kind)) throw new Error(`unknown fault kind "${String(spec.kind)}"; use one of ${KINDS.join(', ')}`)
    const times = spec.times ?? 1
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault "times" must be a positive integer, got ${String(spec.times)}`)
    const f: ActiveFault = {
      id: `f${++this.seq}`,
      kind: spec.kind,
      path: spec.path ?? '*',
      times,
      phase: spec.phase ?? 'before',
      latencyMs: spec.latencyMs ?? 1000,
      status: spec.status ?? 500,
      retryAfterSec: spec.retryAfterSec ?? 1,
    }
    this.faults.push(f)
    return f
  }

  clear(): void {
    this.faults = []
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }))
  }

  /** Takes one use of the most specific fault matching `path` (exact, then prefix, then `*`). */
  take(path: string, isOzonMethod: boolean): ActiveFault | null {
    const rank = (f: ActiveFault) =>
      f.path === path ? 0 : f.path.endsWith('*') && f.path.length > 1 && path.startsWith(f.path.slice(0, -1)) ? 1 : f.path === '*' && isOzonMethod ? 2 : -1
    let best: ActiveFault | null = null
    for (const f of this.faults) {
      const r = rank(f)
      if (r >= 0 && (best === null || r < rank(best))) best = f
    }
    if (!best) return null
    best.times--
    if (best.times <= 0) this.faults = this.faults.filter((f) => f !== best)
    return { ...best }
  }
}
