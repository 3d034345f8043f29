// i18next with every locale bundled. Each screen area owns one namespace file per language:
// locales/<lang>/<namespace>.json — add a file and it is picked up here; the locale test fails when a
// key exists in one language but not in another.
import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'

export const LANGUAGES = ['ru', 'en', 'zh'] as const
export type Language = (typeof LANGUAGES)[number]

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true })

export function localeResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {}
  for (const [file, mod] of Object.entries(files)) {
    const [, lang, ns] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? []
    if (!lang || !ns) continue
    resources[lang] ??= {}
    resources[lang][ns] = mod.default
  }
  return resources
}

export function initI18n(language: Language = 'ru'): i18n {
  const resources = localeResources()
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  })
  return i18next
}

export function savedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem('station.language')
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'ru'
}
