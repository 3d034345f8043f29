// Hand-over in Chromium against the real station (`npm run web`, demo mode): five packages of Ozon logistics — three
// single ones and a split order of two packed through the station — are scanned into a batch by scanner bursts,
// with one package of another carrier refused loudly and the split order shown "1 of 2" (closing then asks for a
// reason) until its second package is scanned; the batch is closed with the courier's name, the manifest opens in
// a new tab and is saved; its barcodes, decoded from the rendered pages, are exactly the five posting numbers.
// At 1920×1080 and 1366×768, with screenshots.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { decodeBarcodes } from '../support/barcode-decode'
import { pdfText, pdfToPngs } from '../support/pdf-readback'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

/** A wedge scanner's burst: keydown/keyup per character back to back, then Enter (codes decoded from `event.code`). */
async function scan(page: Page, code: string): Promise<void> {
  const keys = [...code].map((ch) => {
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch }
    if (ch === '-') return { code: 'Minus', key: '-' }
    if (ch === '%') return { code: 'Digit5', key: '%', shiftKey: true }
    throw new Error(`no key for "${ch}" in this test`)
  })
  await page.evaluate((list) => {
    const target = document.activeElement ?? document.body
    for (const k of [...list, { code: 'Enter', key: 'Enter' }]) {
      target.dispatchEvent(new KeyboardEvent('keydown', { shiftKey: false, ...k, bubbles: true, cancelable: true }))
      target.dispatchEvent(new KeyboardEvent('keyup', { shiftKey: false, ...k, bubbles: true, cancelable: true }))
    }
  }, keys)
}

