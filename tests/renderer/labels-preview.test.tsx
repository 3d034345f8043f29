// The labels of packed packages on screen, against a real demo station (embedded sandbox): Ozon's label ready,
// waiting (with the seconds counting) and failed with Ozon's reason and "ask again"; the bag label previewed at
// true size (paper of the label's exact mm) and zoomed, drawn from the same layout the PDF is made of; and Ozon's
// own label as the printer's dots once it is there.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Station } from '../../electron/station'
import { PackageLabels } from '../../renderer/src/components/labels'
import { addUnmarkedPosting, packPosting, sandbox } from '../support/demo-orders'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

async function labelState(station: Station, n: string): Promise<string | undefined> {
  return (await station.call('labels.status', { postingNumbers: [n] })).items[0]?.state
}

describe('labels of packed packages', () => {
  it('shows ready / waiting (seconds) / failed: reason, and previews the bag label at true size and zoomed', async () => {
    const { station } = await startTestStation()
    await sandbox(station, 'timings', { shipDelayMs: 0, labelTaskDelayMs: 0 })
    const ready = (await packPosting(station, await addUnmarkedPosting(station)))[0]!
    await waitFor(async () => expect(await labelState(station, ready)).toBe('ready'), { timeout: 15_000 })
    // Ozon needs a minute for the next one: it waits.
    await sandbox(station, 'label-delay', { ms: 600_000 })
    const waiting = (await packPosting(station, await addUnmarkedPosting(station)))[0]!
    await waitFor(async () => expect((await station.call('labels.status', { postingNumbers: [waiting] })).items[0]?.attempts).toBeGreaterThan(0), { timeout: 15_000 })
    // Asked for a posting Ozon cannot label (never packed): failed with Ozon's reason.
    const { added } = await sandbox(station, 'postings', { spec: { integration: 'ozon', lines: 1 } })
    const refused = added[0] as string
    await station.call('orders.sync', {})
    await station.call('labels.retry', { postingNumbers: [refused] })

    const packages = [ready, waiting, refused].map((postingNumber, i) => ({ index: i + 1, count: 3, postingNumber }))
    renderWithStation(<PackageLabels packages={packages} />, inProcessClient(station), 'ru')

    await waitFor(() => expect(screen.getByTestId('label-state-1').textContent).toBe('Этикетка Ozon: ✓ готова'))
    expect(screen.getByTestId('label-row-1').dataset.state).toBe('ready')
    await waitFor(() => expect(screen.getByTestId('label-state-2').textContent).toMatch(/Этикетка Ozon: ждём \(\d+ с\) · новый запрос через \d+ с/))
    expect(screen.getByTestId('label-row-2').dataset.state).toBe('waiting')
    await waitFor(() => expect(screen.getByTestId('label-state-3').textContent).toBe('Этикетка Ozon: ✗ не получена: отправление не ожидает отгрузки (отменено или ещё не упаковано)'))
    expect(screen.getByTestId('label-retry-3')).toBeTruthy()
    expect(screen.queryByTestId('label-retry-1')).toBeNull()
    expect(screen.getByText('печатаем обе этикетки')).toBeTruthy()

    // The first package's bag label: paper of 58 × 40 mm at true size, the posting number in its text.
    const preview = screen.getByTestId('label-preview')
    const paper = await within(preview).findByTestId('label-paper')
    expect(paper.style.width).toBe('58mm')
    expect(paper.style.height).toBe('40mm')
    expect(paper.querySelector('svg')?.getAttribute('viewBox')).toBe('0 0 58 40')
    expect([...paper.querySelectorAll('text')].map((t) => t.textContent)).toContain(ready)
    expect(within(preview).getByText('58 × 40 мм · 203 dpi · в натуральную величину')).toBeTruthy()
    expect(screen.getByTestId('zoom-1').getAttribute('aria-pressed')).toBe('true')

    // Zoomed ×2: twice the size, same label.
    fireEvent.click(screen.getByTestId('zoom-2'))
    expect(within(preview).getByTestId('label-paper').style.width).toBe('116mm')
    expect(within(preview).getByText('58 × 40 мм · 203 dpi · увеличено в 2 раза')).toBeTruthy()

    // Ozon's label: the printer's dots of the cached PDF, 75 × 120 mm.
    fireEvent.click(screen.getByTestId('preview-ozon'))
    const image = (await within(preview).findByRole('img', { name: `Этикетка Ozon отправления ${ready}` })) as HTMLImageElement
    expect(image.src.startsWith('data:image/png;base64,')).toBe(true)
    expect(image.style.width).toBe('150mm')

    // The waiting package has no Ozon label to show yet, and says so.
    fireEvent.click(screen.getByTestId('label-pick-2'))
    expect((await within(preview).findByTestId('ozon-preview-wait')).textContent).toContain('Этикетки Ozon пока нет')
    // …but its bag label is there already.
    fireEvent.click(screen.getByTestId('preview-bag'))
    const paper2 = await within(preview).findByTestId('label-paper')
    await waitFor(() => expect([...paper2.querySelectorAll('text')].map((t) => t.textContent)).toContain(waiting))
  }, 60_000)

  it('a bag label that cannot be made names the posting and the reason', async () => {
    const { station } = await startTestStation()
    renderWithStation(<PackageLabels packages={[{ index: 1, count: 1, postingNumber: '11111111-0001-1' }]} />, inProcessClient(station), 'en')
    expect((await screen.findByTestId('label-preview-error')).textContent).toContain('Posting 11111111-0001-1 is not in the station')
    await waitFor(() => expect(screen.getByTestId('label-state-1').textContent).toBe('Ozon label: not asked for yet'))
  })
})
