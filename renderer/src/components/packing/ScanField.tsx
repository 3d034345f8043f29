// The scan field: where focus lives on the packing screen. Scanner bursts are caught anywhere by useScanner;
// this field shows what was scanned last and, on T, opens a text box to type a code by hand.
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

export interface ScanFieldHandle {
  focus(): void
  startTyping(): void
}

export const ScanField = forwardRef<ScanFieldHandle, { lastCode: string | null; onSubmit: (code: string) => void; disabled?: boolean }>(function ScanField(
  { lastCode, onSubmit, disabled },
  ref,
) {
  const { t } = useTranslation('packing')
  const target = useRef<HTMLDivElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const [typing, setTyping] = useState(false)
  const [text, setText] = useState('')

  useImperativeHandle(ref, () => ({
    focus: () => {
      if (!typing) target.current?.focus({ preventScroll: true })
    },
    startTyping: () => {
      setTyping(true)
      requestAnimationFrame(() => input.current?.focus())
    },
  }))

  const finish = () => {
    setTyping(false)
    setText('')
    requestAnimationFrame(() => target.current?.focus({ preventScroll: true }))
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault()
      const code = text.trim()
      finish()
      if (code) onSubmit(code)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      finish()
    }
  }

  return (
    <div className={`scan-field${disabled ? ' disabled' : ''}`}>
      {typing ? (
        <label className="scan-typing">
          <span className="scan-label">{t('scan.typeLabel')}</span>
          <input ref={input} data-testid="scan-typed" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} onBlur={() => !text && setTyping(false)} autoComplete="off" spellCheck={false} />
        </label>
      ) : (
        <div ref={target} className="scan-target" tabIndex={0} role="textbox" aria-readonly="true" aria-label={t('scan.placeholder')} data-testid="scan-field">
          <span className="scan-icon" aria-hidden>
            ▮▯▮▮▯▮
          </span>
          {lastCode ? <span className="scan-last mono">{lastCode}</span> : <span className="scan-placeholder">{t('scan.placeholder')}</span>}
          <span className="scan-hint">
            <kbd>T</kbd> {t('scan.typeHint')}
          </span>
        </div>
      )}
    </div>
  )
})
