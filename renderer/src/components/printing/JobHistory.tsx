// The print history: every job with its time, printer, postings and result, newest first, kept up to date as the
// queue reports. Arrow keys pick a job; Enter or P shows the exact dots it prints; Shift+R asks to reprint it.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintJob } from '../../../../shared/domain/printers'
import { useStation, useStationEvent } from '../../api/StationContext'
import { formatDateTime } from '../../format'
import { isEditable } from '../../hooks/useScanner'
import { errorText } from '../settings/errors'
import { Dialog } from '../settings/Dialog'
import { jobLabel } from './jobLabel'

export function useHistory(postingNumber: string) {
  const station = useStation()
  const [jobs, setJobs] = useState<PrintJob[] | null>(null)
  const [resolved, setResolved] = useState<Record<string, { how: 'dismissed' | 'reprinted' }>>({})
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let live = true
    station.call('printing.history', { postingNumber: postingNumber || undefined, limit: 200 }).then(
      (r) => {
        if (!live) return
        setJobs(r.jobs)
        setResolved(r.resolved)
      },
      () => live && setJobs([]),
    )
    return () => {
      live = false
    }
  }, [station, postingNumber, version])
  // A job we show changes in place; a new job makes us ask again (the search decides whether it belongs).
  const shown = useRef<PrintJob[] | null>(null)
  useEffect(() => {
    shown.current = jobs
  })
  useStationEvent('printing.jobChanged', ({ job }) => {
    if (shown.current?.some((j) => j.id === job.id)) setJobs((list) => list && list.map((j) => (j.id === job.id ? job : j)))
    else setVersion((v) => v + 1)
  })
  return { jobs, resolved }
}

export function JobHistory({ onReprint }: { onReprint: (job: PrintJob) => void }) {
  const { t, i18n } = useTranslation('printing')
  const [search, setSearch] = useState('')
  const { jobs, resolved } = useHistory(search.trim())
  const [selected, setSelected] = useState(0)
  const [preview, setPreview] = useState<PrintJob | null>(null)
  const rows = useRef<HTMLTableSectionElement>(null)
  const current = jobs?.[Math.min(selected, (jobs?.length ?? 1) - 1)] ?? null

  const latest = useRef({ current, onReprint, count: jobs?.length ?? 0 })
  useEffect(() => {
    latest.current = { current, onReprint, count: jobs?.length ?? 0 }
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isEditable(e.target) || document.querySelector('[role="dialog"]')) return
      const { current: job, count } = latest.current
      if (e.code === 'ArrowDown' || e.code === 'ArrowUp') {
        e.preventDefault()
        setSelected((s) => Math.max(0, Math.min(count - 1, s + (e.code === 'ArrowDown' ? 1 : -1))))
      } else if (job && (e.code === 'KeyP' || e.code === 'Enter')) {
        e.preventDefault()
        setPreview(job)
      } else if (job && e.code === 'KeyR' && e.shiftKey) {
        e.preventDefault()
        latest.current.onReprint(job)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => {
    rows.current?.querySelector('tr.selected')?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  return (
    <section className="job-history" aria-label={t('history.title')}>
      <div className="toolbar">
        <h2>{t('history.title')}</h2>
        <label className="inline-form">
          {t('history.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('history.searchPlaceholder')} data-testid="history-search" />
        </label>
        <span className="muted small">{t('history.keys')}</span>
      </div>
      {jobs && jobs.length === 0 ? (
        <p className="empty">{search ? t('history.noneFor', { postingNumber: search }) : t('history.none')}</p>
      ) : (
        <table className="postings jobs" data-testid="job-history">
          <thead>
            <tr>
              <th>{t('history.time')}</th>
              <th>{t('history.printer')}</th>
              <th>{t('history.what')}</th>
              <th>{t('history.postings')}</th>
              <th>{t('history.result')}</th>
              <th>
                <span className="visually-hidden">{t('history.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody ref={rows}>
            {jobs?.map((job, i) => (
              <tr key={job.id} className={job === current ? 'selected' : ''} onClick={() => setSelected(i)} data-job={job.id} data-state={job.state}>
                <td className="nowrap">{formatDateTime(job.createdAt, i18n.language)}</td>
                <td>{job.printerName}</td>
                <td>
                  {t(`kinds.${job.kind}`)} · {t('history.labels', { count: job.labelCount })}
                  {job.reprintOf && <div className="muted small">{t('history.reprint', { reason: job.reason ?? '' })}</div>}
                </td>
                <td>
                  <div className="postings-cell">{job.postingNumbers.length === 0 ? '—' : job.postingNumbers.map((n) => <span key={n} className="mono">{n}</span>)}</div>
                </td>
                <td>
                  <span className={`pill job-${job.state}${resolved[job.id] ? ' resolved' : ''}`}>{t(`jobState.${job.state}`)}</span>
                  {resolved[job.id] && <div className="small resolved-note">{t(`history.resolved_${resolved[job.id]!.how}`)}</div>}
                  {job.error && job.state !== 'sent' && <div className="muted small">{job.error.message}</div>}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => setPreview(job)}>
                    {t('history.preview')}
                  </button>
                  <button type="button" onClick={() => onReprint(job)} data-testid="reprint">
                    {t('history.reprintButton')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && <JobPreview job={preview} onClose={() => setPreview(null)} />}
    </section>
  )
}

/** The exact dots the job's printer prints (or, for system printers, a note that they draw the PDF). */
function JobPreview({ job, onClose }: { job: PrintJob; onClose: () => void }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const [pngs, setPngs] = useState<string[] | null | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    station.call('printing.preview', { jobId: job.id }).then(
      (r) => setPngs(r.pngs),
      (err: unknown) => setError(errorText(err, t)),
    )
  }, [station, job.id, t])
  return (
    <Dialog title={t('preview.title', { title: jobLabel(job, t) })} onClose={onClose} testId="job-preview">
      {error && <p className="field-error">{error}</p>}
      {pngs === undefined && !error && <p className="muted">{t('preview.loading')}</p>}
      {pngs === null && <p>{t('preview.systemPrinter')}</p>}
      <div className="preview-strip">
        {pngs?.map((b64, i) => <img key={i} src={`data:image/png;base64,${b64}`} alt={t('preview.label', { n: i + 1 })} />)}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('preview.close')}
        </button>
      </div>
    </Dialog>
  )
}
