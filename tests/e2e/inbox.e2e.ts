// The inbox in Chromium against the real station (`npm run web`, demo mode) with 10,000 more postings loaded
// into its sandbox through the sandbox control API: a long sync with its progress bar, filters by warehouse and
// carrier with their counts, a Cyrillic search, scrolling the virtualised list to the end, the keyboard, and
// scanner bursts typed with a Russian layout (`event.key` Cyrillic, `event.code` Latin) — one opens a posting
// for packing, one is an unknown code. Screenshots at 1920×1080 and 1366×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

const EXTRA = 10_000

/** A keyboard-wedge scanner on a bench whose active layout is Russian: each key's `key` is what ЙЦУКЕН types. */
const RU: Record<string, string> = {
  KeyA: 'ф', KeyB: 'и', KeyC: 'с', KeyD: 'в', KeyE: 'у', KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyI: 'ш', KeyJ: 'о', KeyK: 'л', KeyL: 'д', KeyM: 'ь',
  KeyN: 'т', KeyO: 'щ', KeyP: 'з', KeyQ: 'й', KeyR: 'к', KeyS: 'ы', KeyT: 'е', KeyU: 'г', KeyV: 'м', KeyW: 'ц', KeyX: 'ч', KeyY: 'н', KeyZ: 'я',
  Minus: '-', Slash: '.', Period: 'ю', Comma: 'б',
}

function keysFor(code: string): { code: string; key: string; shiftKey: boolean }[] {
  return [...code].map((ch) => {
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch, shiftKey: false }
    if (ch === '-') return { code: 'Minus', key: '-', shiftKey: false }
    if (ch === '%') return { code: 'Digit5', key: '%', shiftKey: true }
    const upper = ch.toUpperCase()
    if (/[A-Z]/.test(upper)) {
      const ru = RU[`Key${upper}`]!
      const shift = ch === upper
      return { code: `Key${upper}`, key: shift ? ru.toUpperCase() : ru, shiftKey: shift }
    }
    throw new Error(`no key for "${ch}" in this test`)
  })
}

/**
 * Fires a burst of keydown/keyup events 2 ms apart ending in Enter, as a USB scanner does. The events are queued
 * back to back like the operating system delivers a scanner's keys, so a busy page cannot stretch the gaps.
 */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    const target = document.activeElement ?? document.body
    const fire = (type: string, k: { code: string; key: string; shiftKey: boolean }) =>
      target.dispatchEvent(new KeyboardEvent(type, { ...k, bubbles: true, cancelable: true }))
    for (const k of keys) {
      fire('keydown', k)
      fire('keyup', k)
      for (const until = performance.now() + 2; performance.now() < until; );
    }
    fire('keydown', { code: 'Enter', key: 'Enter', shiftKey: false })
    fire('keyup', { code: 'Enter', key: 'Enter', shiftKey: false })
  }, keysFor(code))
}

