// "Print a test label": a label naming the printer, the bench and the time, with a barcode — and then what became
// of it (sent, or why not), followed live as the print queue reports.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrintJob, Printer } from '../../../../shared/domain/printers'
import { useStation, useStationEvent } from '../../api/StationContext'
import { errorText } from '../settings/errors'
import { usePrinters } from './hooks'

/**
 * The latest state of one job. The queue may report the job (even as sent) before the call that made it returns,
 * so every job change heard here is kept and the newest word on the job wins.
 */
export function useJob(initial: PrintJob | null): PrintJob | null {
  const [heard, setHeard] = useState<Record<string, PrintJob>>({})
  useStationEvent('printing.jobChanged', (p) => setHeard((h) => ({ ...h, [p.job.id]: p.job })))
  if (!initial) return null
  const later = heard[initial.id]
  return later && later.updatedAt >= initial.updatedAt ? later : initial
}

export function JobOutcome({ job }: { job: PrintJob }) {
  const { t } = useTranslation('printing')
  const tone = job.state === 'sent' ? 'ok' : job.state === 'failed' || job.state === 'unknown' ? 'error' : 'info'
  return (
    <p className={`job-outcome tone-${tone}`} role="status" data-testid="job-outcome" data-state={job.state}>
      {t(`jobState.${job.state}`)}
      {job.error && job.state !== 'sent' ? ` — ${job.error.message}` : ''}
    </p>
  )
}

export function TestPrintButton({ printer }: { printer: Printer }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const [made, setMade] = useState<PrintJob | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const job = useJob(made)
  const print = async () => {
    setBusy(true)
    setError(null)
    try {
      setMade((await station.call('printing.testPrint', { printerId: printer.id })).job)
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="test-print">
      <button type="button" onClick={() => void print()} disabled={busy} data-testid={`test-print-${printer.id}`}>
        {t('test.button')}
      </button>
      {job && <JobOutcome job={job} />}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}

/** The test-label step (settings and first run): pick a printer, print, see the result. */
export function TestPrintPanel({ testId = 'test-label-panel' }: { testId?: string }) {
  const { t } = useTranslation('printing')
  const printers = usePrinters()
  const [chosen, setChosen] = useState<string | null>(null)
  const list = printers.data?.printers ?? []
  const current = list.find((p) => p.id === chosen) ?? list.find((p) => p.id === printers.data?.assignments['bag-label']) ?? list[0]
  return (
    <div className="test-print-panel" data-testid={testId}>
      <p className="lead">{t('test.intro')}</p>
      {list.length === 0 && printers.data && <p className="notice">{t('test.noPrinter')}</p>}
      {current && (
        <div className="inline-form">
          <label>
            {t('test.printer')}
            <select value={current.id} onChange={(e) => setChosen(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <TestPrintButton key={current.id} printer={current} />
        </div>
      )}
      {current?.driver === 'folder' && <p className="muted">{t('list.folderWhere', { folder: current.connection })}</p>}
    </div>
  )
}
