// The Settings screen, the first-run gate and the operator badge against a real in-process station.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../electron/ozon/sandbox'
import { OperatorBadge } from '../../renderer/src/components/settings/OperatorSwitcher'
import { FirstRunGate } from '../../renderer/src/screens/FirstRunScreen'
import { SettingsScreen } from '../../renderer/src/screens/SettingsScreen'
import { inProcessClient } from '../support/in-process-client'
import { startTestStation } from '../support/station'
import { renderWithStation } from './render'

const SHOP = { clientId: '9090909', apiKey: '0b0e6a1c-renderer-test-key', name: 'Renderer shop' }

describe('Settings → Ozon accounts', () => {
  it('connects an account: the check is shown, the key field is emptied, the account is listed', async () => {
    const { station } = await startTestStation()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    try {
      renderWithStation(<SettingsScreen />, inProcessClient(station), 'en')
      fireEvent.click(await screen.findByRole('tab', { name: 'Ozon accounts' }))
      const form = await screen.findByTestId('account-form')
      const key = within(form).getByLabelText('Api-Key') as HTMLInputElement
      expect(key.type).toBe('password')
      fireEvent.change(within(form).getByLabelText('Client-Id'), { target: { value: SHOP.clientId } })
      fireEvent.change(key, { target: { value: SHOP.apiKey } })
      fireEvent.change(within(form).getByLabelText('Name (optional)'), { target: { value: 'Main shop' } })
      fireEvent.change(within(form).getByLabelText('API address'), { target: { value: sb.url } })
      fireEvent.click(within(form).getByRole('button', { name: 'Check and connect' }))

      expect(await within(form).findByText('Account “Main shop” is connected.')).toBeTruthy()
      expect(within(form).getByTestId('check-report').dataset.outcome).toBe('ok')
      expect(within(form).getByText(/^Valid until .* days left\)\.$/)).toBeTruthy()
      expect(key.value).toBe('') // the key is gone from the form once saved
      const card = await waitFor(() => {
        const el = document.querySelector(`[data-account="${SHOP.clientId}"]`)
        if (!el) throw new Error('not listed yet')
        return el as HTMLElement
      })
      expect(card.textContent).toContain('Main shop')
      expect(card.textContent).toContain('working')
      expect(document.body.innerHTML).not.toContain(SHOP.apiKey)
    } finally {
      await sb.close()
    }
  })

  it('says precisely when the key is wrong, and keeps it in the field to be corrected', async () => {
    const { station } = await startTestStation()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    try {
      renderWithStation(<SettingsScreen />, inProcessClient(station), 'ru')
      fireEvent.click(await screen.findByRole('tab', { name: 'Аккаунты Ozon' }))
      const form = await screen.findByTestId('account-form')
      fireEvent.change(within(form).getByLabelText('Client-Id'), { target: { value: SHOP.clientId } })
      fireEvent.change(within(form).getByLabelText('Api-Key'), { target: { value: 'wrong-key' } })
      fireEvent.change(within(form).getByLabelText('Адрес API'), { target: { value: sb.url } })
      fireEvent.click(within(form).getByRole('button', { name: 'Проверить и подключить' }))
      const report = await within(form).findByTestId('check-report')
      expect(report.dataset.outcome).toBe('wrong_key')
      expect(report.textContent).toContain('Ozon не принял ключ: неверный Client-Id или Api-Key')
      expect((within(form).getByLabelText('Api-Key') as HTMLInputElement).value).toBe('wrong-key')
    } finally {
      await sb.close()
    }
  })

  it('removing asks first and says the postings stay read-only', async () => {
    const { station } = await startTestStation()
    const sb = await startSandbox({ port: 0, accounts: [SHOP], demo: { arrivals: false } })
    try {
      await station.call('accounts.add', { clientId: SHOP.clientId, apiKey: SHOP.apiKey, url: sb.url, label: 'Shop X' })
      renderWithStation(<SettingsScreen />, inProcessClient(station), 'en')
      fireEvent.click(await screen.findByRole('tab', { name: 'Ozon accounts' }))
      fireEvent.click(await screen.findByRole('button', { name: 'Remove account' }))
      const dialog = await screen.findByTestId('confirm-dialog')
      expect(dialog.textContent).toMatch(/stay in the list, read-only, until you delete their data/)
      expect((await station.call('accounts.list', {})).mode).toBe('live') // nothing happened yet
      fireEvent.click(within(dialog).getByRole('button', { name: 'Remove account' }))
      await waitFor(async () => expect((await station.call('accounts.list', {})).mode).toBe('demo'))
      expect(await screen.findByRole('button', { name: /^Delete data/ })).toBeTruthy()
    } finally {
      await sb.close()
    }
  })
})

