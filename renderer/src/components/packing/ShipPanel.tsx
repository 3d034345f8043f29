// "Package the order": the one button (Ctrl+Enter), and right next to it everything that still stands in
// the way — the same checks the core repeats when the button is pressed.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PackingSession } from '../../../../shared/contract/packing'
import { SHIP_KEYS } from './keys'

interface Props {
  session: PackingSession
  working: boolean
  onShip(): void
  onBoxes(n: number | null): void
  onRemoveMark(sku: number, code: string): void
  onReset(): void
}

export function ShipPanel({ session, working, onShip, onBoxes, onRemoveMark, onReset }: Props) {
  const { t } = useTranslation('packing')
  const { errors, warnings } = session.check
  const blocked = errors.length > 0 || working || session.state === 'shipping'
  const marks = session.marks
  return (
    <section className="ship-panel" data-testid="ship-panel">
      <div className="ship-checks">
        {errors.length === 0 && warnings.length === 0 && session.state === 'draft' && <p className="check-ok">{t('ship.ready')}</p>}
        {errors.length > 0 && (
          <ul className="violations" data-testid="violations">
            {errors.map((v, i) => (
              <li key={i} className="violation error">
                {t(`violations.${v.code}`, { ...v.params, defaultValue: v.message })}
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 && (
          <ul className="violations">
            {warnings.map((v, i) => (
              <li key={i} className="violation warning">
                {t(`violations.${v.code}`, { ...v.params, defaultValue: v.message })}
              </li>
            ))}
          </ul>
        )}
        {marks.status !== 'not_needed' && (
          <div className={`marks-status marks-${marks.status}`} data-testid="marks-status">
            {t(`marks.status.${marks.status}`, { message: marks.message ?? '' })}
            {marks.rejected.map((r) => (
              <div key={r.code} className="mark-rejected">
                <span className="mono">{r.code.split('\x1d').join('␝')}</span> — {r.errors.join(', ')}
                <button type="button" onClick={() => onRemoveMark(r.sku, r.code)}>
                  {t('marks.remove')}
                </button>
              </div>
            ))}
          </div>
        )}
        {session.posting.isMultibox && <BoxCount value={session.plan.multiBoxQty} onChange={onBoxes} />}
      </div>
      <div className="ship-actions">
        <button type="button" className="ship-button primary" onClick={onShip} disabled={blocked} data-testid="ship-button" aria-keyshortcuts="Control+Enter">
          {working || session.state === 'shipping' ? t('ship.working') : t('actions.package')}
          <span className="ship-keys">
            {SHIP_KEYS.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </span>
        </button>
        <button type="button" className="link-button" onClick={onReset} disabled={working || session.state === 'shipping'}>
          {t('actions.reset')}
        </button>
      </div>
    </section>
  )
}

function BoxCount({ value, onChange }: { value: number | null; onChange: (n: number | null) => void }) {
  const { t } = useTranslation('packing')
  const [text, setText] = useState(value === null ? '' : String(value))
  const save = () => {
    const n = Number(text)
    onChange(text.trim() === '' ? null : Number.isInteger(n) && n >= 1 ? n : null)
  }
  return (
    <label className="box-count">
      {t('multibox.label')}
      <input type="number" min={1} max={1000} value={text} onChange={(e) => setText(e.target.value)} onBlur={save} onKeyDown={(e) => e.key === 'Enter' && save()} data-testid="box-count" />
    </label>
  )
}
