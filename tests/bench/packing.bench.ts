// "Package the order", seen from the packer: the time from Ctrl+Enter on the packing screen (real UI in Chromium,
// `npm run web` in demo mode) to the result being on screen, median over 50 orders, with the sandbox packing
// instantly (zero latency) — so what is measured is the station's own work: journal writes, re-reading the
// posting, the orders and packing documents, the audit log, the HTTP host and the render.
// Baselines, in this process against the same sandbox: the Ozon client's shipIdempotent alone (the Ozon round
// trips any correct station needs), and one bare ship call (the floor). Each measured run starts after a second
// of quiet so Ozon's rate limit (which the client respects) is in none of the figures.
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { createOzonClient } from '../../electron/ozon'
import { ensureRendererBuilt } from '../../electron/web/renderer-build'
import { launchBrowser } from '../e2e/support/browser'
import { startWebStation } from '../e2e/support/web-station'
import { stats, type Bench } from './lib'

const ORDERS = 50
const GOODS = ['MUG-RED-350', 'PLT-PORC-26', 'TWL-7014-GRY', 'BOX-STOR-5', 'FRP-600', 'SPG-DISH-20', 'KNF-CHEF-20', 'BTL-TRT-750']
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export default {
  name: 'packing',
  async run(report) {
    await ensureRendererBuilt(root, (line) => report.note(line))
    const station = await startWebStation({ STATION_SYNC_MINUTES: '0', STATION_LOG_CONSOLE: '0' })
    const browser = await launchBrowser()
    try {
      const api = async (method: string, args: unknown = {}): Promise<any> => {
        const res = await fetch(`${station.url}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) })
        const body = await res.json()
        if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`)
        return body
      }
      const { ozonUrl } = await api('station.info')
      const sandbox = async (p: string, body?: unknown): Promise<any> =>
        (await fetch(`${ozonUrl}/__sandbox/${p}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json()
      await sandbox('timings', { shipDelayMs: 0, labelReadyDelayMs: 0, exemplarCheckDelayMs: 0 })
      // Two lines of unmarked demo goods each (marked goods would wait for Ozon's marking-code check).
      const stage = async (count: number): Promise<string[]> => {
        const out: string[] = []
        for (let i = 0; i < count; i++) {
          const [a, b] = [GOODS[i % GOODS.length]!, GOODS[(i + 3) % GOODS.length]!]
          const spec = { integration: 'ozon', products: [{ offerId: a, quantity: 1 + (i % 2) }, { offerId: b, quantity: 1 }] }
          out.push(...(await sandbox('postings', { spec })).added)
        }
        return out
      }

      // Orders prepared through the API (open, every unit scanned, every other one split in two): the bench
      // measures the button, not the scanning.
      const orders = await stage(ORDERS)
      for (const [i, n] of orders.entries()) {
        const s = await api('packing.open', { postingNumber: n })
        for (const item of s.posting.items) for (let u = 0; u < item.quantity; u++) await api('packing.scan', { postingNumber: n, code: item.offerId })
        if (i % 2 === 1) await api('packing.move', { postingNumber: n, sku: s.posting.items[1].sku, from: 0, to: 'new', quantity: s.posting.items[1].quantity })
      }

      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F2')
      await page.getByTestId('packing-screen').waitFor()
      const samples: number[] = []
      for (const n of orders) {
        await scanNumber(page, n)
        await page.locator(`[data-testid=posting-number]:text-is("${n}")`).waitFor()
        await page.locator('[data-testid=ship-button]:not([disabled])').waitFor()
        await quietRateLimit()
        // Measured inside the page: from the key press to the result in the DOM. (A string: tsx would wrap
        // functions passed to the page in helpers the page does not have.)
        const ms = (await page.evaluate(MEASURE_SHIP)) as number
        samples.push(ms)
      }
      await page.close()
      report.timing(`UI: Ctrl+Enter → result shown (${ORDERS} orders, 1–2 packages)`, stats(samples))

      // Baselines in this process, against the same sandbox, on fresh orders of the same shape.
      const client = createOzonClient({ baseUrl: ozonUrl, clientId: 'demo', apiKey: 'demo', shareLimiter: false })
      const planOf = async (n: string, split: boolean) => {
        const p = await client.getPosting(n)
        const lines = p.products.map((l) => ({ sku: l.sku, quantity: l.quantity }))
        return split && lines.length > 1 ? [{ products: [lines[0]!] }, { products: lines.slice(1) }] : [{ products: lines }]
      }
      const idem: number[] = []
      for (const [i, n] of (await stage(ORDERS)).entries()) {
        const plan = await planOf(n, i % 2 === 1)
        await quietRateLimit()
        const t0 = performance.now()
        await client.shipIdempotent(n, plan, { pollIntervalMs: 20 })
        idem.push(performance.now() - t0)
      }
      const bare: number[] = []
      for (const [i, n] of (await stage(ORDERS)).entries()) {
        const plan = await planOf(n, i % 2 === 1)
        await quietRateLimit()
        const t0 = performance.now()
        await client.ship(n, plan)
        bare.push(performance.now() - t0)
      }
      client.close()
      const ours = stats(samples)
      const needed = stats(idem)
      report.timing('baseline: client.shipIdempotent alone (read, ship, confirm)', needed)
      report.timing('baseline: one bare /v4/posting/fbs/ship call', stats(bare))
      report.figure("station's own overhead per order (median UI − shipIdempotent)", ours.median - needed.median, 'ms')
    } finally {
      await browser.close()
      await station.stop()
    }
  },
} satisfies Bench

/**
 * Ozon allows 50 requests a second per Client-Id and the client keeps under 45: opening the next posting right
 * before packing it would make the measured calls wait for the limiter. A second of quiet before each measured
 * run keeps the limiter out of every figure, ours and the baselines alike.
 */
function quietRateLimit(): Promise<void> {
  return new Promise((r) => setTimeout(r, 1100))
}

/** In the page: press Ctrl+Enter on the focused scan field and resolve with the ms until the result is in the DOM. */
const MEASURE_SHIP = `new Promise((resolve) => {
  const t0 = performance.now()
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid=packed-result]')) {
      observer.disconnect()
      resolve(performance.now() - t0)
    }
  })
  observer.observe(document.body, { childList: true, subtree: true })
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }))
})`

/** Opens a posting the way a packer does: a scanner burst of its number. */
async function scanNumber(page: Page, code: string): Promise<void> {
  const keys = [...code].map((ch) => (ch === '-' ? { code: 'Minus', key: '-' } : { code: `Digit${ch}`, key: ch }))
  keys.push({ code: 'Enter', key: 'Enter' })
  await page.evaluate(`for (const k of ${JSON.stringify(keys)}) (document.activeElement || document.body).dispatchEvent(new KeyboardEvent('keydown', { ...k, bubbles: true, cancelable: true }))`)
}
