// How the inbox's search box compares text: the packer types "кружка 350", "КРУЖКА", "ёлка" or half a posting
// number with or without its dashes, and expects to find the posting.

/**
 * One canonical form for both the indexed fields and the typed query: Unicode NFKC (full-width "（" from
 * Chinese offer ids becomes "("), lower case (Cyrillic included), ё → е, and no whitespace or dashes, so
 * "41257303 0007" and "412573030007" both find "41257303-0007-1".
 */
export function normalizeForSearch(text: string): string {
  // NFKC is the slow step; plain Latin and precomposed Cyrillic text is already in that form.
  const composed = NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text
  const lower = composed.toLowerCase()
  return (lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower).replace(/[\s\-‐‑‒–—―]+/g, '')
}

/**
 * Anything beyond printable ASCII, whitespace, the field separator and Cyrillic — or a Cyrillic combining
 * mark (U+0483–U+0489). Decomposed "й"/"ё" carry U+0306/U+0308, outside these ranges, so they get NFKC too.
 */
// eslint-disable-next-line no-control-regex -- U+0001 is the field separator inside indexed text
const NEEDS_NFKC = /[^\s\u0001\u0020-\u007e\u0400-\u0482\u048a-\u04ff]/

/** Separates fields in an indexed haystack so a query cannot match across two fields. */
export const FIELD_SEPARATOR = '\u0001'

/** The parts of a query a haystack is tested against. */
export interface SearchNeedle {
  /** Each whitespace-separated word, normalised; all must occur (in any field). */
  words: readonly string[]
  /** The whole query with its spaces removed: "4125 7303" still finds "41257303". */
  compact: string
}

/** null when the query has nothing to search for (empty or only spaces and dashes). */
export function parseSearch(query: string): SearchNeedle | null {
  const words = query.split(/\s+/).map(normalizeForSearch).filter((w) => w.length > 0)
  if (words.length === 0) return null
  return { words, compact: words.join('') }
}

export function haystackMatches(haystack: string, needle: SearchNeedle): boolean {
  if (haystack.includes(needle.compact)) return true
  if (needle.words.length === 1) return false
  for (const w of needle.words) if (!haystack.includes(w)) return false
  return true
}
