import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StationInfo } from '../../shared/contract'
import { useStation, useStationEvent } from './api/StationContext'
import { ConnectAccountButton } from './components/settings/ConnectAccount'
import { OperatorBadge } from './components/settings/OperatorSwitcher'
import { LabelCheckOverlay } from './components/printing/LabelCheckOverlay'
import { PrintNotice } from './components/printing/PrintNotice'
import { FirstRunGate } from './screens/FirstRunScreen'
import { screens } from './screens'

export function App() {
  const { t } = useTranslation()
  const station = useStation()
  const [info, setInfo] = useState<StationInfo | null>(null)
  const [active, setActive] = useState(screens[0]!.id)

  useEffect(() => {
    station.call('station.info').then(setInfo, () => setInfo(null))
  }, [station])
  // Connecting or removing an Ozon account switches demo ↔ live without a restart: refresh the badge.
  useStationEvent('accounts.changed', () => {
    station.call('station.info').then(setInfo, () => setInfo(null))
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = screens.find((s) => s.hotkey === e.code)
      if (target) {
        e.preventDefault()
        setActive(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // Screens switch each other with a `station:navigate` window event ({ screen: id }), e.g. the inbox opening
  // a posting on the packing screen (components/packing/navigation.ts).
  useEffect(() => {
    const onNavigate = (e: Event) => {
      const id = (e as CustomEvent<{ screen?: string }>).detail?.screen
      const target = screens.find((s) => s.id === id)
      if (target) setActive(target.id)
    }
    window.addEventListener('station:navigate', onNavigate)
    return () => window.removeEventListener('station:navigate', onNavigate)
  }, [])

  const Screen = screens.find((s) => s.id === active)?.component ?? screens[0]!.component
  return (
    <FirstRunGate>
    <div className="app">
      <header className="app-header">
        <span className="app-name">{t('appName')}</span>
        <nav className="app-nav">
          {screens.map((s) => (
            <button key={s.id} className={s.id === active ? 'nav-item active' : 'nav-item'} onClick={() => setActive(s.id)} title={`${t(s.titleKey)} — ${s.hotkey}`}>
              {t(s.titleKey)} <kbd>{s.hotkey}</kbd>
            </button>
          ))}
        </nav>
        {info && (
          <span className={`mode-badge mode-${info.mode}`} data-testid="mode-badge" title={`${t(`mode.${info.mode}`)} — ${info.ozonUrl}`}>
            {t(`mode.${info.mode}Short`)}
          </span>
        )}
        <PrintNotice />
        <ConnectAccountButton demo={info?.mode === 'demo'} />
        <OperatorBadge />
      </header>
      <main className="app-main">
        <Screen />
      </main>
      <LabelCheckOverlay />
    </div>
    </FirstRunGate>
  )
}
