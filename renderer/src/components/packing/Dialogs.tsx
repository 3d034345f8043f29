// The two questions the packing screen asks: "how many?" when part of a line moves, and "count by hand?" for an
// unreadable barcode. Both answer to Enter and Esc.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

export function QuantityDialog({ title, max, onConfirm, onCancel }: { title: string; max: number; onConfirm: (n: number) => void; onCancel: () => void }) {
  const { t } = useTranslation('packing')
  const [value, setValue] = useState('1')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  const n = Number(value)
  const valid = Number.isInteger(n) && n >= 1 && n <= max
  const submit = () => valid && onConfirm(n)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      submit()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      onCancel()
    }
  }
  return (
    <div className="packing-dialog-backdrop" onMouseDown={onCancel}>
      <div className="packing-dialog" role="dialog" aria-modal="true" aria-labelledby="qty-title" data-testid="quantity-dialog" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h2 id="qty-title">{title}</h2>
        <label className="packing-dialog-field">
          <input ref={input} type="number" inputMode="numeric" min={1} max={max} value={value} onChange={(e) => setValue(e.target.value)} data-testid="quantity-input" aria-invalid={!valid} />
          <span className="muted">{t('dialog.of', { max })}</span>
        </label>
        {!valid && <p className="packing-dialog-error">{t('dialog.range', { max })}</p>}
        <div className="packing-dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('dialog.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="primary" onClick={submit} disabled={!valid} data-testid="quantity-confirm">
            {t('dialog.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  )
}

export function ConfirmDialog({ title, text, confirm, onConfirm, onCancel }: { title: string; text: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation('packing')
  const ok = useRef<HTMLButtonElement>(null)
  useEffect(() => ok.current?.focus(), [])
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      onCancel()
    }
  }
  return (
    <div className="packing-dialog-backdrop" onMouseDown={onCancel}>
      <div className="packing-dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKeyDown}>
        <h2 id="confirm-title">{title}</h2>
        <p>{text}</p>
        <div className="packing-dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('dialog.cancel')} <kbd>Esc</kbd>
          </button>
          <button ref={ok} type="button" className="primary" onClick={onConfirm} data-testid="confirm-ok">
            {confirm} <kbd>Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  )
}
