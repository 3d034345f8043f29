import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { OrdersScreen } from '../../renderer/src/screens/OrdersScreen'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

describe('Orders screen', () => {
  it('shows the synced demo postings with their items, warehouse, delivery, carrier, ship-by and status', async () => {
    const { station } = await startTestStation()
    const sync = await station.call('orders.sync', {})
    const { postings } = await station.call('orders.list', { limit: 500 })
    renderWithStation(<OrdersScreen />, inProcessClient(station))

    const table = await screen.findByTestId('postings')
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(Math.min(postings.length, 500))
    expect(screen.getByText(`Отправлений: ${sync.fetched}`)).toBeTruthy()

    const first = postings[0]!
    const row = table.querySelector(`tr[data-posting="${first.postingNumber}"]`) as HTMLElement
    expect(row).toBeTruthy()
    const text = row.textContent ?? ''
    expect(text).toContain(first.postingNumber)
    expect(text).toContain(`${first.items[0]!.offerId} × ${first.items[0]!.quantity}`)
    expect(text).toContain(first.warehouse.name)
    expect(text).toContain(first.deliveryMethod.name)
    expect(text).toContain(first.carrier.name)
    expect(text).toMatch(/\d{2}\.\d{2}, \d{2}:\d{2}/) // ship-by in local time
  })

  it('collapses long orders to the first lines and "+N more"', async () => {
    const { station } = await startTestStation()
    await station.call('orders.sync', {})
    const { postings } = await station.call('orders.list', { limit: 1000, statuses: [] })
    const long = postings.find((p) => p.items.length > 2)
    expect(long, 'demo data has multi-line orders').toBeTruthy()
    renderWithStation(<OrdersScreen />, inProcessClient(station), 'en')
    const table = await screen.findByTestId('postings')
    const row = table.querySelector(`tr[data-posting="${long!.postingNumber}"]`)
    expect(row, "the long order is listed").toBeTruthy()
    expect(row!.textContent).toContain(`+ ${long!.items.length - 2} more`)
  })

  it('syncs on demand and shows when the data was taken', async () => {
    const { station } = await startTestStation()
    renderWithStation(<OrdersScreen />, inProcessClient(station), 'en')
    expect(await screen.findByText('No postings. Press “Sync”.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }))
    await screen.findByTestId('postings')
    await waitFor(() => expect(screen.getByText(/^Updated /)).toBeTruthy())
  })
})
