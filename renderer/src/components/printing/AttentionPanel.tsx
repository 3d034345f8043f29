// What printing needs from a person, first on the print screen:
// - "check the printer": the connection broke while a job was sent, or the station stopped — the label may be on
//   the roll. Never resent by itself: R reprints the first one ("nothing came out"), or the person says it printed;
// - failed jobs (nothing printed): retry;
// - auto-prints that stopped (no printer for a kind of label, Ozon refused a label): try again or dismiss.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttentionList } from '../../../../shared/contract/printing'
import type { PrintJob } from '../../../../shared/domain/printers'
import { useStation } from '../../api/StationContext'
import { isEditable } from '../../hooks/useScanner'
import { formatDateTime } from '../../format'
import { errorText } from '../settings/errors'
import { jobLabel } from './jobLabel'

export function AttentionPanel({ attention, onReprint, onChanged }: { attention: AttentionList; onReprint: (job: PrintJob) => void; onChanged: () => void }) {
  const { t, i18n } = useTranslation('printing')
  const station = useStation()
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const unknown = attention.jobs.filter((j) => j.state === 'unknown')
  const failed = attention.jobs.filter((j) => j.state === 'failed')
  const act = (run: () => Promise<unknown>, done?: string) => {
    setError(null)
    run().then(
      () => {
        if (done) setNote(done)
        onChanged()
      },
      (err: unknown) => setError(errorText(err, t)),
    )
  }
  const quickReprint = (job: PrintJob) =>
    act(() => station.call('printing.reprint', { jobId: job.id, reason: t('reprint.reasons.nothingCameOut') }), t('attention.reprinted', { title: jobLabel(job, t) }))

  // R: one key reprints the oldest job waiting for "check the printer".
  const first = useRef<PrintJob | null>(null)
  const quick = useRef(quickReprint)
  useEffect(() => {
    first.current = unknown.at(-1) ?? null
    quick.current = quickReprint
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'KeyR' || e.ctrlKey || e.altKey || e.metaKey || isEditable(e.target) || document.querySelector('[role="dialog"]')) return
      if (!first.current) return
      e.preventDefault()
      quick.current(first.current)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (attention.jobs.length === 0 && attention.autoPrints.length === 0) {
    return note ? (
      <p className="saved-note" role="status">
        {note}
      </p>
    ) : null
  }
  return (
    <section className="attention" aria-label={t('attention.title')} data-testid="attention">
      <h2>{t('attention.title')}</h2>
      {note && (
        <p className="saved-note" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <ul className="attention-list">
        {[...unknown].reverse().map((job, i) => (
          <li key={job.id} className="attention-item unknown" data-job={job.id}>
            <div className="attention-text">
              <strong>{t('attention.checkPrinter', { printer: job.printerName })}</strong>
              <span>{t('attention.unknownQuestion', { title: jobLabel(job, t), count: job.labelCount })}</span>
              <span className="muted small">
                {formatDateTime(job.createdAt, i18n.language)} · {job.error?.message}
              </span>
            </div>
            <div className="attention-actions">
              <button type="button" className="primary" onClick={() => quickReprint(job)} data-testid="quick-reprint">
                {t('attention.reprintNothing')} {i === 0 && <kbd>R</kbd>}
              </button>
              <button type="button" onClick={() => onReprint(job)}>
                {t('attention.reprintOther')}
              </button>
              <button type="button" onClick={() => act(() => station.call('printing.dismiss', { jobId: job.id, note: t('attention.itPrintedNote') }))} data-testid="it-printed">
                {t('attention.itPrinted')}
              </button>
            </div>
          </li>
        ))}
        {failed.map((job) => (
          <li key={job.id} className="attention-item failed" data-job={job.id}>
            <div className="attention-text">
              <strong>{t('attention.failed', { title: jobLabel(job, t), printer: job.printerName })}</strong>
              <span className="muted small">
                {formatDateTime(job.createdAt, i18n.language)} · {job.error?.message}
              </span>
            </div>
            <div className="attention-actions">
              <button type="button" className="primary" onClick={() => act(() => station.call('printing.retry', { jobId: job.id }))}>
                {t('attention.retry')}
              </button>
              <button type="button" onClick={() => onReprint(job)}>
                {t('attention.reprintOther')}
              </button>
              <button type="button" onClick={() => act(() => station.call('printing.dismiss', { jobId: job.id, note: t('attention.notNeededNote') }))}>
                {t('attention.notNeeded')}
              </button>
            </div>
          </li>
        ))}
        {attention.autoPrints.map((plan) => (
          <li key={plan.operationId} className="attention-item auto" data-operation={plan.operationId}>
            <div className="attention-text">
              <strong>{t('attention.autoPrint', { order: plan.orderNumber })}</strong>
              {plan.parts.filter((part) => part.problem || part.failed.length > 0).map((part) => (
                <span key={part.kind}>
                  {t(`purposes.${part.kind}`)}: {part.problem ?? part.failed.map((f) => `${f.postingNumber} — ${f.reason}`).join('; ')}
                </span>
              ))}
            </div>
            <div className="attention-actions">
              <button type="button" className="primary" onClick={() => act(() => station.call('printing.resumeAutoPrint', { operationId: plan.operationId }))}>
                {t('attention.tryAgain')}
              </button>
              <button type="button" onClick={() => act(() => station.call('printing.dismissAutoPrint', { operationId: plan.operationId, note: t('attention.notNeededNote') }))}>
                {t('attention.notNeeded')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
