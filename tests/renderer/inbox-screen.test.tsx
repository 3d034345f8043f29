// The inbox screen against a real demo station (embedded sandbox, real store) in happy-dom: the virtualised rows
// with their clock, filters with counts that persist, the Cyrillic search, the keyboard, scanner bursts (typed on
// a Russian layout) that open a posting or refuse an unknown code loudly, and sync on demand / after a failure.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../electron/ozon/sandbox'
import { InboxScreen } from '../../renderer/src/screens/InboxScreen'
import { onSound, type SoundName } from '../../renderer/src/sound'
import { sandbox } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

/** Screens other screens asked for through the packing hook-in (`openPacking` → `station:navigate`, `packing:open`). */
function recordNavigation() {
  const opened: string[] = []
  const screens: string[] = []
  window.addEventListener('packing:open', (e) => opened.push((e as CustomEvent<string>).detail))
  window.addEventListener('station:navigate', (e) => screens.push((e as CustomEvent<{ screen: string }>).detail.screen))
  return { opened, screens }
}

function recordSounds(): SoundName[] {
  const sounds: SoundName[] = []
  onSound((s) => sounds.push(s))
  return sounds
}

/** Russian-layout key values: the scanner hook must read `code`, not these. */
const RU: Record<string, string> = { KeyB: 'и', KeyO: 'щ', KeyX: 'ч', KeyZ: 'я' }

function scanBurst(code: string) {
  act(() => {
    for (const ch of code) {
      const letter = /[A-Za-z]/.test(ch)
      const c = letter ? `Key${ch.toUpperCase()}` : /\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : ''
      const key = letter ? (RU[c] ?? ch).toUpperCase() : ch
      fireEvent.keyDown(window, { code: c, key, shiftKey: letter })
    }
    fireEvent.keyDown(window, { code: 'Enter', key: 'Enter' })
  })
}

function press(code: string, key: string, mods: { altKey?: boolean } = {}) {
  act(() => {
    fireEvent.keyDown(window, { code, key, ...mods })
  })
}

const rows = () => [...document.querySelectorAll<HTMLElement>('.inbox-rows .inbox-row[data-posting]')]
const shownCount = () => Number(/(\d+)/.exec(document.querySelector('.inbox-count')?.textContent ?? '')?.[1])

async function syncedStation() {
  const started = await startTestStation()
  const sync = await started.station.call('orders.sync', {})
  expect(sync.ok).toBe(true)
  return started
}

