// The labels area in a whole demo station: fetching 200 Ozon labels from the sandbox into the cache (batches of 20,
// pages told apart by their text), and a morning batch of 200 packages as one PDF (Ozon's label + bag label each,
// 400 pages) through `labels.batch` — against the naive way measured in the same process: one bag-label PDF per
// package, then every package's PDFs merged one after the other.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { mergePdfs, renderBagLabelsPdf } from '../../electron/labels'
import { createStation } from '../../electron/station'
import { bagLabelInputFromPosting } from '../../shared/domain/label-input'
import { silentLogger } from '../../shared/log'
import { time, type Bench } from './lib'

const COUNT = 200

export default {
  name: 'station-labels',
  async run(report) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-station-labels-'))
    const station = await createStation(
      { version: 'bench', dataDir, ozon: { mode: 'demo' }, demoLabelDelayMs: 0, syncIntervalMinutes: 0, logToConsole: false, now: () => new Date() },
      { logger: silentLogger },
    )
    try {
      const { ozonUrl } = await station.call('station.info', {})
      const control = async (p: string, body: unknown) => {
        const res = await fetch(new URL(`/__sandbox/${p}`, ozonUrl), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`)
        return res.json() as Promise<{ added: string[] }>
      }
      await control('timings', { labelTaskDelayMs: 0 })
      const state = (await (await fetch(new URL('/__sandbox/state', ozonUrl))).json()) as { accounts: { deliveryMethods: { id: string; name: string }[] }[] }
      const big = state.accounts[0]!.deliveryMethods.find((m) => m.name.startsWith('Ozon') && m.name.includes('Москва'))!.id
      const { added } = await control('postings', { count: COUNT, spec: { deliveryMethodId: big, lines: 2 } })
      for (const n of added) await control(`postings/${n}/status`, { status: 'awaiting_deliver' })
      await station.call('orders.sync', {})

      // Fetch: every label asked from Ozon (the sandbox on loopback) and cached, once.
      const t0 = performance.now()
      const first = await station.call('labels.batch', { postingNumbers: added, choice: 'ozon', save: false })
      const fetchMs = performance.now() - t0
      if (first.missing.length > 0) throw new Error(`labels missing: ${first.missing[0]!.reason}`)
      report.figure(`fetch ${COUNT} Ozon labels into the cache (tasks of 20, split by page)`, fetchMs, 'ms')

      // The morning batch: 200 packages, Ozon's label then the bag label each.
      const ours = await time(async () => {
        const b = await station.call('labels.batch', { postingNumbers: added, choice: 'both', save: false })
        if (b.pages.length !== 2 * COUNT) throw new Error(`expected ${2 * COUNT} pages, got ${b.pages.length}`)
      }, 5)

      // Naive: one bag-label PDF per package, then all the package PDFs merged in order.
      const { profile } = await station.call('settings.get', {})
      const postings = await Promise.all(added.map((n) => station.call('orders.get', { postingNumber: n })))
      const naive = await time(async () => {
        const parts: Uint8Array[] = []
        for (const p of postings) {
          parts.push(await readFile(path.join(dataDir, 'labels', 'ozon', `${p.postingNumber}.pdf`)))
          const input = bagLabelInputFromPosting(p, { packageIndex: 1, packageCount: 1, locale: profile.language, timeZone: profile.timeZone })
          parts.push(await renderBagLabelsPdf([input], { size: { widthMm: 58, heightMm: 40 }, dpi: 203 }))
        }
        const merged = await mergePdfs(parts)
        if (merged.length === 0) throw new Error('empty')
      }, 3)

      report.timing(`batch of ${COUNT} packages, both labels (${2 * COUNT} pages), naive`, naive)
      report.timing(`batch of ${COUNT} packages, both labels (${2 * COUNT} pages), ours`, ours)
      report.figure('ours per package (Ozon label copied + bag label drawn)', ours.median / COUNT, 'ms')
      report.ratio(`batch of ${COUNT} packages`, naive.median, ours.median)
      report.figure('batch PDF size', Buffer.from(first.pdfBase64, 'base64').length / 1024, 'KiB (Ozon labels only)')
    } finally {
      await station.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
} satisfies Bench
