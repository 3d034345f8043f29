// startSandbox: a faithful local Ozon Seller API (FBS) on loopback, with demo data, persistence and controls.
import { createControl, controlOverHttp, type SandboxControl } from './control'
import { FaultBook } from './faults'
import { DEFAULT_METHOD_LIMITS, type SandboxOptions } from './options'
import { ROUTES, settle } from './routes'
import { serveLabelFile } from './routes/labels'
import { SandboxServer } from './server'
import { SandboxState } from './state'

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>` — the base URL for the client. */
  url: string
  port: number
  close(): Promise<void>
  control: SandboxControl
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = opts.log ?? (() => {})
  const state = new SandboxState(opts, log)
  const faults = new FaultBook()
  let server: SandboxServer | null = null
  const control = createControl(state, faults, () => server?.calls ?? [])
  server = new SandboxServer({
    state,
    routes: ROUTES,
    faults,
    rateLimitPerSecond: opts.rateLimitPerSecond ?? 50,
    methodLimits: opts.methodLimits ?? DEFAULT_METHOD_LIMITS,
    settle,
    files: (path) => serveLabelFile(state, path),
    control: (method, path, body, query) => controlOverHttp(control, method, path, body, query),
    log,
  })
  const host = opts.host ?? '127.0.0.1'
  const port = await server.listen(opts.port ?? 0, host)
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  let closed = false
  return {
    url: `http://${shownHost}:${port}`,
    port,
    control,
    async close() {
      if (closed) return
      closed = true
      await server.close()
      await state.flush()
    },
  }
}

export type { SandboxOptions, SandboxVariants, SandboxAccount, DemoOptions, Timings } from './options'
export type { SandboxControl, SandboxSummary, StatusChange } from './control'
export type { FaultSpec, FaultKind } from './faults'
export type { NewPostingSpec } from './demo-data'
export type { SbPosting, SbAccount } from './world'
