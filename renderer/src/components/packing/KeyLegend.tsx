// The keys of the packing screen, always on show: a packer learns them by looking, not by reading a manual.
import { useTranslation } from 'react-i18next'

const KEYS: [string, string][] = [
  ['↑ ↓ ← →', 'keys.arrows'],
  ['1–9', 'keys.digit'],
  ['Shift+1–9', 'keys.shiftDigit'],
  ['N', 'keys.n'],
  ['+', 'keys.plus'],
  ['T', 'keys.typeCode'],
  ['Ctrl+Enter', 'keys.ship'],
  ['Esc', 'keys.esc'],
]

export function KeyLegend() {
  const { t } = useTranslation('packing')
  return (
    <ul className="packing-keys" aria-label={t('keys.title')}>
      {KEYS.map(([k, label]) => (
        <li key={k}>
          <kbd>{k}</kbd> {t(label)}
        </li>
      ))}
    </ul>
  )
}
