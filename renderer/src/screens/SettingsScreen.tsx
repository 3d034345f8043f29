// Settings: the bench profile, operators, Ozon accounts, printers, the working calendar and the profile file.
// Every first-run step can be revisited here.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStation } from '../api/StationContext'
import { AccountForm } from '../components/settings/AccountForm'
import { AccountList } from '../components/settings/AccountList'
import { BenchForm } from '../components/settings/BenchForm'
import { CalendarOverrides } from '../components/settings/CalendarOverrides'
import { PreparationLimitsForm } from '../components/settings/PreparationLimitsForm'
import { useAccounts, useSettings } from '../components/settings/hooks'
import { LanguagePicker } from '../components/settings/LanguagePicker'
import { OperatorList } from '../components/settings/OperatorList'
import { PrinterSettings } from '../components/printing/PrinterSettings'
import { TestPrintPanel } from '../components/printing/TestPrint'
import { ProfileTransfer } from '../components/settings/ProfileTransfer'
// Only read while rendering (never at import time), so the cycle index.ts ↔ this file is harmless.
import { takenScreenKeys } from './hotkeys'

const TABS = ['bench', 'operators', 'accounts', 'printers', 'calendar', 'transfer'] as const
type Tab = (typeof TABS)[number]

export function SettingsScreen() {
  const { t } = useTranslation('settings')
  const [tab, setTab] = useState<Tab>('bench')
  const settings = useSettings()
  const accounts = useAccounts()
  const station = useStation()
  const data = settings.data

  return (
    <section className="settings">
      <div className="toolbar">
        <h1>{t('title')}</h1>
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((id) => (
          <button key={id} role="tab" aria-selected={tab === id} className={tab === id ? 'tab active' : 'tab'} onClick={() => setTab(id)} data-tab={id}>
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      {settings.error && <div className="banner error">{settings.error.message}</div>}
      {data && (
        <div className="tab-panel" role="tabpanel">
          {tab === 'bench' && (
            <>
              <h2>{t('language.title')}</h2>
              <LanguagePicker />
              <h2>{t('bench.title')}</h2>
              <BenchForm profile={data.profile} />
            </>
          )}
          {tab === 'operators' && (
            <>
              <h2>{t('operators.title')}</h2>
              <OperatorList settings={data} takenKeys={takenScreenKeys} />
            </>
          )}
          {tab === 'accounts' && (
            <>
              <h2>{t('accounts.title')}</h2>
              {accounts.data && <AccountList list={accounts.data} onChanged={accounts.reload} />}
              <h2>{t('accounts.form.title')}</h2>
              <p className="muted">{t('accounts.intro')}</p>
              <AccountForm
                autoFocus={false}
                onSaved={() => {
                  accounts.reload()
                  void station.call('orders.sync').catch(() => undefined)
                }}
              />
            </>
          )}
          {tab === 'printers' && (
            <>
              <h2>{t('printers.title')}</h2>
              <PrinterSettings />
              <h2>{t('printers.testTitle')}</h2>
              <TestPrintPanel testId="test-label-placeholder" />
            </>
          )}
          {tab === 'calendar' && (
            <>
              <h2>{t('calendar.title')}</h2>
              <CalendarOverrides profile={data.profile} />
              <PreparationLimitsForm profile={data.profile} />
            </>
          )}
          {tab === 'transfer' && (
            <>
              <h2>{t('transfer.title')}</h2>
              <ProfileTransfer />
              <h2>{t('firstRun.title')}</h2>
              <p className="muted">{t('firstRun.hint')}</p>
              <button type="button" onClick={() => void station.call('settings.restartFirstRun')}>
                {t('firstRun.again')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  )
}
