// The Tracking screen against a real in-process station (demo mode, its embedded sandbox): packed 3PL packages
// without a number are listed as blocking; picking one and typing a number that breaks CDEK's format says why;
// a good number is accepted by Ozon and the package leaves the "needs attention" list.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createRef } from 'react'
import { act } from '@testing-library/react'
import { TrackingPrompt, type TrackingPromptHandle } from '../../renderer/src/components/tracking/TrackingPrompt'
import { TrackingScreen } from '../../renderer/src/screens/TrackingScreen'
import { onSound } from '../../renderer/src/sound'
import { addPackedPostings } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

describe('Tracking screen', () => {
  it('lists blocking packages, explains a wrong number, and clears a package once Ozon accepts its number', async () => {
    const { station } = await startTestStation()
    const [first, second] = (await addPackedPostings(station, '3pl_tracking', 2)).numbers
    await station.call('orders.sync', {})
    const sounds: string[] = []
    const off = onSound((s) => sounds.push(s))
    try {
      renderWithStation(<TrackingScreen />, inProcessClient(station), 'ru')
      const table = await screen.findByTestId('tracking-rows')
      const row = await within(table).findByText(first!)
      expect(within(table).getByText(second!)).toBeTruthy()
      expect(row.closest('tr')!.textContent).toContain('Нет трек-номера')

      fireEvent.click(row)
      const input = (await screen.findByTestId('tracking-input')) as HTMLInputElement
      fireEvent.change(input, { target: { value: '12-345' } })
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' })
      const banner = await screen.findByTestId('tracking-banner')
      await waitFor(() => expect(banner.textContent).toContain('СДЭК: в «12-345» есть «-»'))
      expect(sounds).toContain('error')

      fireEvent.change(input, { target: { value: '4100000001' } })
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' })
      await waitFor(() => expect(screen.getByTestId('tracking-banner').textContent).toBe(`${first}: Ozon принял 4100000001`))
      expect(sounds.at(-1)).toBe('ok')
      await waitFor(() => expect(within(screen.getByTestId('tracking-rows')).queryByText(first!)).toBeNull())
      const tracking = await station.call('tracking.get', { postingNumber: first! })
      expect(tracking).toMatchObject({ state: 'accepted', trackingNumber: '4100000001' })
    } finally {
      off()
    }
  })

  it('TrackingPrompt (for the packing result) takes a scanned carrier barcode for the first package without a number', async () => {
    const { station } = await startTestStation()
    const [a, b] = (await addPackedPostings(station, '3pl_tracking', 2)).numbers
    const [ozon] = (await addPackedPostings(station, 'ozon', 1)).numbers
    await station.call('orders.sync', {})
    const prompt = createRef<TrackingPromptHandle>()
    renderWithStation(<TrackingPrompt ref={prompt} accountId="demo" postingNumbers={[a!, b!, ozon!]} />, inProcessClient(station), 'en')
    const box = await screen.findByTestId('tracking-prompt')
    await within(box).findByText(b!)
    expect(within(box).queryByText(ozon!)).toBeNull() // Ozon logistics takes no number
    // The package's own number is not a tracking number: left to the packing screen.
    expect(prompt.current!.scan(a!)).toBe(false)
    let taken = false
    act(() => {
      taken = prompt.current!.scan('4100000077')
    })
    expect(taken).toBe(true)
    await waitFor(async () => expect((await station.call('tracking.get', { postingNumber: a! })).state).toBe('accepted'))
    await waitFor(() => expect(within(box).getByText('4100000077')).toBeTruthy())
  })
})
