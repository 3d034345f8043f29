// The labels screen against a real demo station: recent packages with their Ozon label state, picked by a scan or
// by hand, and one PDF of them in package order — the pages counted, the labels that could not be made named.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LabelsScreen } from '../../renderer/src/screens/LabelsScreen'
import { addUnmarkedPosting, packPosting, sandbox } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

function scanBurst(code: string) {
  act(() => {
    for (const ch of code) fireEvent.keyDown(window, { code: ch === '-' ? 'Minus' : `Digit${ch}`, key: ch })
    fireEvent.keyDown(window, { code: 'Enter', key: 'Enter' })
  })
}

describe('labels screen', () => {
  it('lists packed packages with their label state, picks by scan, and makes one PDF in package order', async () => {
    const { station } = await startTestStation()
    await sandbox(station, 'timings', { shipDelayMs: 0, labelTaskDelayMs: 0 })
    const first = (await packPosting(station, await addUnmarkedPosting(station)))[0]!
    const second = (await packPosting(station, await addUnmarkedPosting(station)))[0]!
    await waitFor(async () => expect((await station.call('labels.status', {})).items.map((i) => i.state)).toEqual(['ready', 'ready']), { timeout: 20_000 })

    renderWithStation(<LabelsScreen />, inProcessClient(station), 'en')
    const rows = await screen.findByTestId('labels-rows')
    await waitFor(() => expect(within(rows).getByTestId(`labels-row-${first}`).dataset.state).toBe('ready'))
    expect(within(rows).getByTestId(`labels-row-${second}`).textContent).toContain('✓ ready')
    expect(screen.getByText('ready: 2')).toBeTruthy()

    // A scan picks the package; an unknown code is refused loudly.
    scanBurst(second)
    expect((await screen.findByTestId('labels-banner')).textContent).toBe(`Scanned: ${second}`)
    expect(screen.getByTestId('labels-make-pdf').textContent).toBe('Make PDF (1)')
    scanBurst('12345678-9999-1')
    await waitFor(() => expect(screen.getByTestId('labels-banner').textContent).toBe('Code 12345678-9999-1 is not among the packed packages'))

    // Both packages, both labels each: 4 pages (their order is checked on the PDF in the integration tests).
    fireEvent.click(screen.getByTestId('labels-pick-all'))
    fireEvent.click(screen.getByTestId('labels-make-pdf'))
    const batch = await screen.findByTestId('labels-batch', {}, { timeout: 20_000 })
    expect(batch.textContent).toContain('PDF ready: 4 pages in package order.')
    expect(screen.getByTestId('labels-download').getAttribute('download')).toBe('labels-2.pdf')

    // Only Ozon's labels: 2 pages.
    fireEvent.change(screen.getByTestId('labels-choice'), { target: { value: 'ozon' } })
    fireEvent.click(screen.getByTestId('labels-make-pdf'))
    await waitFor(() => expect(screen.getByTestId('labels-batch').textContent).toContain('PDF ready: 2 pages'), { timeout: 20_000 })

    // The row picked last shows its bag label at true size beside the list.
    const paper = await within(screen.getByTestId('label-preview')).findByTestId('label-paper')
    expect(paper.style.width).toBe('58mm')
  }, 60_000)
})