describe('Settings → bench and profile file', () => {
  it('the language choice switches the UI at once and is kept in the profile', async () => {
    const { station } = await startTestStation()
    renderWithStation(<SettingsScreen />, inProcessClient(station), 'ru')
    expect(await screen.findByRole('heading', { name: 'Настройки' })).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: 'English' }))
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy()
    await waitFor(async () => expect((await station.call('settings.get', {})).profile.language).toBe('en'))
    expect(localStorage.getItem('station.language')).toBe('en')
    fireEvent.click(screen.getByRole('radio', { name: '中文' }))
    expect(await screen.findByRole('heading', { name: '设置' })).toBeTruthy()
  })

  it('saves the bench profile and shows a bad value next to its field', async () => {
    const { station } = await startTestStation()
    renderWithStation(<SettingsScreen />, inProcessClient(station), 'en')
    const form = await screen.findByTestId('bench-form')
    fireEvent.change(within(form).getByLabelText('Bench name'), { target: { value: 'Bench 5' } })
    fireEvent.click(within(form).getByLabelText('Advisory: the station warns but does not block'))
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    expect(await within(form).findByText('Saved')).toBeTruthy()
    expect((await station.call('settings.get', {})).profile).toMatchObject({ benchName: 'Bench 5', verification: 'advisory' })

    fireEvent.change(within(form).getByLabelText('Warehouse time zone'), { target: { value: 'Mars/Olympus' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }))
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Unknown time zone "Mars\/Olympus"/)
  })

  it('an import that fails names the field', async () => {
    const { station } = await startTestStation()
    renderWithStation(<SettingsScreen />, inProcessClient(station), 'en')
    fireEvent.click(await screen.findByRole('tab', { name: 'Profile file' }))
    const input = (await screen.findByTestId('import-file')) as HTMLInputElement
    const file = new File([JSON.stringify({ kind: 'ozon-station/bench-profile', version: 1, profile: { syncIntervalMinutes: 500 } })], 'p.json', { type: 'application/json' })
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } })
    })
    const problems = await screen.findByTestId('import-problems')
    expect(problems.textContent).toContain('field “profile.syncIntervalMinutes” is wrong')
  })
})

describe('first run and the operator badge', () => {
  it('a fresh station shows the first run; each step can be skipped, then the station shows', async () => {
    const { station } = await startTestStation()
    renderWithStation(
      <FirstRunGate>
        <p>the station</p>
      </FirstRunGate>,
      inProcessClient(station),
      'en',
    )
    const flow = await screen.findByTestId('first-run')
    expect(flow.dataset.step).toBe('language')
    for (const step of ['language', 'bench', 'operator', 'account', 'printer', 'testLabel']) {
      await waitFor(() => expect(screen.getByTestId('first-run').dataset.step).toBe(step))
      if (step === 'printer') expect(screen.getByTestId('printer-placeholder')).toBeTruthy()
      fireEvent.click(screen.getByTestId('skip-step'))
    }
    expect(await screen.findByText('the station')).toBeTruthy()
    expect((await station.call('settings.get', {})).firstRun.completed).toBe(true)
  })

  it('shows the current operator; the switch key opens the switcher, which asks the PIN', async () => {
    const { station } = await startTestStation()
    await station.call('operators.add', { name: 'Аня' })
    await station.call('operators.add', { name: 'Борис', pin: '4321' })
    renderWithStation(<OperatorBadge />, inProcessClient(station), 'en')
    const badge = await screen.findByTestId('operator-badge')
    await waitFor(() => expect(badge.textContent).toContain('Аня'))
    expect(badge.textContent).toContain('F12')

    fireEvent.keyDown(window, { code: 'F12', key: 'F12' })
    const switcher = await screen.findByTestId('operator-switcher')
    expect(switcher.textContent).toContain('not security')
    fireEvent.click(within(switcher).getByRole('button', { name: /Борис/ }))
    const pin = within(switcher).getByLabelText('PIN for Борис')
    fireEvent.change(pin, { target: { value: '1111' } })
    fireEvent.submit(pin.closest('form')!)
    expect(await within(switcher).findByText('Wrong PIN for Борис.')).toBeTruthy()
    fireEvent.change(pin, { target: { value: '4321' } })
    fireEvent.submit(pin.closest('form')!)
    await waitFor(() => expect(screen.queryByTestId('operator-switcher')).toBeNull())
    await waitFor(() => expect(screen.getByTestId('operator-badge').textContent).toContain('Борис'))
  })
})
