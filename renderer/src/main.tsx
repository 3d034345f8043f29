import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { createStationClient } from './api/client'
import { StationProvider } from './api/StationContext'
import { App } from './App'
import { initI18n, savedLanguage } from './i18n'
import './styles.css'

const i18n = initI18n(savedLanguage())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StationProvider client={createStationClient()}>
        <App />
      </StationProvider>
    </I18nextProvider>
  </StrictMode>,
)
