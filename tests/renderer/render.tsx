// Renders a piece of the UI the way main.tsx does: i18n + a station client.
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { I18nextProvider } from 'react-i18next'
import type { StationClient } from '../../renderer/src/api/client'
import { StationProvider } from '../../renderer/src/api/StationContext'
import { initI18n, type Language } from '../../renderer/src/i18n'

export function renderWithStation(ui: ReactElement, client: StationClient, language: Language = 'ru') {
  const i18n = initI18n(language)
  void i18n.changeLanguage(language)
  return render(
    <I18nextProvider i18n={i18n}>
      <StationProvider client={client}>{ui}</StationProvider>
    </I18nextProvider>,
  )
}
