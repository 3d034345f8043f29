// Test helpers: a sandbox on a free loopback port with test timings (no waiting for labels or packing), a clock
// the test moves by hand, and clients with quick retries and their own limiter; for benches, a sandbox in a
// child process.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { OzonError, createOzonClient, type OzonClient, type OzonClientOptions, type OzonLogger } from '../../electron/ozon/index'
import { startSandbox, type RunningSandbox } from '../../electron/ozon/sandbox/index'
import type { SandboxOptions } from '../../electron/ozon/sandbox/options'

export class TestClock {
  t: number
  constructor(iso = '2026-06-02T09:00:00Z') {
    this.t = Date.parse(iso)
  }
  now = (): Date => new Date(this.t)
  advance(ms: number): void {
    this.t += ms
  }
}

export interface TestSandbox extends RunningSandbox {
  clock: TestClock
  client(opts?: Partial<OzonClientOptions>): OzonClient
}

/** Lines logged by a client, to check what it says (and that it never says the key). */
export function recordingLogger(): OzonLogger & { lines: string[] } {
  const lines: string[] = []
  const put = (level: string) => (msg: string, data?: object) => lines.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`)
  return { lines, info: put('info'), warn: put('warn'), error: put('error') }
}

export async function startTestSandbox(opts: SandboxOptions = {}, clock = new TestClock()): Promise<TestSandbox> {
  const sb = await startSandbox({
    now: clock.now,
    labelReadyDelayMs: 0,
    labelTaskDelayMs: 0,
    shipDelayMs: 0,
    exemplarCheckDelayMs: 0,
    actDelayMs: 0,
    ...opts,
    demo: { arrivals: false, ...opts.demo },
  })
  const clients: OzonClient[] = []
  return {
    ...sb,
    clock,
    client(o = {}) {
      const c = createOzonClient({
        baseUrl: sb.url,
        clientId: 'demo',
        apiKey: 'demo',
        timeoutMs: 5000,
        shareLimiter: false,
        retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 40, maxRetryAfterMs: 5000 },
        ...o,
      })
      clients.push(c)
      return c
    },
    async close() {
      for (const c of clients) c.close()
      await sb.close()
    },
  }
}

/** A pack-by window that covers every demo posting around the test clock. */
export function wideWindow(clock: TestClock): { cutoffFrom: string; cutoffTo: string } {
  return { cutoffFrom: new Date(clock.t - 30 * 86_400_000).toISOString(), cutoffTo: new Date(clock.t + 30 * 86_400_000).toISOString() }
}

/** Collects every page of an async page generator. */
export async function collect<T>(pages: AsyncGenerator<{ postings: T[] }>): Promise<T[]> {
  const out: T[] = []
  for await (const p of pages) out.push(...p.postings)
  return out
}

/** Awaits a call that must fail with an OzonError and returns the error (fails the test otherwise). */
export async function failure(call: Promise<unknown>): Promise<OzonError> {
  try {
    await call
  } catch (e) {
    if (e instanceof OzonError) return e
    throw e
  }
  throw new Error('expected the call to fail with an OzonError, but it succeeded')
}

export interface SandboxProcess {
  url: string
  /** Closes the sandbox and waits for the process to end. */
  stop(): Promise<void>
}

/**
 * A sandbox holding `postings` new postings in a child process, so a bench measures the client's time and memory,
 * not the server's. `rateLimitPerSecond` as in startSandbox (default 50, like Ozon).
 */
export async function startSandboxProcess(opts: { postings: number; lines?: number; rateLimitPerSecond?: number }): Promise<SandboxProcess> {
  const index = fileURLToPath(new URL('../../electron/ozon/sandbox/index.ts', import.meta.url))
  const options = { demo: { postings: 0, arrivals: false }, ...(opts.rateLimitPerSecond === undefined ? {} : { rateLimitPerSecond: opts.rateLimitPerSecond }) }
  const code = `
    const { startSandbox } = await import(${JSON.stringify(index)})
    const sb = await startSandbox(${JSON.stringify(options)})
    sb.control.addPostings(${opts.postings}, ${JSON.stringify(opts.lines === undefined ? {} : { lines: opts.lines })})
    console.log('READY ' + sb.url)
    process.stdin.on('end', () => sb.close().then(() => process.exit(0)))
    process.stdin.resume()
  `
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /READY (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    proc.on('exit', (c) => reject(new Error(`sandbox process exited with ${c}`)))
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        proc.on('exit', () => resolve())
        proc.stdin!.end()
      }),
  }
}
