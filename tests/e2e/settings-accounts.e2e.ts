// Connecting an account in Chromium, pointed at the Ozon sandbox (the same server `npm run sandbox` runs) with
// the demo credentials: a wrong key first (told precisely), then the right one from the demo banner's
// "Connect my Ozon account"; the station leaves demo mode without a restart and lists the account's postings.
// Then Settings → Ozon accounts. Screenshots of every step at 1366×768, the result also at 1920×1080.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startSandbox, type RunningSandbox } from '../../electron/ozon/sandbox'
import { filesUnder } from '../integration/settings/support'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'

describe('connecting an Ozon account in Chromium', () => {
  let sandbox: RunningSandbox
  let station: WebStation
  let browser: Browser

  beforeAll(async () => {
    // `npm run sandbox` = startSandbox with the demo account (Client-Id demo, Api-Key demo); a free port here.
    sandbox = await startSandbox({ port: 0, labelReadyDelayMs: 0 })
    station = await startWebStation({}, {})
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
    await sandbox?.close()
  })

  const fill = async (page: Page, apiKey: string) => {
    const dialog = page.getByTestId('connect-dialog')
    await dialog.getByLabel('Client-Id').fill('demo')
    await dialog.getByLabel('Api-Key').fill(apiKey)
    await dialog.getByLabel('Название (необязательно)').fill('Песочница')
    if (!(await dialog.getByLabel('Адрес API').isVisible())) await dialog.getByText('Дополнительно').click()
    await dialog.getByLabel('Адрес API').fill(sandbox.url)
  }

  it('refuses a wrong key precisely, connects the right one, and leaves demo mode without a restart', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.laptop })
    await page.goto(station.openUrl)
    await expect(page.getByTestId('mode-badge').textContent()).resolves.toContain('Демо-режим')
    await screenshot(page, 'accounts-1-demo-banner-laptop')

    await page.getByTestId('connect-account').click()
    const dialog = page.getByTestId('connect-dialog')
    await dialog.waitFor()
    await screenshot(page, 'accounts-2-form-laptop')

    await fill(page, 'not-the-demo-key')
    await dialog.getByRole('button', { name: 'Проверить и подключить' }).click()
    const report = dialog.getByTestId('check-report')
    await report.waitFor()
    expect(await report.getAttribute('data-outcome')).toBe('wrong_key')
    expect(await report.textContent()).toContain('неверный Client-Id или Api-Key')
    await screenshot(page, 'accounts-3-wrong-key-laptop')

    await dialog.getByLabel('Api-Key').fill('demo')
    await dialog.getByRole('button', { name: 'Проверить и подключить' }).click()
    await dialog.getByText('Аккаунт «Песочница» подключён.').waitFor()
    expect(await dialog.getByTestId('check-report').getAttribute('data-outcome')).toBe('ok')
    expect(await dialog.getByTestId('check-report').textContent()).toMatch(/Действует до .+ \(осталось дней: \d+\)/)
    expect(await dialog.getByLabel('Api-Key').inputValue()).toBe('')
    await screenshot(page, 'accounts-4-connected-laptop')
    await dialog.getByRole('button', { name: 'Закрыть' }).click()

    // Live now: the badge changed and the demo offer is gone.
    await page.getByTestId('mode-badge').filter({ hasText: 'Рабочий режим' }).waitFor()
    expect(await page.getByTestId('connect-account').count()).toBe(0)
    await screenshot(page, 'accounts-5-live-laptop')

    // Settings → Ozon accounts: the account with its check and the postings synced from the sandbox; the
    // demo's made-up postings are gone.
    await page.keyboard.press('F9')
    await page.getByRole('tab', { name: 'Аккаунты Ozon' }).click()
    const card = page.locator('[data-account^="demo@127.0.0.1"]')
    await card.waitFor()
    expect(await card.textContent()).toContain('Песочница')
    expect(await card.textContent()).toContain('работает')
    const synced = sandbox.control.state().accounts[0]!.byStatus
    expect(Object.keys(synced).length).toBeGreaterThan(0)
    await card.filter({ hasText: /Отправлений на станции\s*[1-9]\d*/ }).waitFor({ timeout: 30_000 })
    expect(await page.locator('[data-account="demo"]').count()).toBe(0)
    await screenshot(page, 'accounts-6-settings-laptop')
    await page.setViewportSize(VIEWPORTS.wide)
    await screenshot(page, 'accounts-6-settings-wide')

    // Remove asks first.
    await page.setViewportSize(VIEWPORTS.laptop)
    await card.getByRole('button', { name: 'Удалить аккаунт' }).click()
    await page.getByTestId('confirm-dialog').waitFor()
    await screenshot(page, 'accounts-7-remove-confirm-laptop')
    await page.keyboard.press('Escape')
    await page.close()
  })

  it('kept the key out of every file but the owner-only secrets.json', async () => {
    const files = await filesUnder(station.dataDir)
    const accounts = JSON.parse(await readFile(path.join(station.dataDir, 'accounts.json'), 'utf8'))
    expect(accounts.data.accounts).toEqual([expect.objectContaining({ clientId: 'demo', label: 'Песочница', url: sandbox.url })])
    // The demo key is the word "demo", which appears legitimately everywhere; the station must keep it in
    // secrets.json only — it never sits next to "apiKey" in its other files. (sandbox/ is the embedded Ozon
    // simulator's own state — Ozon's side, which knows its accounts' keys. A distinctive key is grepped
    // through every file, log line and reply in tests/integration/settings/secrets.test.ts.)
    for (const { file, text } of files) {
      if (path.basename(file) === 'secrets.json' || path.relative(station.dataDir, file).startsWith('sandbox')) continue
      expect({ file, hit: /api[-_]?key"?\s*[:=]\s*"demo"/i.test(text) }).toEqual({ file, hit: false })
    }
  })
})
