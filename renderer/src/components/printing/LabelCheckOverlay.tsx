// The label check (a bench setting): after a package set's labels are printed, this panel asks the packer to scan
// each label just printed. The right label is confirmed with a beep; any other code is a loud mismatch (error
// sound + red banner) and the check stays until every label is confirmed or a person skips it with a reason.
//
// While a check waits, the scanner belongs to it: a key listener installed when this module loads — before any
// screen's scanner hook — takes every key press away from the screens (so a scanned label cannot open a posting
// on the packing screen), decodes it by key position like the scanner hook does, and sends the code on Enter.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LabelCheck, LabelScanResult } from '../../../../shared/contract/printing'
import { useStation } from '../../api/StationContext'
import { decodeKey, isEditable } from '../../hooks/useScanner'
import { playSound } from '../../sound'
import { errorText } from '../settings/errors'
import { useLabelCheck } from './hooks'

/** Returns true when it took the key press (the screens then never see it). */
type KeySink = (e: KeyboardEvent) => boolean
let sink: KeySink | null = null
const INSTALLED = Symbol.for('station.labelCheck.keys')

function install(): void {
  const w = globalThis as typeof globalThis & { [INSTALLED]?: boolean }
  if (typeof window === 'undefined' || w[INSTALLED]) return
  w[INSTALLED] = true
  window.addEventListener(
    'keydown',
    (e) => {
      if (sink?.(e)) e.stopImmediatePropagation()
    },
    true,
  )
}
install()

type Verdict = { tone: 'ok' | 'info' | 'error'; text: string; detail?: string }

export function LabelCheckOverlay() {
  const { t } = useTranslation('printing')
  const state = useLabelCheck()
  const check = state?.check ?? null
  const [done, setDone] = useState(false)
  useEffect(() => {
    if (!done) return
    const timer = setTimeout(() => setDone(false), 3000)
    return () => clearTimeout(timer)
  }, [done])

  if (!check) {
    return done ? (
      <div className="label-check-done" role="status" data-testid="label-check-done">
        ✓ {t('check.allDone')}
      </div>
    ) : null
  }
  // A new check starts with a clean panel (its own state), keyed by the job.
  return <CheckPanel key={check.id} check={check} waiting={state?.waiting ?? 1} onPassed={() => setDone(true)} />
}

