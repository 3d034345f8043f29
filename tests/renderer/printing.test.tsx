// Printing in the UI against a real in-process station: the printers in Settings (demo folder shown, a new ZPL
// printer with every wrong field named, live status, test print), the print screen with "check the printer" and
// the one-key reprint, the header notice, and the label check taking the scanner away from the screens.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { LabelCheckOverlay } from '../../renderer/src/components/printing/LabelCheckOverlay'
import { PrintLabelsAction } from '../../renderer/src/components/printing/PrintLabelsAction'
import { PrintNotice } from '../../renderer/src/components/printing/PrintNotice'
import { useScanner } from '../../renderer/src/hooks/useScanner'
import { PrintScreen } from '../../renderer/src/screens/PrintScreen'
import { SettingsScreen } from '../../renderer/src/screens/SettingsScreen'
import { onSound, type SoundName } from '../../renderer/src/sound'
import { packPosting, sandbox } from '../support/demo-orders'
import { FakePrinter } from '../support/fake-printer'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

let fakes: FakePrinter[] = []
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.stop()))
  fakes = []
})
async function fakePrinter() {
  const f = await FakePrinter.start()
  fakes.push(f)
  return f
}

/** Key presses as a wedge scanner sends them (position codes; a Russian layout would change only `key`). */
function typeKeys(text: string) {
  for (const ch of text) {
    const code = /\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch.toUpperCase()}`
    fireEvent.keyDown(document.body, { code, key: ch })
  }
  fireEvent.keyDown(document.body, { code: 'Enter', key: 'Enter' })
}

describe('Settings → Printers', () => {
  it('shows where the demo printer puts labels, adds a ZPL printer naming each wrong field, shows its status and test-prints', { timeout: 30_000 }, async () => {
    const { station, config } = await startTestStation()
    const fake = await fakePrinter()
    renderWithStation(<SettingsScreen />, inProcessClient(station), 'en')
    fireEvent.click(await screen.findByRole('tab', { name: 'Printers' }))

    const note = await screen.findByTestId('demo-printer-note')
    expect(note.textContent).toContain('demo printer')
    expect(note.textContent).toContain(`${config.dataDir}/printed-labels`)
    await waitFor(() => expect(screen.getByTestId('status-demo-bag-labels').textContent).toBe('ready'))

    fireEvent.click(screen.getByTestId('add-printer'))
    const dialog = await screen.findByTestId('printer-dialog')
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Zebra bench 2' } })
    fireEvent.change(within(dialog).getByLabelText('Network address'), { target: { value: '192.168.1.50' } })
    fireEvent.change(within(dialog).getByLabelText('Darkness (0–30)'), { target: { value: '45' } })
    fireEvent.click(within(dialog).getByLabelText('Bag labels'))
    fireEvent.click(within(dialog).getByTestId('save-printer'))
    const address = within(dialog).getByLabelText('Network address')
    await waitFor(() => expect(address.getAttribute('aria-invalid')).toBe('true'))
    expect(within(dialog).getByText('Write the address as tcp://192.168.1.50:9100 (IP address, port 1–65535).')).toBeTruthy()
    expect(within(dialog).getByText('Enter a whole number from 0 to 30, or leave it empty.')).toBeTruthy()

    fireEvent.change(address, { target: { value: fake.url } })
    fireEvent.change(within(dialog).getByLabelText('Darkness (0–30)'), { target: { value: '20' } })
    fireEvent.click(within(dialog).getByTestId('save-printer'))
    await waitFor(() => expect(screen.queryByTestId('printer-dialog')).toBeNull())

    const { printers, assignments } = await station.call('printing.printers', {})
    const zebra = printers.find((p) => p.name === 'Zebra bench 2')!
    expect(zebra).toMatchObject({ driver: 'zpl', connection: fake.url, darkness: 20, purposes: ['bag-label'] })
    expect(assignments['bag-label']).toBe(zebra.id)
    const card = await waitFor(() => {
      const el = document.querySelector(`[data-printer="${zebra.id}"]`)
      if (!el) throw new Error('not listed yet')
      return el as HTMLElement
    })
    expect(within(card).getByText('Bag labels')).toBeTruthy()
    await waitFor(() => expect(within(card).getByTestId(`status-${zebra.id}`).textContent).toBe('ready'))

    fireEvent.click(within(card).getByTestId(`test-print-${zebra.id}`))
    await waitFor(() => expect(within(card).getByTestId('job-outcome').dataset.state).toBe('sent'), { timeout: 10_000 })
    expect(within(card).getByTestId('job-outcome').textContent).toBe('printed')
    expect(await fake.waitForJobs(1)).toHaveLength(1)

    fireEvent.click(screen.getByTestId('label-check-setting'))
    await waitFor(async () => expect((await station.call('settings.get', {})).profile.labelCheck).toBe(true))
  })
})

describe('print screen', () => {
  it('"check the printer" is in the header and on the print screen; R reprints it with the reason', { timeout: 30_000 }, async () => {
    const { station } = await startTestStation()
    const fake = await fakePrinter()
    const zebra = await station.call('printing.savePrinter', { printer: { name: 'Zebra', driver: 'zpl', connection: fake.url, label: { widthMm: 58, heightMm: 40 } } })
    fake.dropNextJobAfter(100)
    const { job } = await station.call('printing.testPrint', { printerId: zebra.id })
    await fake.waitForJobs(1)

    renderWithStation(
      <>
        <PrintNotice />
        <PrintScreen />
      </>,
      inProcessClient(station),
      'ru',
    )
    const notice = await screen.findByTestId('print-notice')
    expect(notice.textContent).toContain('Проверьте принтер · 1')
    const attention = await screen.findByTestId('attention')
    expect(attention.textContent).toContain('Проверьте принтер «Zebra»')
    await waitFor(() => expect(document.querySelector(`tr[data-job="${job.id}"]`)?.getAttribute('data-state')).toBe('unknown'))

    act(() => {
      fireEvent.keyDown(window, { code: 'KeyR', key: 'к' })
    })
    await waitFor(() => expect(screen.queryByTestId('print-notice')).toBeNull())
    await fake.waitForJobs(2)
    const history = (await station.call('printing.history', {})).jobs
    expect(history[0]).toMatchObject({ reprintOf: job.id, reason: 'Ничего не вышло', kind: 'test' })
    await waitFor(() => expect(screen.getByText('перепечатка: Ничего не вышло')).toBeTruthy())
  })
})

describe('print labels of selected postings (the inbox hook)', () => {
  it('Alt+P prints the selection as one job per printer and says what went out; pressed again it prints nothing twice', { timeout: 60_000 }, async () => {
    const { station } = await startTestStation()
    await station.call('settings.update', { profile: { autoPrint: false, labelsPerPackage: 'bag' } })
    const { added } = await sandbox(station, 'postings', { spec: { integration: 'ozon', products: [{ offerId: 'MUG-WHT-450', quantity: 1 }] } })
    const [postingNumber] = await packPosting(station, added[0]!, 1)
    renderWithStation(<PrintLabelsAction postingNumbers={[postingNumber!]} />, inProcessClient(station), 'en')
    expect(screen.getByTestId('print-labels').textContent).toBe('Print labels (1)Alt+P')

    fireEvent.keyDown(window, { code: 'KeyP', key: 'p', altKey: true })
    const result = await screen.findByTestId('print-labels-result', {}, { timeout: 10_000 })
    expect(result.textContent).toBe('Sent: 1 label(s), 1 job(s).')
    fireEvent.click(screen.getByTestId('print-labels'))
    await waitFor(() => expect(screen.getByTestId('print-labels-result').textContent).toContain('already sent moments ago'))
    const jobs = (await station.call('printing.history', {})).jobs
    expect(jobs.map((j) => [j.kind, j.postingNumbers])).toEqual([['bag-label', [postingNumber]]])
  })
})

describe('label check', () => {
  it('takes the scanner from the screens: a wrong label is refused loudly, the right one passes', { timeout: 60_000 }, async () => {
    const { station } = await startTestStation()
    await station.call('settings.update', { profile: { labelCheck: true, labelsPerPackage: 'bag' } })
    const { added } = await sandbox(station, 'postings', { spec: { integration: 'ozon', products: [{ offerId: 'MUG-WHT-450', quantity: 1 }] } })
    const [opened] = added
    const [postingNumber] = await packPosting(station, opened!, 1)
    await waitFor(async () => expect((await station.call('printing.labelCheck', {})).check?.labels[0]?.postingNumber).toBe(postingNumber), { timeout: 20_000 })

    const sounds: SoundName[] = []
    const off = onSound((s) => sounds.push(s))
    const screenScans: string[] = []
    function PackingLike() {
      useScanner({ onScan: (code) => screenScans.push(code) })
      return null
    }
    try {
      renderWithStation(
        <>
          <PackingLike />
          <LabelCheckOverlay />
        </>,
        inProcessClient(station),
        'en',
      )
      const panel = await screen.findByTestId('label-check')
      expect(panel.textContent).toContain('Scan the bag labels just printed')
      expect(panel.textContent).toContain(postingNumber)

      typeKeys('12345678-0001-1')
      const verdict = await screen.findByTestId('label-check-verdict')
      await waitFor(() => expect(verdict.dataset.tone).toBe('error'))
      expect(verdict.textContent).toContain('WRONG LABEL! This is the label of 12345678-0001-1')
      expect(verdict.textContent).toContain(`Expected the bag label of: ${postingNumber}`)
      expect(sounds).toEqual(['error'])

      typeKeys(postingNumber!)
      expect(await screen.findByTestId('label-check-done')).toBeTruthy()
      expect(screen.queryByTestId('label-check')).toBeNull()
      expect(sounds).toEqual(['error', 'ok'])
      // The screen's own scanner never saw a key of the check.
      expect(screenScans).toEqual([])
      const audit = await fetchAudit(station)
      expect(audit).toEqual(expect.arrayContaining(['printing.label_check_mismatch', 'printing.label_check_passed']))
    } finally {
      off()
    }
  })
})

async function fetchAudit(station: Awaited<ReturnType<typeof startTestStation>>['station']): Promise<string[]> {
  const { dataDir } = await station.call('station.info', {})
  const { readdir, readFile } = await import('node:fs/promises')
  const dir = `${dataDir}/audit`
  const lines = (await Promise.all((await readdir(dir)).map((f) => readFile(`${dir}/${f}`, 'utf8')))).join('').split('\n').filter(Boolean)
  return lines.map((l) => (JSON.parse(l) as { action: string }).action)
}
