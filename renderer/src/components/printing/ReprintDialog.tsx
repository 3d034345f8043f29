// Reprint a job's labels: the person says why (kept with the new job and in the audit log) and may send them to
// another printer (the original one is broken).
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintJob } from '../../../../shared/domain/printers'
import { useStation } from '../../api/StationContext'
import { Dialog } from '../settings/Dialog'
import { errorText } from '../settings/errors'
import { usePrinters } from './hooks'
import { jobLabel } from './jobLabel'

export const REPRINT_REASONS = ['nothingCameOut', 'torn', 'jammed', 'other'] as const

export function ReprintDialog({ job, onClose, onDone }: { job: PrintJob; onClose: () => void; onDone?: (job: PrintJob) => void }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const printers = usePrinters()
  const [choice, setChoice] = useState<(typeof REPRINT_REASONS)[number]>(job.state === 'unknown' ? 'nothingCameOut' : 'torn')
  const [other, setOther] = useState('')
  const [printerId, setPrinterId] = useState(job.printerId)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const reason = choice === 'other' ? other.trim() : t(`reprint.reasons.${choice}`)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!reason) {
      setError(t('reprint.reasonNeeded'))
      return
    }
    setBusy(true)
    try {
      const next = await station.call('printing.reprint', { jobId: job.id, reason, printerId: printerId === job.printerId ? undefined : printerId })
      onDone?.(next)
      onClose()
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  const list = printers.data?.printers ?? []
  return (
    <Dialog title={t('reprint.title', { title: jobLabel(job, t) })} onClose={onClose} testId="reprint-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <fieldset className="choice-group">
          <legend>{t('reprint.why')}</legend>
          <div className="reason-choices">
            {REPRINT_REASONS.map((r) => (
              <label key={r} className="check">
                <input type="radio" name="reprint-reason" checked={choice === r} onChange={() => setChoice(r)} autoFocus={choice === r} /> {t(`reprint.reasons.${r}`)}
              </label>
            ))}
          </div>
          {choice === 'other' && (
            <input className="wide-input" value={other} onChange={(e) => setOther(e.target.value)} maxLength={300} placeholder={t('reprint.otherPlaceholder')} autoFocus aria-label={t('reprint.reasons.other')} />
          )}
        </fieldset>
        {list.length > 1 && (
          <div className="field narrow">
            <label htmlFor="reprint-printer">{t('reprint.printer')}</label>
            <select id="reprint-printer" value={printerId} onChange={(e) => setPrinterId(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary big" disabled={busy} data-testid="confirm-reprint">
            {t('reprint.confirm', { count: job.labelCount })}
          </button>
          <button type="button" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