describe('dispatch in Chromium (demo mode)', () => {
  let station: WebStation
  let browser: Browser

  const api = async (method: string, args: unknown = {}): Promise<any> => {
    const res = await fetch(`${station.url}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) })
    const body = await res.json()
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`)
    return body
  }
  const sandbox = async (path: string, body?: unknown): Promise<any> => {
    const { ozonUrl } = await api('station.info')
    const res = await fetch(`${ozonUrl}/__sandbox/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status}`)
    return res.json()
  }

  /** Three packed single packages and a split order of two (packed through the station), of one Ozon method; one packed parcel of the seller's own courier. */
  async function stage(set: number) {
    const state = await sandbox('state')
    const methods = state.accounts[0].deliveryMethods as { id: string; name: string; tpl_integration_type: string }[]
    const ozon = methods.find((d) => d.tpl_integration_type === 'ozon')!
    const own = methods.find((d) => d.tpl_integration_type === 'non_integrated')!
    const packed = async (deliveryMethodId: string, count: number) => {
      const { added } = await sandbox('postings', { count, spec: { deliveryMethodId, products: [{ offerId: ['FRP-600', 'MUG-WHT-450'][set % 2], quantity: 1 }] } })
      for (const n of added as string[]) await sandbox(`postings/${n}/status`, { status: 'awaiting_deliver' })
      return added as string[]
    }
    const singles = await packed(ozon.id, 3)
    const [wrong] = await packed(own.id, 1)
    // The split order: two goods, each in its own package, packed with "Package the order".
    const offers = [['SPG-DISH-20', 'POT-SS-3L'], ['TWL-7014-GRY', 'BOX-STOR-5']][set % 2]!
    const { added } = await sandbox('postings', { spec: { deliveryMethodId: ozon.id, products: offers.map((offerId) => ({ offerId, quantity: 1 })) } })
    const original = added[0] as string
    const session = await api('packing.open', { postingNumber: original })
    for (const p of session.products as { barcodes: string[]; offerId: string }[]) {
      const { outcome } = await api('packing.scan', { postingNumber: original, code: p.barcodes[0] ?? p.offerId })
      expect(outcome.ok).toBe(true)
    }
    await api('packing.move', { postingNumber: original, sku: session.posting.items[1].sku, from: 0, to: 'new', quantity: 1 })
    const shipped = await api('packing.ship', { postingNumber: original })
    expect(shipped.state).toBe('packed')
    const split = (shipped.result.packages as { postingNumber: string }[]).map((p) => p.postingNumber)
    expect(split).toHaveLength(2)
    await api('orders.sync')
    return { ozon, singles, wrong: wrong!, split }
  }

  beforeAll(async () => {
    station = await startWebStation({ STATION_SYNC_MINUTES: '0' })
    browser = await launchBrowser()
    await sandbox('timings', { shipDelayMs: 200, actDelayMs: 500 })
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('scans five packages with a wrong carrier and an incomplete split, closes, and the manifest decodes to them', async () => {
    let set = 0
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { ozon, singles, wrong, split } = await stage(set++)
      const five = [...singles, ...split]
      const page = await browser.newPage({ viewport, acceptDownloads: true })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F7')
      await page.getByTestId('dispatch-screen').waitFor()
      await page.getByTestId('dispatch-options').getByText(ozon.name).first().waitFor()
      await screenshot(page, `dispatch-picker-${name}`)

      // Scanning any package opens its carrier's batch, with the package in it.
      await scan(page, singles[0]!)
      await page.getByTestId('dispatch-batch').waitFor()
      const banner = page.getByTestId('dispatch-banner')
      const count = page.getByTestId('dispatch-count')
      await expect.poll(() => count.textContent()).toContain('1')

      // The seller's own courier's parcel: refused, red, the batch unchanged.
      await scan(page, wrong)
      await expect.poll(() => banner.textContent()).toContain('ДРУГАЯ СЛУЖБА ДОСТАВКИ')
      expect(await banner.getAttribute('class')).toContain('error')
      await screenshot(page, `dispatch-wrong-carrier-${name}`)

      await scan(page, split[0]!)
      await expect.poll(() => banner.textContent()).toContain('отсканировано 1 из 2 мест')
      await expect.poll(() => page.getByTestId('dispatch-splits').textContent()).toContain('1 из 2')
      await scan(page, singles[1]!)
      await expect.poll(() => banner.textContent()).toBe(`${singles[1]} — в партии`)
      await scan(page, singles[2]!)
      await expect.poll(() => count.textContent()).toContain('4')
      await screenshot(page, `dispatch-incomplete-split-${name}`)

      // Closing with the split order incomplete asks for a reason; the packer goes back and scans the second package.
      await page.getByTestId('dispatch-courier').fill('Пётр Курьеров')
      await page.getByTestId('dispatch-close').click()
      const dialog = page.getByRole('dialog')
      await expect.poll(() => dialog.textContent()).toContain('отсканировано 1 из 2 мест')
      await dialog.getByRole('button', { name: 'Вернуться к сканированию' }).click()
      await scan(page, split[1]!)
      await expect.poll(() => count.textContent()).toContain('5')
      expect(await page.getByTestId('dispatch-splits').count()).toBe(0)

      await page.keyboard.press('Control+Enter')
      const closedBy = page.getByTestId('dispatch-closed-by')
      await closedBy.waitFor({ timeout: 30_000 })
      expect(await closedBy.textContent()).toMatch(/курьеру Пётр Курьеров: мест 5/)
      await expect.poll(() => page.getByTestId('dispatch-handover').textContent(), { timeout: 30_000 }).toContain('Готово')
      await screenshot(page, `dispatch-closed-${name}`)

      // "Open the manifest": a new tab with the PDF; "Save" hands the same document over as a file.
      const [tab] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('dispatch-manifest-open').click()])
      expect(tab.url()).toMatch(/^blob:/)
      await tab.close()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dispatch-manifest-save').click()])
      expect(download.suggestedFilename()).toMatch(/^manifest-\d{4}-\d{2}-\d{2}-\d+.*\.pdf$/)
      const pdf = await readFile((await download.path())!)
      const text = await pdfText(pdf)
      expect(text).toContain('Акт приёма-передачи отправлений')
      expect(text).toContain('Пётр Курьеров')
      expect(text).toContain('Мест: 5')
      const pages = await pdfToPngs(pdf, { dpi: 200 })
      const decoded = (await Promise.all(pages.map((p) => decodeBarcodes(p.png)))).flat().filter((b) => b.format === 'CODE_128')
      expect(decoded.map((b) => b.text).sort()).toEqual([...five].sort())

      // History: the batch is found by the split order's second package.
      await page.keyboard.press('Escape')
      await page.getByTestId('dispatch-history-search').fill(split[1]!)
      await expect.poll(() => page.getByTestId('dispatch-history').locator('tbody tr').count()).toBe(1)
      await screenshot(page, `dispatch-history-${name}`)
      await page.close()
    }
  })
})