async function listApi(station: WebStation, args: Record<string, unknown>) {
  const res = await fetch(`${station.url}/api/orders.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${station.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  })
  return (await res.json()) as { total: number; postings: { postingNumber: string; items: { name: string }[] }[] }
}

async function countShown(page: Page): Promise<number> {
  const text = (await page.locator('.inbox-count').textContent()) ?? ''
  return Number(/(\d[\d\s]*)/.exec(text)?.[1]?.replace(/\s/g, '') ?? NaN)
}

async function facetCount(page: Page, facet: string, value: string): Promise<number> {
  return Number(await page.locator(`[data-facet=${facet}] [data-value="${value}"] .facet-count`).textContent())
}

/** Visible rows whose data has arrived. */
async function visibleRows(page: Page): Promise<string[]> {
  return page.locator('.inbox-rows .inbox-row[data-posting]').allTextContents()
}

describe('inbox in Chromium with 10,000 more postings', () => {
  let station: WebStation
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    station = await startWebStation()
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: VIEWPORTS.wide })
    await page.goto(station.openUrl)
    await page.locator('.inbox-rows .inbox-row[data-posting]').first().waitFor({ timeout: 60_000 }) // the sync at start
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('loads 10,000 postings through the sandbox control API and shows the long sync with a progress bar', async () => {
    const info = (await (await fetch(`${station.url}/api/station.info`, { method: 'POST', headers: { Authorization: `Bearer ${station.token}` }, body: '{}' })).json()) as { ozonUrl: string }
    const added = await fetch(`${info.ozonUrl}/__sandbox/postings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: EXTRA }) })
    expect(added.status).toBe(200)
    const before = await countShown(page)

    await page.keyboard.press('Alt+KeyS') // sync
    const bar = page.getByTestId('sync-progress')
    await bar.waitFor({ timeout: 30_000 })
    await expect.poll(() => bar.getAttribute('max'), { timeout: 30_000 }).toMatch(/^\d+$/)
    await screenshot(page, 'inbox-sync-progress-wide')
    await bar.waitFor({ state: 'detached', timeout: 120_000 })
    await expect.poll(() => countShown(page), { timeout: 30_000 }).toBeGreaterThan(before + EXTRA / 2)
    expect(await page.locator('.sync-state.fresh').textContent()).toMatch(/Обновлено в \d{2}:\d{2}/)
  })

  it('filters by warehouse and then carrier: the list shows exactly the counted postings', async () => {
    const warehouse = page.locator('[data-facet=warehouse] button[data-value]').first()
    const warehouseId = (await warehouse.getAttribute('data-value'))!
    const warehouseName = (await warehouse.locator('.facet-label').textContent())!
    const expected = await facetCount(page, 'warehouse', warehouseId)
    expect(await warehouse.getAttribute('aria-label')).toBe(`${warehouseName} — ${expected}`)
    await warehouse.click()
    await expect.poll(() => countShown(page)).toBe(expected)
    await expect.poll(async () => (await visibleRows(page)).length).toBeGreaterThan(3)
    for (const row of await visibleRows(page)) expect(row).toContain(warehouseName)

    const carriers = page.locator('[data-facet=carrier] button[data-value]:not(.zero)')
    const carrier = carriers.first()
    const carrierId = (await carrier.getAttribute('data-value'))!
    const carrierName = (await carrier.locator('.facet-label').textContent())!
    const both = await facetCount(page, 'carrier', carrierId)
    await carrier.click()
    await expect.poll(() => countShown(page)).toBe(both)
    await expect.poll(() => facetCount(page, 'warehouse', warehouseId)).toBe(both)
    for (const row of await visibleRows(page)) {
      expect(row).toContain(warehouseName)
      expect(row).toContain(carrierName)
    }
    await screenshot(page, 'inbox-filtered-wide')
    await page.setViewportSize(VIEWPORTS.laptop)
    await screenshot(page, 'inbox-filtered-laptop')
    await page.setViewportSize(VIEWPORTS.wide)

    await page.keyboard.press('Alt+Digit0') // reset filters
    await expect.poll(() => countShown(page)).toBeGreaterThan(EXTRA / 2)
  })

  it('searches product names in Cyrillic whatever the case, and scrolls the virtualised list to its end', async () => {
    const firstItem = await page.locator('.inbox-rows .inbox-row[data-posting] .item-line').first().getAttribute('title')
    const word = /[А-Яа-яЁё]{4,}/.exec(firstItem ?? '')?.[0]
    expect(word, `a Cyrillic word in "${firstItem}"`).toBeTruthy()
    await page.keyboard.press('Slash')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('inbox-search')
    await page.keyboard.type(word!.toUpperCase())
    await expect.poll(async () => (await page.getByTestId('inbox-search').inputValue())).toBe(word!.toUpperCase())
    await expect.poll(() => countShown(page)).toBeLessThan(EXTRA)
    // The same search typed in lower case through the API finds the same postings, each with the word in a name.
    const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е')
    const api = await listApi(station, { search: norm(word!), limit: 1000 })
    await expect.poll(() => countShown(page)).toBe(api.total)
    for (const p of api.postings) expect(p.items.some((i) => norm(i.name).includes(norm(word!)))).toBe(true)
    const shown = await page.locator('.inbox-rows .inbox-row[data-posting]').evaluateAll((els) => els.map((e) => e.getAttribute('data-posting')))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown).toEqual(api.postings.slice(0, shown.length).map((p) => p.postingNumber))
    await screenshot(page, 'inbox-search-wide')
    await page.keyboard.press('Escape') // clears the search
    await expect.poll(() => page.getByTestId('inbox-search').inputValue()).toBe('')

    const total = await countShown(page)
    await page.getByTestId('inbox-list').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    const last = page.locator(`.inbox-rows .inbox-row[aria-rowindex="${total + 1}"]`)
    await last.waitFor({ timeout: 20_000 })
    await expect.poll(() => last.getAttribute('data-posting'), { timeout: 20_000 }).toMatch(/^\d+-\d+-\d+$/)
    await page.getByTestId('inbox-list').evaluate((el) => el.scrollTo(0, 0))
  })

  it('an unknown code from a Russian-layout scanner is a loud error naming the code as scanned', async () => {
    await page.getByTestId('inbox-list').focus()
    await scan(page, 'BOX-42ZX')
    const banner = page.getByTestId('scan-banner')
    await expect.poll(() => banner.textContent()).toContain('Код «BOX-42ZX» не найден')
    expect(await banner.getAttribute('role')).toBe('alert')
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await screenshot(page, `inbox-unknown-scan-${name}`)
    }
    await page.setViewportSize(VIEWPORTS.wide)
    await page.keyboard.press('Escape')
    await banner.waitFor({ state: 'detached' })
  })

  it('a scanner burst of a posting number opens it for packing; arrows and Enter open the selected row', async () => {
    const rows = page.locator('.inbox-rows .inbox-row[data-posting]')
    const third = (await rows.nth(2).getAttribute('data-posting'))!
    // Focus in the search box: the burst's characters are taken out of it again.
    await page.getByTestId('inbox-search').focus()
    await scan(page, third)
    await expect.poll(() => page.getByTestId('posting-number').textContent(), { timeout: 30_000 }).toContain(third)

    await page.keyboard.press('F1')
    await rows.first().waitFor()
    expect(await page.getByTestId('inbox-search').inputValue()).toBe('')
    await page.getByTestId('inbox-list').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const selected = page.locator('.inbox-row.selected')
    await expect.poll(() => selected.getAttribute('aria-rowindex')).toBe('4')
    const chosen = (await selected.getAttribute('data-posting'))!
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await screenshot(page, `inbox-${name}`)
    }
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('posting-number').textContent(), { timeout: 30_000 }).toContain(chosen)
  })
})
