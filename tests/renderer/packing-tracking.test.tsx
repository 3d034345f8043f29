// Right after "Package the order", a 3PL package asks for its carrier's tracking number on the packing screen,
// and the next scan goes there (not to packing): the number is checked and handed to the tracking area.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { openPacking } from '../../renderer/src/components/packing/navigation'
import { PackingScreen } from '../../renderer/src/screens/PackingScreen'
import { packPosting, sandbox } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

function scanBurst(code: string) {
  act(() => {
    for (const ch of code) fireEvent.keyDown(window, { code: /\d/.test(ch) ? `Digit${ch}` : '', key: ch })
    fireEvent.keyDown(window, { code: 'Enter', key: 'Enter' })
  })
}

describe('packing result of a 3PL order', () => {
  it('takes the next scan as the carrier’s tracking number', async () => {
    const { station } = await startTestStation()
    await sandbox(station, 'timings', { shipDelayMs: 0 })
    const { added } = await sandbox(station, 'postings', { spec: { integration: '3pl_tracking', products: [{ offerId: 'BOX-STOR-5', quantity: 1 }] } })
    const postingNumber = added[0] as string
    const [newNumber] = await packPosting(station, postingNumber)

    openPacking(postingNumber)
    renderWithStation(<PackingScreen />, inProcessClient(station), 'en')
    await screen.findByTestId('result-package-1')
    await waitFor(() => expect(document.body.textContent).toContain(newNumber!))

    expect((await screen.findByTestId('tracking-prompt')).textContent).toContain(newNumber!)
    scanBurst('1234567890') // a СДЭК number: 10 digits
    await waitFor(async () => {
      const row = await station.call('tracking.get', { postingNumber: newNumber!, accountId: 'demo' })
      expect(row.trackingNumber).toBe('1234567890')
    })
    // and packing did not treat it as a product scan
    expect(screen.queryByText(/Unknown code 1234567890/)).toBeNull()
  })
})
