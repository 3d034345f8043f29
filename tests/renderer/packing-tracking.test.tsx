// Right after "Package the order", a 3PL package asks for its carrier's tracking number on the packing screen,
// and the next scan goes there (not to packing): the number is checked and handed to the tracking area.
import { request } from 'node:http'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Station } from '../../electron/station'
import { openPacking } from '../../renderer/src/components/packing/navigation'
import { PackingScreen } from '../../renderer/src/screens/PackingScreen'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

async function sandbox(station: Station, path: string, body: unknown): Promise<any> {
  const url = new URL(`/__sandbox/${path}`, (await station.call('station.info', {})).ozonUrl)
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

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
    const session = await station.call('packing.open', { postingNumber })
    await station.call('packing.scan', { postingNumber, code: session.products[0]!.barcodes[0]! })
    const packed = await station.call('packing.ship', { postingNumber })
    expect(packed.state).toBe('packed')

    openPacking(postingNumber)
    renderWithStation(<PackingScreen />, inProcessClient(station), 'en')
    const [newNumber] = packed.result!.packages.map((p) => p.postingNumber)
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
