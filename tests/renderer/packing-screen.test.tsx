// The packing screen against a real demo station (embedded sandbox): scanner bursts verify units, a wrong code is
// a red banner with the error sound, keys split the order, Ctrl+Enter packages it and the result is read-only.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Station } from '../../electron/station'
import { openPacking } from '../../renderer/src/components/packing/navigation'
import { PackingScreen } from '../../renderer/src/screens/PackingScreen'
import { onSound, type SoundName } from '../../renderer/src/sound'
import { sandbox } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

/** A posting of two unmarked demo goods (2 + 1 units) in the demo sandbox, with packing made instant. */
async function stagePosting(station: Station) {
  await sandbox(station, 'timings', { shipDelayMs: 0, exemplarCheckDelayMs: 0 })
  const { added } = await sandbox(station, 'postings', { spec: { integration: 'ozon', products: [{ offerId: 'TWL-7014-GRY', quantity: 2 }, { offerId: 'BOX-STOR-5', quantity: 1 }] } })
  const postingNumber = added[0] as string
  const [a, b] = (await sandbox(station, `postings/${postingNumber}`)).products as { sku: number; offer_id: string }[]
  return { postingNumber, a: a!, b: b! }
}

/** A scanner burst: keys a few ms apart, then Enter — as a USB wedge types it. */
function scanBurst(code: string) {
  act(() => {
    for (const ch of code) {
      const upper = /[A-Z]/.test(ch)
      const c = /[A-Za-z]/.test(ch) ? `Key${ch.toUpperCase()}` : /\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : ''
      fireEvent.keyDown(window, { code: c, key: ch, shiftKey: upper })
    }
    fireEvent.keyDown(window, { code: 'Enter', key: 'Enter' })
  })
}

function pressKey(code: string, key: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) {
  act(() => {
    fireEvent.keyDown(window, { code, key, ...mods })
  })
}

describe('Packing screen', () => {
  it('verifies by scanner bursts, refuses a wrong code loudly, splits by keys and packages with Ctrl+Enter', async () => {
    const { station } = await startTestStation()
    const { postingNumber, a, b } = await stagePosting(station)
    const sounds: SoundName[] = []
    const stop = onSound((s) => sounds.push(s))
    const session = await station.call('packing.open', { postingNumber })
    const barcodeOf = (sku: number) => session.products.find((p) => p.sku === sku)!.barcodes[0]!

    openPacking(postingNumber)
    renderWithStation(<PackingScreen />, inProcessClient(station), 'ru')
    expect((await screen.findByTestId('posting-number')).textContent).toBe(postingNumber)
    expect(screen.getByTestId('ship-button').textContent).toContain('Ctrl+Enter')

    // A good scan: green banner, the line counts one.
    scanBurst(barcodeOf(a.sku))
    await waitFor(() => expect(screen.getByTestId('packing-banner').textContent).toContain(`✓ ${a.offer_id} — проверено 1 из 2`))
    expect(sounds.at(-1)).toBe('ok')

    // A wrong code: red banner naming what was scanned and what is expected; nothing counted.
    scanBurst('NOPE-12345')
    await waitFor(() => expect(screen.getByTestId('packing-banner').className).toContain('error'))
    const banner = screen.getByTestId('packing-banner').textContent!
    expect(banner).toContain('Неизвестный код NOPE-12345')
    expect(banner).toContain(`Ожидается: ${a.offer_id} ×1, ${b.offer_id} ×1`)
    expect(sounds.at(-1)).toBe('error')
    expect(screen.getByTestId(`verified-1-${a.sku}`).textContent).toContain('1 из 2')

    // Keyboard split: the first line is selected; "2" = move to package 2 (new) → how many? Enter takes 1.
    pressKey('Digit2', '2')
    const dialog = await screen.findByTestId('quantity-dialog')
    expect((within(dialog).getByTestId('quantity-input') as HTMLInputElement).value).toBe('1')
    fireEvent.keyDown(within(dialog).getByTestId('quantity-input'), { key: 'Enter', code: 'Enter' })
    await screen.findByTestId('package-2')
    expect(screen.getByTestId('package-1-units').textContent).toContain('2')
    expect(screen.getByTestId('package-2-units').textContent).toContain('1')

    // Ctrl+Enter before everything is verified: refused with the reasons, Ozon not called.
    pressKey('Enter', 'Enter', { ctrlKey: true })
    await waitFor(() => expect(screen.getByTestId('packing-banner').textContent).toContain('Заказ ещё нельзя упаковать'))

    // Verify the rest and package.
    scanBurst(barcodeOf(a.sku))
    scanBurst(barcodeOf(b.sku))
    await waitFor(() => expect(screen.getByText('Всё проверено — можно упаковывать')).toBeTruthy())
    pressKey('Enter', 'Enter', { ctrlKey: true })
    const result = await screen.findByTestId('packed-result', {}, { timeout: 15_000 })
    const posted = within(result).getAllByTestId('result-posting').map((e) => e.textContent)
    expect(posted).toHaveLength(2)
    expect(posted).toContain(postingNumber)
    expect(within(result).getByTestId('result-package-1').textContent).toContain('Пакет 1 из 2')
    expect(sounds.at(-1)).toBe('packed')

    // Read-only: no packages to drag, and the API refuses changes.
    expect(screen.queryByTestId('packages')).toBeNull()
    await expect(station.call('packing.newPackage', { postingNumber })).rejects.toMatchObject({ code: 'conflict' })
    stop()
  })

  it('restores the draft plan when the screen is opened again', async () => {
    const { station } = await startTestStation()
    const { postingNumber, a } = await stagePosting(station)
    await station.call('packing.open', { postingNumber })
    await station.call('packing.move', { postingNumber, sku: a.sku, from: 0, to: 'new', quantity: 1 })
    await station.call('packing.manualCount', { postingNumber, sku: a.sku })

    openPacking(postingNumber)
    renderWithStation(<PackingScreen />, inProcessClient(station), 'en')
    await screen.findByTestId('package-2')
    expect(screen.getByTestId('package-2-units').textContent).toBe('Units: 1')
    expect(screen.getByTestId(`verified-1-${a.sku}`).textContent).toContain('by hand: 1')
  })

  it('scanning a posting number on the empty screen opens it', async () => {
    const { station } = await startTestStation()
    const { postingNumber } = await stagePosting(station)
    renderWithStation(<PackingScreen />, inProcessClient(station), 'en')
    expect(await screen.findByText('Open a posting')).toBeTruthy()
    scanBurst(postingNumber)
    expect((await screen.findByTestId('posting-number')).textContent).toBe(postingNumber)
  })
})
