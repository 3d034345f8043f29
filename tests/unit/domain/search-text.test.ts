import { describe, expect, it } from 'vitest'
import { haystackMatches, normalizeForSearch, parseSearch } from '../../../shared/domain/search-text'

describe('search text normalisation', () => {
  it('folds case, ё, spaces and dashes in Cyrillic and Latin alike', () => {
    expect(normalizeForSearch('Ёлочная  ИГРУШКА')).toBe('елочнаяигрушка')
    expect(normalizeForSearch('MUG-RED-350')).toBe('mugred350')
    expect(normalizeForSearch('41257303–0007 1')).toBe('4125730300071') // en dash, space
  })

  it('composes decomposed letters and folds full-width forms (NFKC)', () => {
    expect(normalizeForSearch('Йогурт'.normalize('NFD'))).toBe('йогурт')
    expect(normalizeForSearch('Ёж'.normalize('NFD'))).toBe('еж')
    expect(normalizeForSearch('SK-58（深红色）')).toBe('sk58(深红色)')
  })

  it('matches the whole query without spaces, or every word somewhere', () => {
    const haystack = ['41257303-0007-1', 'Кружка красная 350 мл'].map(normalizeForSearch).join('\u0001')
    expect(haystackMatches(haystack, parseSearch('4125 7303')!)).toBe(true)
    expect(haystackMatches(haystack, parseSearch('350 КРУЖКА')!)).toBe(true)
    expect(haystackMatches(haystack, parseSearch('кружка синяя')!)).toBe(false)
    // The separator keeps a query from matching across two fields.
    expect(haystackMatches(haystack, parseSearch('0007-1кружка')!)).toBe(false)
    expect(parseSearch('  - ')).toBeNull()
  })
})
