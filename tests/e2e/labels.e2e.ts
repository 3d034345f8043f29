// Labels in Chromium against the real station (`npm run web`, demo mode): package an order split in two, see Ozon's
// label of each package "waiting (N s)" while Ozon makes it, then "ready"; preview the bag label at true size (the
// paper measures its mm in CSS pixels), zoomed, and Ozon's own label — at 1920×1080 and 1366×768, with screenshots.
// Then the same packages as one PDF in package order, rendered at the printer's 203 dpi and scanned.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeBarcodes } from '../support/barcode-decode'
import { pdfPageSizesMm, pdfToPngs } from '../support/pdf-readback'
import { launchBrowser, SCREENSHOT_DIR, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

/** CSS pixels per mm: what "true size" means on a screen. */
const PX_PER_MM = 96 / 25.4

/** A scanner burst of digits and dashes (a posting number), then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate(async (text) => {
    const target = document.activeElement ?? document.body
    const fire = (type: string, k: { code: string; key: string }) => target.dispatchEvent(new KeyboardEvent(type, { ...k, bubbles: true, cancelable: true }))
    for (const ch of text) {
      const k = ch === '-' ? { code: 'Minus', key: '-' } : { code: `Digit${ch}`, key: ch }
      fire('keydown', k)
      fire('keyup', k)
      await new Promise((r) => setTimeout(r, 3))
    }
    fire('keydown', { code: 'Enter', key: 'Enter' })
    fire('keyup', { code: 'Enter', key: 'Enter' })
  }, code)
}

describe('labels in Chromium (demo mode)', () => {
  let station: WebStation
  let browser: Browser
  let bigLabels = ''

  const api = async (method: string, args: unknown = {}): Promise<any> => {
    const res = await fetch(`${station.url}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) })
    const body = await res.json()
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`)
    return body
  }
  const sandbox = async (p: string, body?: unknown): Promise<any> => {
    const { ozonUrl } = await api('station.info')
    const res = await fetch(`${ozonUrl}/__sandbox/${p}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    return res.json()
  }

  /** A two-line order, every unit verified and the second line in a package of its own: ready to package. */
  async function stageSplitOrder(): Promise<string> {
    // Ozon logistics from the Moscow warehouse (big labels), goods without marking codes.
    let n = ''
    while (!n) {
      const { added } = await sandbox('postings', { spec: { deliveryMethodId: bigLabels, lines: 2 } })
      if ((await sandbox(`postings/${added[0]}`)).mandatory_mark_skus.length === 0) n = added[0] as string
    }
    const session = await api('packing.open', { postingNumber: n })
    for (const item of session.posting.items as { sku: number; quantity: number }[]) {
      const code = (session.products as { sku: number; barcodes: string[] }[]).find((p) => p.sku === item.sku)!.barcodes[0]!
      for (let i = 0; i < item.quantity; i++) await api('packing.scan', { postingNumber: n, code })
    }
    const second = session.posting.items[1] as { sku: number; quantity: number }
    await api('packing.move', { postingNumber: n, sku: second.sku, from: 0, to: 'new', quantity: second.quantity })
    return n
  }

  beforeAll(async () => {
    station = await startWebStation({ STATION_SYNC_MINUTES: '0' })
    browser = await launchBrowser()
    // Ozon (the sandbox) makes a label 9 s after packing; the demo station first asks after 5 s, so it waits.
    await sandbox('timings', { shipDelayMs: 300, labelTaskDelayMs: 500 })
    await sandbox('label-delay', { ms: 9_000 })
    const { accounts } = await sandbox('state')
    bigLabels = (accounts[0].deliveryMethods as { id: string; name: string }[]).find((m) => m.name.includes('Москва Север') && m.name.startsWith('Ozon'))!.id
    // The warehouses' label sizes come with the reference data.
    await api('orders.sync')
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('packs an order, shows its labels waiting then ready, and previews them at true size and zoomed', async () => {
    const packed: string[][] = []
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const postingNumber = await stageSplitOrder()
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F2')
      await page.getByTestId('packing-screen').waitFor()
      await scan(page, postingNumber)
      await page.getByText('Всё проверено — можно упаковывать').waitFor()
      await page.keyboard.press('Control+Enter')
      await page.getByTestId('packed-result').waitFor({ timeout: 30_000 })
      const numbers = await page.getByTestId('result-posting').allTextContents()
      expect(numbers).toHaveLength(2)
      packed.push(numbers)

      // Right after packing Ozon has no label yet: each package says it is waiting, with the seconds counting.
      const labels = page.getByTestId('package-labels')
      await labels.waitFor()
      await expect.poll(() => page.getByTestId('label-state-1').textContent(), { timeout: 10_000 }).toMatch(/ждём \(\d+ с\)/)
      expect(await page.getByTestId('label-state-2').textContent()).toMatch(/ждём \(\d+ с\)/)
      // The bag label is there at once, at true size: 58 × 40 mm of paper measured in CSS pixels.
      const paper = page.getByTestId('label-paper')
      await paper.waitFor()
      const box = (await paper.boundingBox())!
      expect(Math.abs(box.width - 58 * PX_PER_MM)).toBeLessThan(1)
      expect(Math.abs(box.height - 40 * PX_PER_MM)).toBeLessThan(1)
      expect(await paper.locator('text').allTextContents()).toContain(numbers[0])
      await labels.scrollIntoViewIfNeeded()
      await screenshot(page, `labels-1-waiting-${name}`)

      // Ozon makes the labels; the station fetches them by itself.
      await page.getByTestId('label-row-1').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 40_000 })
      await page.getByTestId('label-row-2').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 40_000 })
      expect(await page.getByTestId('label-state-1').textContent()).toBe('Этикетка Ozon: ✓ готова')
      await screenshot(page, `labels-2-ready-${name}`)

      // Zoomed ×3 with the keyboard: the toggle is reachable and its focus visible.
      await page.getByTestId('zoom-3').focus()
      await page.keyboard.press('Enter')
      await expect.poll(async () => Math.round((await paper.boundingBox())!.width)).toBe(Math.round(3 * 58 * PX_PER_MM))
      await screenshot(page, `labels-3-bag-zoom3-${name}`)

      // Ozon's own label of package 2, at true size (75 × 120 mm).
      await page.getByTestId('label-pick-2').click()
      await page.getByTestId('preview-ozon').click()
      await page.getByTestId('zoom-1').click()
      const image = page.getByRole('img', { name: `Этикетка Ozon отправления ${numbers[1]}` })
      await image.waitFor()
      const ib = (await image.boundingBox())!
      expect(Math.abs(ib.width - 75 * PX_PER_MM)).toBeLessThan(1)
      expect(Math.abs(ib.height - 120 * PX_PER_MM)).toBeLessThan(1)
      await image.scrollIntoViewIfNeeded()
      await screenshot(page, `labels-4-ozon-true-size-${name}`)

      // The labels screen (F4): recent packages, picked by a scan of a label, one PDF of them.
      await page.keyboard.press('F4')
      await page.getByTestId('labels-screen').waitFor()
      await page.getByTestId(`labels-row-${numbers[0]}`).waitFor()
      await scan(page, numbers[0]!)
      await scan(page, numbers[1]!)
      await page.getByTestId('labels-make-pdf').click()
      await expect.poll(() => page.getByTestId('labels-batch').textContent(), { timeout: 30_000 }).toContain('PDF готов: 4 стр.')
      await page.getByRole('checkbox', { name: `Выбрать ${numbers[1]}` }).focus()
      await screenshot(page, `labels-5-screen-${name}`)
      await page.close()
    }

    // The four packages as one PDF in package order (Ozon's label, then the bag label), at 203 dpi.
    const order = packed.flat()
    const batch = await api('labels.batch', { postingNumbers: order, choice: 'both' })
    expect(batch.missing).toEqual([])
    expect(batch.pages.map((p: { postingNumber: string; kind: string }) => `${p.kind} ${p.postingNumber}`)).toEqual(order.flatMap((n) => [`ozon ${n}`, `bag ${n}`]))
    const pdf = Buffer.from(batch.pdfBase64, 'base64')
    const sizes = await pdfPageSizesMm(pdf)
    expect(sizes.map((s) => [Math.round(s.widthMm * 10) / 10, Math.round(s.heightMm * 10) / 10])).toEqual(order.flatMap(() => [[75, 120], [58, 40]]))
    const out = path.join(SCREENSHOT_DIR, 'labels-print')
    await mkdir(out, { recursive: true })
    await writeFile(path.join(out, 'batch.pdf'), pdf)
    const pngs = await pdfToPngs(pdf, { dpi: 203, firstPage: 1, lastPage: 2, outDir: out })
    const [ozonPng, bagPng] = pngs
    expect((await decodeBarcodes(ozonPng!.png)).map((b) => b.text)).toContain(order[0])
    expect((await decodeBarcodes(bagPng!.png)).map((b) => `${b.format} ${b.text}`)).toContain(`CODE_128 ${order[0]}`)
  })
})
