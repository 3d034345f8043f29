// Printing in Chromium against the real station (`npm run web`, demo mode) with a fake ZPL printer on loopback:
// the printer is set up in Settings → Printers (live status), orders are packaged in the UI and the printer
// receives one job per package whose printed barcode is the new posting number, the print screen shows the history
// and "check the printer" with a one-key reprint, and the label check refuses a wrong label loudly — screenshots at
// 1920×1080 and 1366×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { decodeBarcodes } from '../support/barcode-decode'
import { FakePrinter } from '../support/fake-printer'
import { decodeZpl, dotImageToPng } from '../support/printer-decoders'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

/** A scanner burst: key presses by position a few ms apart, then Enter (the app decodes `event.code`). */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate(async (text) => {
    const target = document.activeElement ?? document.body
    const fire = (type: string, code: string, key: string) => target.dispatchEvent(new KeyboardEvent(type, { code, key, bubbles: true, cancelable: true }))
    for (const ch of text) {
      const code = /\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch.toUpperCase()}`
      fire('keydown', code, ch)
      fire('keyup', code, ch)
      await new Promise((r) => setTimeout(r, 3))
    }
    fire('keydown', 'Enter', 'Enter')
    fire('keyup', 'Enter', 'Enter')
  }, code)
}

async function code128Of(bytes: Buffer): Promise<string[][]> {
  return Promise.all(decodeZpl(bytes).map(async (label) => (await decodeBarcodes(dotImageToPng(label.image))).filter((b) => b.format === 'CODE_128').map((b) => b.text)))
}

describe('printing in Chromium (demo mode, fake ZPL printer)', () => {
  let station: WebStation
  let browser: Browser
  let zebra: FakePrinter
  let zebraId = ''

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

  /** A one-line, one-unit posting for Ozon logistics and the barcode the scanner reads off its goods. */
  async function stage(offerId: string) {
    const { added } = await sandbox('postings', { spec: { integration: 'ozon', products: [{ offerId, quantity: 1 }] } })
    const postingNumber = added[0] as string
    const session = await api('packing.open', { postingNumber })
    return { postingNumber, barcode: (session.products as { barcodes: string[] }[])[0]!.barcodes[0]! }
  }

  /** Package an order in the UI: scan the posting, scan its item, Ctrl+Enter; returns the new posting number. */
  async function packageInUi(page: Page, offerId: string): Promise<string> {
    const { postingNumber, barcode } = await stage(offerId)
    await page.keyboard.press('F2')
    await page.getByTestId('packing-screen').waitFor()
    await scan(page, postingNumber)
    await page.getByTestId('posting-number').filter({ hasText: postingNumber }).waitFor()
    await scan(page, barcode)
    await page.getByText('Всё проверено — можно упаковывать').waitFor()
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('packed-result').waitFor({ timeout: 30_000 })
    const [packed] = await page.getByTestId('result-posting').allTextContents()
    return packed!
  }

  beforeAll(async () => {
    zebra = await FakePrinter.start()
    station = await startWebStation({ STATION_SYNC_MINUTES: '0' })
    browser = await launchBrowser()
    await sandbox('timings', { shipDelayMs: 300 })
    const saved = await api('printing.savePrinter', {
      printer: { name: 'Zebra ZD421 · стол 2', driver: 'zpl', connection: zebra.url, label: { widthMm: 58, heightMm: 40 }, darkness: 18, purposes: ['bag-label'] },
    })
    zebraId = saved.id
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
    await zebra?.stop()
  })

  it('Settings → Printers: the ZPL printer with its live status, the demo folder, and every wrong field named', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      await page.keyboard.press('F9')
      await page.getByRole('tab', { name: 'Принтеры' }).click()
      await page.getByTestId(`status-${zebraId}`).filter({ hasText: 'готов' }).waitFor()
      expect(await page.getByTestId('demo-printer-note').textContent()).toContain(`${station.dataDir}/printed-labels`)
      await screenshot(page, `printing-settings-${name}`)

      await page.getByTestId('add-printer').click()
      const dialog = page.getByTestId('printer-dialog')
      await dialog.getByLabel('Название').fill('Xprinter')
      await dialog.getByLabel('Сетевой адрес').fill('192.168.1.50')
      await dialog.getByTestId('save-printer').click()
      await dialog.getByText('Запишите адрес как tcp://192.168.1.50:9100 (IP-адрес, порт 1–65535).').waitFor()
      await screenshot(page, `printing-settings-error-${name}`)
      await page.keyboard.press('Escape')
      await page.close()
    }
  })

  it('packaging an order in the UI prints its bag label on the ZPL printer: one job per package, the barcode is the new posting', async () => {
    const packed: string[] = []
    for (const [i, [, viewport]] of Object.entries(VIEWPORTS).entries()) {
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      packed.push(await packageInUi(page, i === 0 ? 'MUG-WHT-450' : 'BOX-STOR-5'))
      const jobs = await zebra.waitForJobs(i + 1, 30_000)
      expect(jobs).toHaveLength(i + 1)
      expect(await code128Of(jobs[i]!.bytes)).toEqual([[packed[i]]])
      // The inbox offers "print labels" for the selected posting (Alt+P).
      await page.keyboard.press('F1')
      await page.getByTestId('print-labels').waitFor()
      await screenshot(page, `printing-inbox-action-${Object.keys(VIEWPORTS)[i]}`)
      await page.close()
    }
    // Ozon's labels come a few seconds later to the demo folder printer; the ZPL printer got nothing more.
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 30_000
      const look = async () => {
        const { jobs } = await api('printing.history', {})
        if ((jobs as { kind: string; state: string }[]).filter((j) => j.kind === 'ozon-label' && j.state === 'sent').length >= 2) return resolve()
        if (Date.now() > deadline) return reject(new Error('Ozon labels were not printed'))
        setTimeout(() => void look(), 500)
      }
      void look()
    })
    expect(zebra.jobs).toHaveLength(2)
  })

  it('the print screen: history, "check the printer" in the header, and R reprints', async () => {
    // A test print whose connection breaks half-way: the outcome is unknown.
    zebra.dropNextJobAfter(300)
    const { job } = await api('printing.testPrint', { printerId: zebraId })
    await zebra.waitForJobs(3)
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('print-notice').filter({ hasText: 'Проверьте принтер · 1' }).waitFor()
      await page.getByTestId('print-notice').click()
      await page.getByTestId('print-screen').waitFor()
      await page.locator(`tr[data-job="${job.id}"][data-state="unknown"]`).waitFor()
      await page.getByTestId('attention').waitFor()
      await screenshot(page, `printing-history-${name}`)
      await page.close()
    }
    const page = await browser.newPage({ viewport: VIEWPORTS.laptop })
    await page.goto(station.openUrl)
    await page.getByTestId('mode-badge').waitFor()
    await page.keyboard.press('F8')
    await page.getByTestId('attention').waitFor()
    await page.keyboard.press('r')
    await page.getByTestId('print-notice').waitFor({ state: 'detached' })
    await zebra.waitForJobs(4)
    await page.getByText('перепечатка: Ничего не вышло').waitFor()
    await screenshot(page, 'printing-history-after-reprint-laptop')
    await page.close()
  })

  it('label check: a wrong label is refused loudly, the right one passes', async () => {
    await api('settings.update', { profile: { labelCheck: true, labelsPerPackage: 'bag' } })
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      await page.getByTestId('mode-badge').waitFor()
      const packed = await packageInUi(page, name === 'wide' ? 'FRP-600' : 'POT-SS-3L')
      const panel = page.getByTestId('label-check')
      await panel.waitFor({ timeout: 30_000 })
      expect(await panel.textContent()).toContain(packed)
      await scan(page, '11111111-0001-1')
      await page.getByTestId('label-check-verdict').filter({ hasText: 'НЕ ТА ЭТИКЕТКА' }).waitFor()
      await screenshot(page, `printing-label-check-wrong-${name}`)
      await scan(page, packed)
      await page.getByTestId('label-check-done').waitFor()
      expect(await page.getByTestId('label-check').count()).toBe(0)
      await page.close()
    }
  })
})
