// The walking skeleton in a real browser: `npm run web` in demo mode, the page opened with the printed
// token URL, the demo postings synced and listed, the mode always visible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

describe('station in Chromium (demo mode)', () => {
  let station: WebStation
  let browser: Browser

  beforeAll(async () => {
    station = await startWebStation()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  it('opens with the printed token URL, shows demo mode and the synced demo postings', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await browser.newPage({ viewport })
      await page.goto(station.openUrl)
      expect(new URL(page.url()).searchParams.has('token')).toBe(false) // token moved into a cookie
      await expect(page.getByTestId('mode-badge').textContent()).resolves.toContain('Демо-режим')
      const rows = page.locator('.inbox-rows .inbox-row[data-posting]')
      await rows.first().waitFor({ timeout: 30_000 }) // the background sync at start fills the list
      const count = Number(/\d+/.exec((await page.locator('.inbox-count').textContent()) ?? '')?.[0])
      expect(count).toBeGreaterThanOrEqual(50) // the demo's postings awaiting packaging (the list is virtualised)
      const firstRow = await rows.first().textContent()
      expect(firstRow).toMatch(/\d{8}-\d{4}-\d/) // a posting number
      expect(firstRow).toMatch(/до (\d{2}\.\d{2} |завтра )?\d{2}:\d{2}/) // ship-by in the warehouse's local time
      await screenshot(page, `skeleton-orders-${name}`)
      await page.close()
    }
  })

  it('refuses the page without the token', async () => {
    const page = await browser.newPage()
    const response = await page.goto(station.url)
    expect(response?.status()).toBe(401)
    expect(await page.textContent('body')).toContain('token')
    await page.close()
  })
})
