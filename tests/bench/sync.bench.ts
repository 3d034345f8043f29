// Bench: the inbox end to end over 10,000 postings — a station syncing them from the sandbox (Ozon's paging and
// rate limit, the real client, the durable orders file), the inbox index built once after the data changed,
// then filter / search / sort latency through the contract (`orders.list`, as both hosts call it).
//
// Naive baseline, measured in this process over the same postings: what a first version does — no index kept
// between requests, so every request builds it again (`buildInboxIndex` + `queryInbox`) before answering.
// The client-only sync figure (pages, connections, 429s) is the Ozon bench's (ozon.bench.ts), not repeated here.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createStation, type Station } from '../../electron/station'
import type { OrdersListArgs, SyncProgress } from '../../shared/contract'
import { buildInboxIndex, parseInboxQuery, queryInbox } from '../../shared/domain/inbox-query'
import type { Posting } from '../../shared/domain/posting'
import { silentLogger } from '../../shared/log'
import { startSandboxProcess } from '../support/ozon-sandbox'
import { stats, type Bench, type Reporter } from './lib'

const POSTINGS = 10_000

/** Queries a packer makes, each different (so no answer is reused), built from the synced data. */
function queries(postings: Posting[]): OrdersListArgs[] {
  const warehouses = [...new Set(postings.map((p) => p.warehouse.id))]
  const carriers = [...new Set(postings.map((p) => p.carrier.id))]
  const words = [...new Set(postings.flatMap((p) => p.items.flatMap((i) => i.name.split(/\s+/).filter((w) => /^[А-Яа-яЁё]{4,}$/.test(w)))))]
  const out: OrdersListArgs[] = []
  for (let k = 0; k < 60; k++) {
    const p = postings[(k * 7919) % postings.length]!
    switch (k % 6) {
      case 0:
        out.push({ filters: { warehouse: [warehouses[k % warehouses.length]!] }, limit: 100 })
        break
      case 1:
        out.push({ filters: { warehouse: [warehouses[k % warehouses.length]!], carrier: [carriers[k % carriers.length]!] }, limit: 100 })
        break
      case 2:
        out.push({ search: words[k % words.length]!.toUpperCase(), filters: { status: [] }, limit: 100 })
        break
      case 3:
        out.push({ search: p.postingNumber.slice(0, 5 + (k % 8)), filters: { status: [] }, limit: 100 })
        break
      case 4:
        out.push({ sort: 'moneyAtStake', filters: { carrier: [carriers[k % carriers.length]!] }, limit: 100 })
        break
      default:
        out.push({ search: p.items[0]!.offerId.toLowerCase().slice(0, 3 + (k % 5)), sort: 'orderDate', limit: 100 })
    }
  }
  return out
}

async function latencies(run: (q: OrdersListArgs) => Promise<unknown> | unknown, list: OrdersListArgs[]): Promise<number[]> {
  const samples: number[] = []
  for (const q of list) {
    const t0 = performance.now()
    await run(q)
    samples.push(performance.now() - t0)
  }
  return samples
}

async function syncTimed(station: Station, report: Reporter, label: string): Promise<void> {
  let lastPage = 0
  const off = station.subscribe((event, payload) => {
    if (event === 'sync.progress' && (payload as SyncProgress).phase === 'postings') lastPage = performance.now()
  })
  const t0 = performance.now()
  const result = await station.call('orders.sync', {})
  const total = performance.now() - t0
  off()
  if (!result.ok || result.fetched !== POSTINGS) throw new Error(`sync fetched ${result.fetched}: ${result.error ?? ''}`)
  report.figure(`${label}: whole sync of ${POSTINGS} (fetch + merge + durable write)`, total, 'ms')
  report.figure(`${label}: of which after the last page (merge + write)`, total - (lastPage - t0), 'ms')
}

export default {
  name: 'sync',
  async run(report) {
    const sandbox = await startSandboxProcess({ postings: POSTINGS })
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-sync-'))
    const station = await createStation(
      {
        version: 'bench',
        dataDir,
        ozon: { mode: 'live', url: sandbox.url, clientId: 'demo', apiKey: 'demo' },
        demoLabelDelayMs: 0,
        syncIntervalMinutes: 0,
        logToConsole: false,
        now: () => new Date(),
      },
      { logger: silentLogger },
    )
    try {
      await syncTimed(station, report, 'first sync (all new)')
      await syncTimed(station, report, 'next sync (nothing changed)')
      report.figure('orders.json on disk', (await stat(path.join(dataDir, 'orders.json'))).size / 2 ** 20, 'MB')

      let t0 = performance.now()
      await station.call('orders.list', { limit: 100 })
      report.figure('first orders.list after the sync (builds the index)', performance.now() - t0, 'ms')

      const postings = Object.values((JSON.parse(await readFile(path.join(dataDir, 'orders.json'), 'utf8')) as { data: { postings: Record<string, Posting> } }).data.postings)
      const list = queries(postings)
      const ours = stats(await latencies((q) => station.dispatch('orders.list', q), list))
      report.timing(`orders.list, a new query each time (n=${list.length} mixed)`, ours)

      // The next windows of one result, as the virtualised list scrolls.
      const windows = stats(await latencies((q) => station.dispatch('orders.list', q), Array.from({ length: 50 }, (_, k) => ({ filters: { status: [] }, offset: k * 100, limit: 100 }))))
      report.timing('orders.list, next window of the same result (scrolling)', windows)

      const codes = postings.slice(0, 50).map((p) => p.labelBarcodes?.lower ?? p.postingNumber)
      const finds: number[] = []
      for (const code of codes) {
        t0 = performance.now()
        await station.dispatch('orders.find', { code })
        finds.push(performance.now() - t0)
      }
      report.timing('orders.find, a scanned label barcode in the inbox', stats(finds))

      const now = new Date()
      const naive = stats(
        await latencies((q) => {
          const index = buildInboxIndex(postings, now)
          const r = queryInbox(index, parseInboxQuery({ filters: q.filters, search: q.search ?? '', sort: q.sort ?? 'timeLeft', direction: q.direction }), now)
          return r.rows.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 100))
        }, list.slice(0, 20)),
      )
      report.timing('naive: index built again for every request (n=20)', naive)
      report.ratio('orders.list median vs the naive per-request build', naive.median, ours.median)
    } finally {
      await station.close()
      await sandbox.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
} satisfies Bench