describe('Inbox screen', () => {
  it('lists the postings awaiting packaging, soonest first, with items, warehouse, delivery, carrier, ship-by, countdown and status', async () => {
    const { station } = await syncedStation()
    const api = await station.call('orders.list', { limit: 1000 })
    renderWithStation(<InboxScreen />, inProcessClient(station))

    await waitFor(() => expect(rows().length).toBeGreaterThan(5))
    expect(shownCount()).toBe(api.total)
    // Only the rows in view exist: the list is virtualised.
    expect(rows().length).toBeLessThan(api.total)
    expect(rows().map((r) => r.dataset.posting)).toEqual(api.postings.slice(0, rows().length).map((p) => p.postingNumber))

    const first = api.postings[0]!
    const text = rows()[0]!.textContent ?? ''
    expect(text).toContain(first.postingNumber)
    expect(text).toContain(`заказ ${first.orderNumber}`)
    expect(text).toContain(`${first.items[0]!.offerId} × ${first.items[0]!.quantity}`)
    expect(text).toContain(first.warehouse.name)
    expect(text).toContain(first.deliveryMethod.name)
    expect(text).toMatch(/до (\d{2}\.\d{2} |завтра |\S{2} )?\d{2}:\d{2}/) // ship-by in the warehouse's time
    expect(text).toMatch(/просрочено на|через/)
    expect(text).toContain('Ожидает сборки')
    // The demo has overdue postings: the oldest shows when Ozon will cancel it.
    expect(api.summary.overdue).toBeGreaterThan(0)
    expect(text).toMatch(/риск отмены: (сегодня|завтра|\S{2}) 23:59/)
    const summary = document.querySelector('[data-summary=overdue] .summary-value')?.textContent
    expect(Number(summary)).toBe(api.summary.overdue)
  })

  it('collapses long orders to the first lines and "+N more", and marks what needs care', async () => {
    const { station } = await syncedStation()
    const api = await station.call('orders.list', { limit: 1000 })
    const long = api.postings.find((p) => p.items.length > 2)
    expect(long, 'demo data has multi-line orders').toBeTruthy()
    renderWithStation(<InboxScreen />, inProcessClient(station), 'en')
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    fireEvent.change(screen.getByTestId('inbox-search'), { target: { value: long!.postingNumber } })
    await waitFor(() => expect(rows().map((r) => r.dataset.posting)).toEqual([long!.postingNumber]))
    expect(rows()[0]!.textContent).toContain(`+ ${long!.items.length - 2} more`)
    if (long!.items.some((i) => i.requiresMarkingCode)) expect(rows()[0]!.textContent).toContain('Marking')
  })

  it('filters by a warehouse with its count, keeps the filter for the next start, and finds Cyrillic text in any case', async () => {
    const { station, config } = await syncedStation()
    const view = renderWithStation(<InboxScreen />, inProcessClient(station))
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))

    const group = document.querySelector<HTMLElement>('[data-facet=warehouse]')!
    const choice = within(group).getAllByRole('button').find((b) => b.dataset.value && Number(b.querySelector('.facet-count')?.textContent) > 0)!
    const count = Number(choice.querySelector('.facet-count')!.textContent)
    const name = choice.querySelector('.facet-label')!.textContent!
    expect(choice.getAttribute('aria-label')).toBe(`${name} — ${count}`)
    fireEvent.click(choice)
    await waitFor(() => expect(shownCount()).toBe(count))
    expect(choice.getAttribute('aria-pressed')).toBe('true')
    for (const row of rows()) expect(row.textContent).toContain(name)
    await waitFor(async () => expect((await station.call('orders.view', {})).filters.warehouse).toEqual([choice.dataset.value]))

    // A Cyrillic word from a listed product, typed in upper case with Ё written as Е.
    const api = await station.call('orders.list', { filters: { warehouse: [choice.dataset.value!] }, limit: 1000 })
    const word = api.postings.flatMap((p) => p.items.map((i) => /[а-яё]{4,}/i.exec(i.name)?.[0])).find(Boolean)!
    fireEvent.change(screen.getByTestId('inbox-search'), { target: { value: word.toUpperCase().replace(/Ё/g, 'Е') } })
    const expected = await station.call('orders.list', { filters: { warehouse: [choice.dataset.value!] }, search: word, limit: 1000 })
    await waitFor(() => expect(shownCount()).toBe(expected.total))
    expect(rows().map((r) => r.dataset.posting)).toEqual(expected.postings.slice(0, rows().length).map((p) => p.postingNumber))
    view.unmount()
    await station.close()

    // Next start of the station: the warehouse filter is still there, the search is not.
    const again = await startTestStation({ dataDir: config.dataDir })
    renderWithStation(<InboxScreen />, inProcessClient(again.station))
    await waitFor(() => expect(shownCount()).toBe(count))
    expect(document.querySelector(`[data-facet=warehouse] [data-value="${choice.dataset.value}"]`)?.getAttribute('aria-pressed')).toBe('true')
    expect((screen.getByTestId('inbox-search') as HTMLInputElement).value).toBe('')
  })

  it('is keyboard-complete: / focuses search, arrows move, Enter opens the selected posting for packing, Alt+0 resets filters', async () => {
    const { station } = await syncedStation()
    const nav = recordNavigation()
    renderWithStation(<InboxScreen />, inProcessClient(station))
    await waitFor(() => expect(rows().length).toBeGreaterThan(3))

    press('Slash', '.') // '/' on a Russian layout types '.', the key is the same
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('inbox-search')))
    ;(document.activeElement as HTMLElement).blur()
    press('ArrowDown', 'ArrowDown')
    press('ArrowDown', 'ArrowDown')
    press('ArrowUp', 'ArrowUp')
    await waitFor(() => expect(document.querySelector('.inbox-row.selected')?.getAttribute('aria-rowindex')).toBe('3'))
    const chosen = document.querySelector<HTMLElement>('.inbox-row.selected')!.dataset.posting!
    press('Enter', 'Enter')
    expect(nav.opened).toEqual([chosen])
    expect(nav.screens).toEqual(['packing'])

    fireEvent.click(within(document.querySelector<HTMLElement>('[data-facet=status]')!).getByRole('button', { name: /^Все/ }))
    await waitFor(async () => expect((await station.call('orders.view', {})).filters.status).toEqual([]))
    press('Digit0', '0', { altKey: true })
    await waitFor(async () => expect((await station.call('orders.view', {})).filters).toEqual({}))
  })

  it('opens a scanned posting for packing, and answers an unknown code (typed on a Russian layout) with a loud error and the error sound', async () => {
    const { station } = await syncedStation()
    const nav = recordNavigation()
    const sounds = recordSounds()
    renderWithStation(<InboxScreen />, inProcessClient(station))
    await waitFor(() => expect(rows().length).toBeGreaterThan(3))
    const target = rows()[2]!.dataset.posting!

    scanBurst(target)
    await waitFor(() => expect(nav.opened).toEqual([target]))
    expect(sounds).toEqual(['ok'])

    scanBurst('BOX-42ZX')
    const banner = await screen.findByRole('alert')
    await waitFor(() => expect(banner.textContent).toContain('Код «BOX-42ZX» не найден. Отсканируйте номер отправления или штрихкод с этикетки Ozon.'))
    expect(sounds).toEqual(['ok', 'error'])
    expect(nav.opened).toEqual([target]) // nothing else opened
    press('Escape', 'Escape')
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
  })

  it('syncs on demand and says when the data was taken', async () => {
    const { station } = await startTestStation()
    renderWithStation(<InboxScreen />, inProcessClient(station), 'en')
    expect(await screen.findByText('No data yet. Press “Sync” (Alt+S).')).toBeTruthy()
    press('KeyS', 'ы', { altKey: true })
    await waitFor(() => expect(rows().length).toBeGreaterThan(0), { timeout: 15_000 })
    await waitFor(() => expect(screen.getByText(/^Updated at \d{2}:\d{2}$/)).toBeTruthy())
  })

  it('after a failed sync keeps the rows and says "data from HH:MM — Ozon unreachable"', async () => {
    const sb = await startSandbox({ port: 0, accounts: [{ clientId: '3333333', apiKey: 'cccccccc-3333-4ccc-8ccc-cccccccccccc', name: 'Shop' }], demo: { arrivals: false, postings: 15 } })
    try {
      const { station } = await startTestStation({ ozon: { mode: 'live', url: sb.url, clientId: '3333333', apiKey: 'cccccccc-3333-4ccc-8ccc-cccccccccccc' } })
      const good = await station.call('orders.sync', {})
      sb.control.injectFault({ kind: 'http5xx', status: 503, path: '/v4/posting/fbs/unfulfilled/list', times: 50 })
      expect((await station.call('orders.sync', {})).ok).toBe(false)
      renderWithStation(<InboxScreen />, inProcessClient(station), 'en')
      const stale = await screen.findByText(/^Data from \d{2}:\d{2} — Ozon unreachable$/)
      expect(stale.textContent).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' }).format(new Date(good.finishedAt)))
      await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    } finally {
      await sb.close()
    }
  })

  it('lists what Ozon changed since the last sync — cancelled, packed elsewhere — until the packer dismisses it', async () => {
    const { station } = await syncedStation()
    const [cancelled, packed] = (await station.call('orders.list', { limit: 2 })).postings
    await sandbox(station, `postings/${cancelled!.postingNumber}/status`, { status: 'cancelled' })
    await sandbox(station, `postings/${packed!.postingNumber}/status`, { status: 'awaiting_deliver' })
    await station.call('orders.sync', {})
    renderWithStation(<InboxScreen />, inProcessClient(station))

    const notice = await screen.findByTestId('changes-notice')
    expect(notice.textContent).toContain(`Отменены с прошлого обновления: ${cancelled!.postingNumber}`)
    expect(notice.textContent).toContain(`Собраны в другом месте: ${packed!.postingNumber}`)
    await waitFor(() => expect(rows().length).toBeGreaterThan(0))
    expect(rows().map((r) => r.dataset.posting)).not.toContain(cancelled!.postingNumber)
    fireEvent.click(within(notice).getByRole('button', { name: 'Понятно' }))
    await waitFor(() => expect(screen.queryByTestId('changes-notice')).toBeNull())
  })
})