function CheckPanel({ check, waiting, onPassed }: { check: LabelCheck; waiting: number; onPassed: () => void }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const [typed, setTyped] = useState('')
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [skipping, setSkipping] = useState(false)
  const [reason, setReason] = useState('')
  const panel = useRef<HTMLDivElement>(null)

  const submit = (code: string) => {
    station.call('printing.checkLabel', { code }).then(
      (r: LabelScanResult) => {
        if (r.verdict === 'mismatch') {
          playSound('error')
          const expected = check.labels.filter((l) => !l.confirmed).map((l) => l.postingNumber).join(', ')
          setVerdict({
            tone: 'error',
            text: r.postingNumber ? t('check.wrongOther', { postingNumber: r.postingNumber }) : t('check.wrongUnknown', { code: r.code }),
            detail: t(check.kind === 'ozon-label' ? 'check.expectedOzon' : 'check.expectedBag', { postingNumbers: expected }),
          })
          return
        }
        playSound('ok')
        if (!r.state.check || r.state.check.id !== check.id) {
          onPassed()
          return
        }
        setVerdict({ tone: r.verdict === 'match' ? 'ok' : 'info', text: t(r.verdict === 'match' ? 'check.confirmed' : 'check.again', { postingNumber: r.postingNumber ?? '' }) })
      },
      (err: unknown) => {
        playSound('error')
        setVerdict({ tone: 'error', text: errorText(err, t) })
      },
    )
  }
  const submitRef = useRef(submit)
  useLayoutEffect(() => {
    submitRef.current = submit
  })

  // Layout effect: the panel owns the keys from the moment it is on screen — a scan fired right as it appears
  // (a fast packer, or a test) must not slip past it to the screens.
  useLayoutEffect(() => {
    if (skipping) return
    let buffer = ''
    sink = (e) => {
      const target = e.target as HTMLElement | null
      const inPanel = !!target && !!panel.current?.contains(target)
      // The panel's own button keeps Enter, Space and Tab.
      if (inPanel && target!.tagName === 'BUTTON' && ['Enter', 'NumpadEnter', 'Space', 'Tab'].includes(e.code)) return false
      if (inPanel && isEditable(target)) return false
      if (e.code === 'Enter' || e.code === 'NumpadEnter' || e.key === 'Enter') {
        e.preventDefault()
        const code = buffer.trim()
        buffer = ''
        setTyped('')
        if (code) submitRef.current(code)
        return true
      }
      if (e.key === 'Backspace') {
        e.preventDefault()
        buffer = buffer.slice(0, -1)
        setTyped(buffer)
        return true
      }
      const char = decodeKey({ code: e.code, key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey })
      if (char && char !== '\x1d') {
        e.preventDefault()
        buffer += char
        setTyped(buffer)
      }
      // Any other key (F-keys, arrows…) is held back from the screens too; Tab still moves the focus.
      return true
    }
    return () => {
      sink = null
    }
  }, [skipping])

  const skip = async (e: FormEvent) => {
    e.preventDefault()
    if (!reason.trim()) return
    try {
      await station.call('printing.skipLabelCheck', { reason: reason.trim() })
    } catch (err) {
      setVerdict({ tone: 'error', text: errorText(err, t) })
    }
  }

  return (
    <div className="label-check" role="dialog" aria-label={t('check.title')} ref={panel} data-testid="label-check" data-kind={check.kind}>
      <div className="label-check-head">
        <h2>{t(check.kind === 'ozon-label' ? 'check.titleOzon' : 'check.titleBag')}</h2>
        <span className="muted">{t('check.where', { printer: check.printerName, order: check.orderNumber })}</span>
        {waiting > 1 && <span className="chip">{t('check.more', { count: waiting - 1 })}</span>}
      </div>
      <ul className="label-check-list">
        {check.labels.map((l) => (
          <li key={l.postingNumber} className={l.confirmed ? 'confirmed' : ''} data-confirmed={l.confirmed}>
            <span className="mark" aria-hidden="true">
              {l.confirmed ? '✓' : '○'}
            </span>
            <span className="mono">{l.postingNumber}</span>
            <span className="muted">{t('check.package', { index: l.packageIndex, count: l.packageCount })}</span>
          </li>
        ))}
      </ul>
      <div className="label-check-scan" aria-live="polite">
        <span className="scan-icon" aria-hidden="true">
          ▮▯▮
        </span>
        {typed ? <span className="mono">{typed}</span> : <span className="muted">{t('check.scanPrompt')}</span>}
      </div>
      {verdict && (
        <div className={`label-check-verdict tone-${verdict.tone}`} role={verdict.tone === 'error' ? 'alert' : 'status'} data-testid="label-check-verdict" data-tone={verdict.tone}>
          <div>{verdict.text}</div>
          {verdict.detail && <div className="detail">{verdict.detail}</div>}
        </div>
      )}
      {skipping ? (
        <form className="inline-form" onSubmit={(e) => void skip(e)}>
          <label>
            {t('check.skipReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={300} data-testid="skip-reason" />
          </label>
          <button type="submit" className="danger" disabled={!reason.trim()}>
            {t('check.skipConfirm')}
          </button>
          <button type="button" onClick={() => setSkipping(false)}>
            {t('form.cancel')}
          </button>
        </form>
      ) : (
        <div className="form-actions">
          <button type="button" onClick={() => setSkipping(true)} data-testid="skip-check">
            {t('check.skip')}
          </button>
        </div>
      )}
    </div>
  )
}
