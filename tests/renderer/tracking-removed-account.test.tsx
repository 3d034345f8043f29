// The Tracking screen with a removed Ozon account (a real station, the account connected to a sandbox over
// loopback and then removed): its packages stay listed, but a number typed for one is refused with the reason,
// and R (send a refused number again) says why it cannot instead of failing silently.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../electron/ozon/sandbox'
import { TrackingScreen } from '../../renderer/src/screens/TrackingScreen'
import { onSound } from '../../renderer/src/sound'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

const SHOP = { clientId: '1111111', apiKey: 'aaaaaaaa-1111-4aaa-8aaa-aaaaaaaaaaaa', name: 'Shop A' }

describe('Tracking screen, removed account', () => {
  it('refuses a number for its package and says why R cannot send a refused one again', async () => {
    const { station } = await startTestStation()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    const sounds: string[] = []
    const off = onSound((s) => sounds.push(s))
    try {
      const shop = sb.control.account(SHOP.clientId)
      const method = shop.delivery_methods.find((d) => d.tpl_integration_type === '3pl_tracking')!.id
      const sku = shop.catalog.find((g) => !g.requires_mark)!.sku
      const [refused, missing] = sb.control
        .addPostings(2, { deliveryMethodId: method, products: [{ sku, quantity: 1 }] }, SHOP.clientId)
        .map((p) => sb.control.setStatus(p.posting_number, { status: 'awaiting_deliver' }, SHOP.clientId).posting_number)
      await station.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url: sb.url, label: 'Склад Север' })
      expect((await station.call('orders.sync', {})).ok).toBe(true)
      // Ozon puts one posting into a dispute after the sync: it refuses its number.
      sb.control.setStatus(refused!, { status: 'arbitration' }, SHOP.clientId)
      const first = await station.call('tracking.set', { entries: [{ postingNumber: refused!, trackingNumber: '4100000001' }] })
      expect(first.results[0]!.row).toMatchObject({ state: 'rejected' })
      await station.call('accounts.remove', { id: SHOP.clientId, confirm: true })

      renderWithStation(<TrackingScreen />, inProcessClient(station), 'ru')
      const table = await screen.findByTestId('tracking-rows')
      fireEvent.click(await within(table).findByText(missing!))
      const input = (await screen.findByTestId('tracking-input')) as HTMLInputElement
      fireEvent.change(input, { target: { value: '4100000002' } })
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' })
      await waitFor(() => expect(screen.getByTestId('tracking-banner').textContent).toBe('Аккаунт «Склад Север» не подключён на этой станции: его отправления только для просмотра. Подключите его снова (или введите ключ заново): Настройки → Аккаунты Ozon.'))
      expect(sounds.at(-1)).toBe('error')

      fireEvent.click(within(table).getByText(refused!))
      await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tracking-input')))
      act(() => (document.activeElement as HTMLElement).blur())
      sounds.length = 0
      fireEvent.keyDown(window, { code: 'KeyR', key: 'к' })
      await waitFor(() => expect(screen.getByTestId('tracking-banner').textContent).toBe('Аккаунт «Склад Север» удалён: его отправления только для просмотра. Подключите его снова, чтобы работать с ними.'))
      expect(sounds).toEqual(['error'])
      expect((await station.call('tracking.list', { show: 'all' })).queued).toBe(0)
      expect(sb.control.posting(missing!, SHOP.clientId)!.tracking_number).toBe('')
    } finally {
      off()
      await sb.close()
    }
  })
})
