// Packing in Chromium against the real station (`npm run web`, demo mode): open a posting by scanning its number,
// verify items by scanner bursts (typed on a Russian layout: `event.key` Cyrillic, `event.code` Latin), a wrong
// code refused loudly, drag a line into a new package with the mouse, move part of a quantity with the keyboard,
// package the order with Ctrl+Enter and see the read-only result — at 1920×1080 and 1366×768, with screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

const RU: Record<string, string> = {
  KeyA: 'ф', KeyB: 'и', KeyC: 'с', KeyD: 'в', KeyE: 'у', KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyI: 'ш', KeyJ: 'о', KeyK: 'л', KeyL: 'д', KeyM: 'ь',
  KeyN: 'т', KeyO: 'щ', KeyP: 'з', KeyQ: 'й', KeyR: 'к', KeyS: 'ы', KeyT: 'е', KeyU: 'г', KeyV: 'м', KeyW: 'ц', KeyX: 'ч', KeyY: 'н', KeyZ: 'я',
}

/** What a wedge scanner's key presses look like with the Russian layout active. */
function keysFor(code: string): { code: string; key: string; shiftKey: boolean }[] {
  return [...code].map((ch) => {
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch, shiftKey: false }
    if (ch === '-') return { code: 'Minus', key: '-', shiftKey: false }
    const upper = ch.toUpperCase()
    if (!/[A-Z]/.test(upper)) throw new Error(`no key for "${ch}" in this test`)
    const ru = RU[`Key${upper}`]!
    const shift = ch === upper
    return { code: `Key${upper}`, key: shift ? ru.toUpperCase() : ru, shiftKey: shift }
  })
}

/**
 * A scanner burst: keydown/keyup for every character back to back, then Enter — as a USB wedge delivers them (a
 * loaded test machine must not stretch the burst the way timers in the page would).
 */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    const target = document.activeElement ?? document.body
    for (const k of [...keys, { code: 'Enter', key: 'Enter', shiftKey: false }]) {
      target.dispatchEvent(new KeyboardEvent('keydown', { ...k, bubbles: true, cancelable: true }))
      target.dispatchEvent(new KeyboardEvent('keyup', { ...k, bubbles: true, cancelable: true }))
    }
  }, keysFor(code))
}

