// The first start in Chromium, from an empty data dir (`npm run web` entry, STATION_FIRST_RUN=ask): language →
// bench name → operator with PIN → "continue in demo" → printer (the demo folder printer) → a test label printed
// into the demo folder → the station, with the operator in the header and switching one key away. A screenshot of
// every step at 1366×768 (and the language step and the result at 1920×1080).
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, screenshot, VIEWPORTS } from './support/browser'
import { startWebStation, type WebStation } from './support/web-station'
import { pdfText } from '../support/pdf-readback'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}
const squash = (text: string) => text.replace(/\s+/g, '')

describe('first run in Chromium (demo mode)', () => {
  let station: WebStation
  let browser: Browser

  beforeAll(async () => {
    station = await startWebStation({ STATION_FIRST_RUN: 'ask' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await station?.stop()
  })

  const step = (page: Page) => page.getByTestId('first-run').getAttribute('data-step')

  it('walks from an empty data dir to the station, each step shown and answered', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.laptop })
    await page.goto(station.openUrl)
    await page.getByTestId('first-run').waitFor()
    expect(await step(page)).toBe('language')
    expect(await page.textContent('h1')).toContain('Шаг 1 из 6')
    await screenshot(page, 'first-run-1-language-laptop')

    // Language: English switches the whole page at once.
    await page.getByRole('radio', { name: 'English' }).click()
    await page.getByRole('heading', { name: /Step 1 of 6/ }).waitFor()
    await screenshot(page, 'first-run-1-language-chosen-laptop')
    await page.getByTestId('next-step').click()

    // Bench name: "Next" saves what is typed.
    await page.getByText('Step 2 of 6').waitFor()
    await page.getByLabel('Bench name').fill('Bench 2')
    await screenshot(page, 'first-run-2-bench-laptop')
    await page.getByTestId('next-step').click()

    // Operator: name + PIN; adding makes her current and moves on.
    await page.getByText('Step 3 of 6').waitFor()
    await page.getByLabel('Name').fill('Anna')
    await page.getByLabel('PIN (4 digits, optional)').fill('2468')
    await screenshot(page, 'first-run-3-operator-laptop')
    await page.getByRole('button', { name: 'Add operator' }).click()

    // Ozon account: the form, or continue in demo mode.
    await page.getByText('Step 4 of 6').waitFor()
    await page.getByLabel('Client-Id').waitFor()
    await screenshot(page, 'first-run-4-account-laptop')
    await page.getByRole('button', { name: 'Continue in demo mode' }).click()

    // Printer: the demo folder printer is there already.
    await page.getByText('Step 5 of 6').waitFor()
    const demoNote = page.getByTestId('printer-placeholder').getByTestId('demo-printer-note')
    await demoNote.waitFor() // the printer list arrives from the station
    expect(await demoNote.textContent()).toContain('demo printer')
    await screenshot(page, 'first-run-5-printer-laptop')
    await page.getByTestId('next-step').click()
    await page.getByText('Step 6 of 6').waitFor()
    const testLabel = page.getByTestId('test-label-placeholder')
    expect(await testLabel.isVisible()).toBe(true)
    // Print the test label on the demo folder printer: the job is sent and the label lands in the folder.
    await testLabel.locator('[data-testid^=test-print-]').click()
    await testLabel.locator('[data-testid=job-outcome][data-state=sent]').waitFor({ timeout: 30_000 })
    await screenshot(page, 'first-run-6-test-label-laptop')
    const printed = await filesUnder(path.join(station.dataDir, 'printed-labels'))
    const pdf = printed.find((f) => f.endsWith('.pdf'))
    expect(pdf, `a test label PDF in ${printed.join(', ')}`).toBeTruthy()
    expect(printed.some((f) => f.endsWith('.png'))).toBe(true)
    expect(squash(await pdfText(pdf!))).toContain('Bench2') // the test label names the bench
    await page.getByRole('button', { name: 'Done' }).click()

    // The station: demo mode, the operator in the header, "connect my Ozon account" on offer.
    const badge = page.getByTestId('operator-badge')
    await badge.filter({ hasText: 'Anna' }).waitFor()
    expect(await badge.textContent()).toContain('F12')
    expect(await page.getByTestId('mode-badge').textContent()).toContain('Demo mode')
    expect(await page.getByTestId('connect-account').textContent()).toBe('Connect Ozon')
    expect(await page.getByTestId('connect-account').getAttribute('title')).toBe('Connect my Ozon account')
    await screenshot(page, 'first-run-7-station-laptop')

    // Switching operator is one key away, and the PIN is asked.
    await page.keyboard.press('F12')
    await page.getByTestId('operator-switcher').waitFor()
    await screenshot(page, 'first-run-8-switch-operator-laptop')
    await page.keyboard.press('Escape')

    // What was chosen is on disk, and the choices of each step are recorded.
    const settings = JSON.parse(await readFile(path.join(station.dataDir, 'settings.json'), 'utf8'))
    expect(settings.data.bench).toMatchObject({ benchName: 'Bench 2', language: 'en' })
    expect(settings.data.operators).toEqual([expect.objectContaining({ name: 'Anna', pinHash: expect.stringMatching(/^scrypt\$/) })])
    expect(settings.data.firstRun.steps).toEqual({ language: 'done', bench: 'done', operator: 'done', account: 'skipped', printer: 'done', testLabel: 'done' })
    expect(JSON.stringify(settings)).not.toContain('2468')
    await page.close()
  })

  it('opens in the bench language next time, and looks right on a wide screen', async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS.wide })
    await page.goto(station.openUrl)
    await page.getByTestId('operator-badge').waitFor()
    await page.getByText('Settings').first().waitFor()
    await screenshot(page, 'first-run-7-station-wide')
    await page.keyboard.press('F9')
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await screenshot(page, 'settings-bench-wide')
    await page.close()
  })
})
