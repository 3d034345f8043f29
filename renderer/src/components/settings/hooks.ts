// Live views of the settings and the accounts: loaded once, reloaded whenever the station says they changed.
import type { i18n as I18n } from 'i18next'
import type { StationClient } from '../../api/client'
import { useStationEvent } from '../../api/StationContext'
import { useStationQuery } from '../../hooks/useStationQuery'
import type { BenchLanguage } from '../../../../shared/domain/settings'

export function useSettings() {
  const query = useStationQuery('settings.get', {})
  useStationEvent('settings.changed', () => query.reload())
  return query
}

export function useAccounts() {
  const query = useStationQuery('accounts.list', {})
  useStationEvent('accounts.changed', () => query.reload())
  // Posting counts per account change with every sync.
  useStationEvent('sync.progress', (p) => {
    if (p.phase === 'done') query.reload()
  })
  return query
}

/** localStorage key main.tsx reads at start, so the UI opens in the bench's language before the station answers. */
export const LANGUAGE_STORAGE_KEY = 'station.language'

/** Shows the UI in `language` at once and remembers it for the next start (before the profile is loaded). */
export async function showLanguage(i18n: I18n, language: BenchLanguage): Promise<void> {
  globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language)
  if (typeof document !== 'undefined') document.documentElement.lang = language
  if (i18n.language !== language) await i18n.changeLanguage(language)
}

/** The language choice: switch the UI now, and keep it in the bench profile. */
export async function chooseLanguage(i18n: I18n, station: StationClient, language: BenchLanguage): Promise<void> {
  await showLanguage(i18n, language)
  await station.call('settings.update', { profile: { language } })
}
