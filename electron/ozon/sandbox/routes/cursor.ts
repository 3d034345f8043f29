// Opaque base64 cursors, like Ozon's. Reference lists page by position; posting lists page by key
// (the last posting's sort key), so postings arriving between two pages are neither skipped nor repeated.
import { invalid } from '../api-error'

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64')
}

export function decodeCursor(cursor: string, message: string): number {
  if (!cursor) return 0
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { o?: unknown }
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0) return v.o
  } catch {
    // fall through
  }
  throw invalid(message, 'Cursor', 'invalid cursor')
}

export interface KeyCursor {
  /** Sort value of the last posting on the previous page. */
  k: string
  /** Its posting number (tie-breaker). */
  n: string
}

export function encodeKeyCursor(c: KeyCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64')
}

export function decodeKeyCursor(cursor: string, message: string): KeyCursor | null {
  if (!cursor) return null
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Partial<KeyCursor>
    if (typeof v.k === 'string' && typeof v.n === 'string') return { k: v.k, n: v.n }
  } catch {
    // fall through
  }
  throw invalid(message, 'Cursor', 'invalid cursor')
}
