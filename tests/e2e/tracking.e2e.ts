// Tracking numbers in Chromium against the real station (`npm run web`, demo mode): the packed CDEK packages
// without a number block hand-over; the packer scans a package's bag label, then a carrier barcode that breaks
// CDEK's format (refused with the reason), then the right one (accepted by Ozon, the package leaves the list).
// At 1920×1080 and 1366×768, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

/** A wedge scanner's burst: keydown/keyup per character back to back, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  const keys = [...code].map((ch) => {
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch }
    if (ch === '-') return { code: 'Minus', key: '-' }
    throw new Error(`no key for "${ch}" in this test`)
  })
  await page.evaluate((list) => {
    const target = document.activeElement ?? document.body
    for (const k of [...list, { code: 'Enter', key: 'Enter' }]) {
      target.dispatchEvent(new KeyboardEvent('keydown', { ...k, bubbles: true, cancelable: true }))
      target.dispatchEvent(new KeyboardEvent('keyup', { ...k, bubbles: true, cancelable: true }))
    }
  }, keys)
}

describe('tracking numbers in Chromium (demo mode)', () => {
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

  beforeAll(async () => {
    station = await startWebStation({ STATION_SYNC_MINUTES: '0' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('a package is picked by its label, a wrong number is refused with the reason, the right one is accepted', async () => {
    let n = 0
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const state = await sandbox('state')
      const cdek = state.accounts[0].deliveryMethods.find((d: { tpl_integration_type: string }) => d.tpl_integration_type === '3pl_tracking')
      const { added } = await sandbox('postings', { count: 2, spec: { deliveryMethodId: cdek.id, lines: 1 } })
      for (const p of added as string[]) await sandbox(`postings/${p}/status`, { status: 'awaiting_deliver' })
      await api('orders.sync')
      const [posting] = added as string[]

      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F6')
      const rows = page.getByTestId('tracking-rows')
      await rows.getByText(posting!).waitFor()
      expect(await rows.locator('tr', { hasText: posting! }).textContent()).toContain('Нет трек-номера')
      await screenshot(page, `tracking-list-${name}`)

      await scan(page, posting!)
      const banner = page.getByTestId('tracking-banner')
      await expect.poll(() => banner.textContent()).toContain('теперь отсканируйте штрихкод службы доставки')
      await scan(page, '12345')
      await expect.poll(() => banner.textContent()).toContain('СДЭК: в «12345» 5 симв., а в трек-номере 10')
      expect(await banner.getAttribute('class')).toContain('error')
      await screenshot(page, `tracking-refused-${name}`)

      const number = String(4_200_000_000 + n++)
      await scan(page, number)
      await expect.poll(() => banner.textContent()).toBe(`${posting}: Ozon принял ${number}`)
      await expect.poll(() => rows.getByText(posting!).count()).toBe(0)
      expect((await sandbox(`postings/${posting}`)).tracking_number).toBe(number)
      await screenshot(page, `tracking-accepted-${name}`)
      await page.close()
    }
  })
})
