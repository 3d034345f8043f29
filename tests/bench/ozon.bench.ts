// Bench: the Ozon client syncing 10,000 unfulfilled postings from the sandbox in pages of 100.
//
// The sandbox runs in a child process so the memory figures are the client's alone. Measured in this process:
//   ours  — createOzonClient().unfulfilledPages(): v4 cursor pages of 100, keep-alive, our limiter (45 in any
//           second, slot held until the answer arrived), zod validation + normalisation of every posting;
//   naive — what a quick script does: v3 offset pages of 100, a new TCP connection per request (Connection:
//           close), no client-side limiter (it meets Ozon's 429s and sleeps the Retry-After), JSON.parse and the
//           same zod validation per posting (so the difference is the HTTP side, not the parsing).
// Both are measured twice: against the sandbox's Ozon-like 50 requests/s limit (what a seller gets), and with the
// limit off (raw throughput of the pipeline, which shows the cost of connections and paging).
import http from 'node:http'
import v8 from 'node:v8'
import vm from 'node:vm'
import { createOzonClient, OzonPosting } from '../../electron/ozon/index'
import { startSandboxProcess } from '../support/ozon-sandbox'
import { stats, type Bench, type Reporter } from './lib'

const POSTINGS = 10_000
const PAGE = 100

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose_gc')
  return vm.runInNewContext('gc') as () => void
})()

/** Runs `fn` and reports wall time, the peak heap above the level before it started, and what stays after GC. */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; heapMb: number; retainedMb: number; value: T }> {
  gc()
  const base = process.memoryUsage()
  let heap = base.heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    heap = Math.max(heap, m.heapUsed)
  }, 5)
  const t0 = performance.now()
  const value = await fn()
  const ms = performance.now() - t0
  clearInterval(sampler)
  const end = process.memoryUsage()
  heap = Math.max(heap, end.heapUsed)
  gc() // what stays while the synced postings are still held
  const retained = process.memoryUsage().heapUsed
  return { ms, heapMb: (heap - base.heapUsed) / 2 ** 20, retainedMb: (retained - base.heapUsed) / 2 ** 20, value }
}

async function ours(url: string, unlimited: boolean): Promise<{ count: number; requests: number; postings: OzonPosting[] }> {
  const client = createOzonClient({
    baseUrl: url,
    clientId: 'demo',
    apiKey: 'demo',
    shareLimiter: false,
    ...(unlimited ? { rateLimit: { max: 100_000, perMs: 1000 } } : {}),
  })
  let count = 0
  let requests = 0
  const all: OzonPosting[] = []
  for await (const page of client.unfulfilledPages({ cutoffFrom: '2000-01-01T00:00:00Z', cutoffTo: '2100-01-01T00:00:00Z', pageSize: PAGE })) {
    requests++
    count += page.postings.length
    all.push(...page.postings)
  }
  client.close()
  return { count: all.length === count ? count : -1, requests, postings: all }
}

/** A quick script's loop: v3 offset pages, a fresh connection per request, sleep on 429. */
async function naive(url: string): Promise<{ count: number; requests: number; postings: OzonPosting[] }> {
  const all: OzonPosting[] = []
  let requests = 0
  for (let offset = 0; ; ) {
    const body = JSON.stringify({ dir: 'ASC', limit: PAGE, offset, filter: { cutoff_from: '2000-01-01T00:00:00Z', cutoff_to: '2100-01-01T00:00:00Z' }, with: { barcodes: true } })
    requests++
    const res = await post(url + '/v3/posting/fbs/unfulfilled/list', body)
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers['retry-after'] ?? 1) * 1000))
      continue
    }
    const json = JSON.parse(res.body) as { result: { postings: unknown[]; count: number } }
    for (const p of json.result.postings) all.push(OzonPosting.parse(p))
    offset += json.result.postings.length
    if (json.result.postings.length < PAGE || offset >= json.result.count) break
  }
  return { count: all.length, requests, postings: all }
}

function post(url: string, body: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Client-Id': 'demo', 'Api-Key': 'demo', Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function scenario(report: Reporter, label: string, rps: number): Promise<void> {
  const child = await startSandboxProcess({ postings: POSTINGS, lines: 2, rateLimitPerSecond: rps })
  const pause = () => new Promise((r) => setTimeout(r, 1100)) // let the server's rate window empty
  try {
    // Warm-up: JIT, module caches, the sandbox's list cache — one pass each, not measured.
    await ours(child.url, rps > 1000)
    await naive(child.url)
    const oursMs: number[] = []
    const naiveMs: number[] = []
    let a: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof ours>>>>> | null = null
    let b: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof naive>>>>> | null = null
    // Alternate the two so machine load hits both alike; the median of 3 runs each is reported.
    for (let i = 0; i < 3; i++) {
      await pause()
      a = await measure(() => ours(child.url, rps > 1000))
      oursMs.push(a.ms)
      await pause()
      b = await measure(() => naive(child.url))
      naiveMs.push(b.ms)
      if (a.value.count !== POSTINGS || b.value.count !== POSTINGS) throw new Error(`expected ${POSTINGS} postings, got ours ${a.value.count}, naive ${b.value.count}`)
    }
    const ts = stats(oursMs)
    const tn = stats(naiveMs)
    report.timing(`${label}: ours, 10k postings (${a!.value.requests} requests)`, ts)
    report.figure(`${label}: ours, peak heap above start`, a!.heapMb, 'MiB')
    report.figure(`${label}: ours, heap retained by the 10k postings`, a!.retainedMb, 'MiB')
    report.timing(`${label}: naive, 10k postings (${b!.value.requests} requests incl. 429s)`, tn)
    report.figure(`${label}: naive, peak heap above start`, b!.heapMb, 'MiB')
    report.ratio(`${label}: sync time (medians)`, tn.median, ts.median)
  } finally {
    await child.stop()
  }
}

export default {
  name: 'ozon',
  async run(report) {
    report.note(`syncing ${POSTINGS} unfulfilled postings (2 lines each) in pages of ${PAGE}; sandbox in a child process`)
    await scenario(report, 'Ozon limit 50/s', 50)
    await scenario(report, 'no rate limit', 1_000_000)
  },
} satisfies Bench
