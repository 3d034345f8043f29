// Every key in every namespace exists in all three languages — a missing translation fails here, not at the bench.
import { describe, expect, it } from 'vitest'
import { LANGUAGES, localeResources } from '../../renderer/src/i18n'

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  const resources = localeResources()
  const namespaces = [...new Set(LANGUAGES.flatMap((l) => Object.keys(resources[l] ?? {})))]

  it('has ru, en and zh with the same namespaces', () => {
    expect(namespaces.length).toBeGreaterThan(0)
    for (const lang of LANGUAGES) expect(Object.keys(resources[lang] ?? {}).sort()).toEqual([...namespaces].sort())
  })

  it.each(namespaces)('namespace "%s" has the same keys in every language, none empty', (ns) => {
    const reference = keys(resources.ru?.[ns]).sort()
    for (const lang of LANGUAGES) {
      const own = keys(resources[lang]?.[ns]).sort()
      expect({ lang, missing: reference.filter((k) => !own.includes(k)), extra: own.filter((k) => !reference.includes(k)) }).toEqual({
        lang,
        missing: [],
        extra: [],
      })
      const empty = own.filter((k) => {
        const v = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], resources[lang]?.[ns])
        return typeof v !== 'string' || v.trim() === ''
      })
      expect({ lang, empty }).toEqual({ lang, empty: [] })
    }
  })
})