describe('packing in Chromium (demo mode)', () => {
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
    return res.json()
  }

  /** A posting of three unmarked demo goods: A ×3, B ×1, C ×1, for Ozon logistics. */
  async function stage(set: number) {
    const offers = [
      ['FRP-600', 'SPG-DISH-20', 'MUG-WHT-450'],
      ['TWL-7014-GRY', 'POT-SS-3L', 'BOX-STOR-5'],
    ][set % 2]!
    const products = offers.map((offerId, i) => ({ offerId, quantity: i === 0 ? 3 : 1 }))
    const { added } = await sandbox('postings', { spec: { integration: 'ozon', products } })
    const postingNumber = added[0] as string
    const [a, b, c] = (await sandbox(`postings/${postingNumber}`)).products as { sku: number; offer_id: string }[]
    // Barcodes as Ozon's product info gives them (EAN-13 or OZN…), the codes the scanner reads off the goods.
    const session = await api('packing.open', { postingNumber })
    const barcode = (sku: number) => (session.products as { sku: number; barcodes: string[] }[]).find((p) => p.sku === sku)!.barcodes[0]!
    return { postingNumber, a: { ...a!, code: barcode(a!.sku) }, b: { ...b!, code: barcode(b!.sku) }, c: { ...c!, code: barcode(c!.sku) } }
  }

  beforeAll(async () => {
    station = await startWebStation({ STATION_SYNC_MINUTES: '0' })
    browser = await launchBrowser()
    await sandbox('timings', { shipDelayMs: 300 })
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('verifies by scans, splits by mouse and keyboard, packages and shows the read-only result', async () => {
    for (const [i, [name, viewport]] of Object.entries(VIEWPORTS).entries()) {
      const { postingNumber, a, b, c } = await stage(i)
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F2')
      await page.getByTestId('packing-screen').waitFor()

      // Open the posting by scanning its number.
      await scan(page, postingNumber)
      await expect(page.getByTestId('posting-number').textContent()).resolves.toBe(postingNumber)

      // Verify by scanner bursts.
      const banner = page.getByTestId('packing-banner')
      await scan(page, a.code)
      await page.getByText(`✓ ${a.offer_id} — проверено 1 из 3`).waitFor()
      await scan(page, a.code)
      await scan(page, b.code)
      await scan(page, c.code)
      await page.getByText(`✓ ${c.offer_id} — проверено 1 из 1`).waitFor()

      // A wrong code: red banner naming the code and what is still expected; nothing counted.
      await scan(page, 'NOPE-4242')
      await page.getByText('Неизвестный код NOPE-4242', { exact: false }).waitFor()
      expect(await banner.getAttribute('class')).toContain('error')
      expect(await banner.textContent()).toContain(`Ожидается: ${a.offer_id} ×1`)
      await screenshot(page, `packing-wrong-scan-${name}`)

      // Drag line C into "New package" with the mouse (one unit: no question asked).
      const line = page.getByTestId(`line-1-${c.sku}`)
      const from = (await line.boundingBox())!
      const to = (await page.getByTestId('new-package').boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await page.mouse.down()
      for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / 12, from.y + from.height / 2 + ((to.y + to.height / 2 - from.y - from.height / 2) * i) / 12)
      await page.mouse.up()
      await page.getByTestId(`line-2-${c.sku}`).waitFor()

      // Keyboard: the first line (A ×3) is selected; "2" moves it to package 2 → how many? → Enter takes 1.
      await page.keyboard.press('ArrowUp')
      await page.keyboard.press('Digit2')
      await page.getByTestId('quantity-dialog').waitFor()
      await screenshot(page, `packing-how-many-${name}`)
      await page.keyboard.press('Enter')
      await page.getByTestId(`line-2-${a.sku}`).waitFor()
      expect(await page.getByTestId('package-1-units').textContent()).toContain('3')
      expect(await page.getByTestId('package-2-units').textContent()).toContain('2')

      // The last unit of A, then the plan is ready.
      await scan(page, a.code)
      await page.getByText('Всё проверено — можно упаковывать').waitFor()
      await screenshot(page, `packing-ready-${name}`)

      // Package the order: Ctrl+Enter.
      await page.keyboard.press('Control+Enter')
      const result = page.getByTestId('packed-result')
      await result.waitFor({ timeout: 30_000 })
      const numbers = await page.getByTestId('result-posting').allTextContents()
      expect(numbers).toHaveLength(2)
      expect(numbers).toContain(postingNumber)
      expect(await page.getByTestId('result-package-2').textContent()).toContain(c.offer_id)
      await screenshot(page, `packing-result-${name}`)

      // Read-only: no packages board, and the API refuses a change as Ozon does.
      expect(await page.getByTestId('packages').count()).toBe(0)
      await expect(api('packing.newPackage', { postingNumber })).rejects.toThrow(/already packed/)
      const atOzon = await Promise.all(numbers.map((n) => sandbox(`postings/${n}`)))
      expect(atOzon.map((p) => p.status)).toEqual(['awaiting_deliver', 'awaiting_deliver'])
      await page.close()
    }
  })

  it('moves a line with dnd-kit’s keyboard drag: Space picks it up, arrows choose the package, Space drops it', async () => {
    const { added } = await sandbox('postings', { spec: { integration: 'ozon', products: [{ offerId: 'CLK-WALL-30', quantity: 1 }, { offerId: 'LMP-LED-WHT', quantity: 1 }] } })
    const postingNumber = added[0] as string
    const [, b] = (await sandbox(`postings/${postingNumber}`)).products as { sku: number }[]
    const page = await browser.newPage({ viewport: VIEWPORTS.laptop })
    await page.goto(station.openUrl)
    await page.getByTestId('mode-badge').waitFor()
    await page.keyboard.press('F2')
    await page.getByTestId('packing-screen').waitFor()
    await scan(page, postingNumber)
    await page.getByTestId(`line-1-${b!.sku}`).waitFor()

    await page.getByTestId(`line-1-${b!.sku}`).focus()
    // Each key waits for dnd-kit to have taken the previous one (it starts and moves a drag on the next frame).
    await page.keyboard.press('Space')
    await page.locator(`[data-testid="line-1-${b!.sku}"].dragging`).waitFor()
    await page.keyboard.press('ArrowRight') // package 1 → "New package"
    await page.locator('[data-testid="new-package"].over').waitFor()
    await page.keyboard.press('Space')
    await page.getByTestId(`line-2-${b!.sku}`).waitFor()
    expect(await page.getByTestId('package-2-units').textContent()).toContain('1')
    const session = await api('packing.get', { postingNumber })
    expect(session.plan.packages.map((p: { lines: { sku: number }[] }) => p.lines.map((l) => l.sku))).toEqual([[session.posting.items[0].sku], [b!.sku]])
    await page.close()
  })
})
