// The packing screen's keyboard: every action has a key, so a packer never needs the mouse.
import type { KeyPress } from '../../hooks/useScanner'

export type PackingCommand =
  | { type: 'select'; dir: 'up' | 'down' | 'left' | 'right' }
  /** Move the selected line (or part of it) to package N (1-based); N = count + 1 makes a new package. */
  | { type: 'moveTo'; package: number }
  /** Scans go into package N (1-based), or null: verify units where they lie. */
  | { type: 'activate'; package: number | null }
  | { type: 'newPackage' }
  | { type: 'manual' }
  | { type: 'ship' }
  | { type: 'back' }
  | { type: 'typeCode' }

/**
 * "Package the order": Ctrl+Enter (shown on the button). Function keys are left to the navigation bar, where
 * every screen has one.
 */
export const SHIP_KEYS = ['Ctrl+Enter']

export function commandFor(k: KeyPress): PackingCommand | null {
  if (k.ctrl && !k.alt && (k.code === 'Enter' || k.code === 'NumpadEnter')) return { type: 'ship' }
  // Keys typed into a text field (a code by hand, a dialog's number) belong to the field; Esc closes it.
  if (k.editable) return null
  if (k.code === 'Escape') return { type: 'back' }
  if (k.alt || k.meta || (k.ctrl && k.code !== 'Enter')) return null
  switch (k.code) {
    case 'ArrowUp':
      return { type: 'select', dir: 'up' }
    case 'ArrowDown':
      return { type: 'select', dir: 'down' }
    case 'ArrowLeft':
      return { type: 'select', dir: 'left' }
    case 'ArrowRight':
      return { type: 'select', dir: 'right' }
    case 'KeyN':
      return { type: 'newPackage' }
    case 'KeyT':
      return { type: 'typeCode' }
    case 'NumpadAdd':
      return { type: 'manual' }
  }
  if (k.char === '+') return { type: 'manual' }
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(k.code)
  if (digit) {
    const n = Number(digit[1])
    if (k.shift) return { type: 'activate', package: n === 0 ? null : n }
    if (n >= 1) return { type: 'moveTo', package: n }
  }
  return null
}
