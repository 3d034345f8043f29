// The Dispatch screen against a real in-process station (demo mode, its embedded sandbox): pick the carrier's
// delivery method, scan packages in (a wrong carrier is refused in red with a buzz), close the batch with the
// courier's name and see the hand-over recorded and Ozon's carriage made.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DispatchScreen } from '../../renderer/src/screens/DispatchScreen'
import { onSound } from '../../renderer/src/sound'
import { addPackedPostings } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

const type = (code: string) => {
  const field = screen.getByTestId('dispatch-type')
  fireEvent.change(field, { target: { value: code } })
  fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' })
}

describe('Dispatch screen', () => {
  it('opens a batch, refuses a wrong carrier loudly, closes with the courier and shows the carriage', async () => {
    const { station } = await startTestStation()
    const ozon = await addPackedPostings(station, 'ozon', 2)
    const own = await addPackedPostings(station, 'non_integrated', 1)
    await station.call('orders.sync', {})
    const sounds: string[] = []
    const off = onSound((s) => sounds.push(s))
    try {
      renderWithStation(<DispatchScreen />, inProcessClient(station), 'ru')
      const options = await screen.findByTestId('dispatch-options')
      const option = await within(options).findByText(ozon.method.name)
      fireEvent.click(option.closest('button')!)
      await screen.findByTestId('dispatch-batch')

      type(ozon.numbers[0]!)
      await waitFor(() => expect(screen.getByTestId('dispatch-banner').textContent).toBe(`${ozon.numbers[0]} — в партии`))
      expect(sounds.at(-1)).toBe('ok')

      type(own.numbers[0]!)
      await waitFor(() => expect(screen.getByTestId('dispatch-banner').textContent).toContain('ДРУГАЯ СЛУЖБА ДОСТАВКИ'))
      expect(screen.getByTestId('dispatch-banner').className).toContain('error')
      expect(sounds.at(-1)).toBe('error')

      type(ozon.numbers[1]!)
      await waitFor(() => expect(screen.getByTestId('dispatch-count').textContent).toContain('2'))

      fireEvent.change(screen.getByTestId('dispatch-courier'), { target: { value: 'Пётр Курьеров' } })
      fireEvent.click(screen.getByTestId('dispatch-close'))
      const closedBy = await screen.findByTestId('dispatch-closed-by', {}, { timeout: 15_000 })
      expect(closedBy.textContent).toMatch(/Передал\(а\) .* курьеру Пётр Курьеров: мест 2/)
      expect(screen.getByTestId('dispatch-handover').textContent).toContain('Отгрузка Ozon')
      expect(screen.getByTestId('dispatch-manifest-open')).toBeTruthy()
    } finally {
      off()
    }
  })
})
