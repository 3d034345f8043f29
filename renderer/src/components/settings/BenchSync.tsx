// Keeps the UI in the bench profile's language: on start (the profile may have been changed on another
// screen, imported, or by another window) and whenever the profile changes. Renders nothing.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { showLanguage, useSettings } from './hooks'

export function BenchSync() {
  const { i18n } = useTranslation()
  const { data } = useSettings()
  const language = data?.profile.language
  useEffect(() => {
    if (language && language !== i18n.language) void showLanguage(i18n, language)
  }, [language, i18n])
  return null
}
