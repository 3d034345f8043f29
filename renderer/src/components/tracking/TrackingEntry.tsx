// The selected package's tracking number: scan the carrier's barcode (or type it and press Enter). The number is
// checked as it is typed (carrier format, duplicates); replacing a number Ozon has needs a reason; the answer —
// accepted, waiting for Ozon, or Ozon's refusal — is a banner and a sound.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrackingCheckResult, TrackingRow } from '../../../../shared/contract/tracking'
import { useStation } from '../../api/StationContext'
import { playSound } from '../../sound'
import { StateBadge } from './StateBadge'
import { errorText } from '../settings/errors'
import { blockText, problemText } from './words'

export interface TrackingEntryHandle {
  focus(): void
  /** A carrier barcode scanned while this package is selected. */
  submit(code: string): void
}

export interface EntryBanner {
  tone: 'ok' | 'error' | 'info'
  text: string
}

interface Props {
  row: TrackingRow
  onSaved: (row: TrackingRow) => void
  onBanner: (banner: EntryBanner) => void
}

export const TrackingEntry = forwardRef<TrackingEntryHandle, Props>(function TrackingEntry({ row, onSaved, onBanner }, ref) {
  const { t } = useTranslation('tracking')
  const station = useStation()
  const input = useRef<HTMLInputElement>(null)
  const reasonInput = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState('')
  const [reason, setReason] = useState('')
  const [check, setCheck] = useState<TrackingCheckResult | null>(null)
  const [busy, setBusy] = useState(false)

  // A new package: start empty.
  useEffect(() => {
    setValue('')
    setReason('')
    setCheck(null)
  }, [row.accountId, row.postingNumber])

  // Live check while typing (debounced): the packer sees a wrong format before pressing Enter.
  useEffect(() => {
    if (value.trim() === '') {
      setCheck(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      station.call('tracking.check', { postingNumber: row.postingNumber, accountId: row.accountId, trackingNumber: value }).then(
        (c) => live && setCheck(c),
        () => undefined,
      )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [station, value, row.postingNumber, row.accountId])

  const save = async (number: string, why: string) => {
    if (busy || number.trim() === '') return
    setBusy(true)
    try {
      const { results } = await station.call('tracking.set', { entries: [{ postingNumber: row.postingNumber, accountId: row.accountId, trackingNumber: number, reason: why || undefined }] })
      const r = results[0]!
      if (!r.ok) {
        playSound('error')
        setValue(r.check.value)
        setCheck(r.check)
        onBanner({ tone: 'error', text: problemText(t, r.check) })
        if (r.check.problem === 'reason_required') requestAnimationFrame(() => reasonInput.current?.focus())
        return
      }
      const saved = r.row ?? row
      if (saved.state === 'accepted') {
        playSound('ok')
        onBanner({ tone: 'ok', text: t('saved.accepted', { postingNumber: saved.postingNumber, trackingNumber: saved.trackingNumber }) })
      } else if (saved.state === 'waiting') {
        playSound('ok')
        onBanner({ tone: 'info', text: t('saved.waiting', { postingNumber: saved.postingNumber, trackingNumber: saved.trackingNumber }) })
      } else {
        playSound('error')
        onBanner({ tone: 'error', text: `${saved.postingNumber}: ${blockText(t, saved)}` })
      }
      setValue('')
      setReason('')
      setCheck(null)
      onSaved(saved)
    } catch (err) {
      playSound('error')
      onBanner({ tone: 'error', text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }

  useImperativeHandle(ref, () => ({
    focus: () => input.current?.focus(),
    submit: (code) => {
      setValue(code)
      void save(code, reason)
    },
  }))

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      void save(value, reason)
    }
  }

  const needsReason = check?.needsReason || check?.problem === 'reason_required'
  return (
    <section className="tracking-entry" aria-label={t('entry.title')} data-testid="tracking-entry">
      <div className="tracking-entry-head">
        <span className="tracking-entry-posting mono">{row.postingNumber}</span>
        <StateBadge row={row} />
        <span className="tracking-entry-carrier">{row.carrier.name}</span>
      </div>
      {row.trackingNumber && (
        <p className="tracking-entry-current">
          {t('entry.current')} <strong className="mono">{row.trackingNumber}</strong>
        </p>
      )}
      {row.state === 'rejected' && <p className="tracking-entry-reason">{blockText(t, row)}</p>}
      <label className="tracking-field">
        <span>{t('entry.number', { rule: row.rule.label, example: row.rule.example })}</span>
        <input
          ref={input}
          className="mono"
          data-testid="tracking-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          placeholder={row.rule.example}
        />
      </label>
      {check && !check.ok && check.problem !== 'reason_required' && <p className="tracking-problem" role="alert">{problemText(t, check)}</p>}
      {check?.ok && <p className="tracking-good">{t('entry.looksRight', { value: check.value })}</p>}
      {needsReason && (
        <label className="tracking-field">
          <span>{t('entry.reason', { from: row.trackingNumber })}</span>
          <input ref={reasonInput} data-testid="tracking-reason" value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={onKeyDown} />
        </label>
      )}
      <div className="tracking-entry-actions">
        <button className="primary" onClick={() => void save(value, reason)} disabled={busy || value.trim() === ''} data-testid="tracking-save">
          {t('entry.save')} <kbd>Enter</kbd>
        </button>
        {row.state === 'rejected' && (
          <button onClick={() => void station.call('tracking.retry', { postingNumbers: [row.postingNumber] }).then(() => onSaved(row))} disabled={busy}>
            {t('entry.retry')} <kbd>R</kbd>
          </button>
        )}
      </div>
      {row.history.length > 0 && (
        <details className="tracking-history">
          <summary>{t('entry.history', { count: row.history.length })}</summary>
          <ul>
            {row.history.map((h, i) => (
              <li key={i}>
                {t(`change.${h.kind}`, { from: h.from || '—', to: h.to, operator: h.operator || '—' })}
                {h.reason && <em> — {h.reason}</em>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
})
