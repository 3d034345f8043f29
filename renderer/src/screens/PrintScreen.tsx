// The print screen: the printers and how they are, what needs a person ("check the printer" with a one-key
// reprint, failed jobs, stopped auto-prints), the labels still waiting for Ozon, labels of any postings printed
// on demand (scan or type the numbers), and the history of every job with reprint and the exact dots it prints.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { partState } from '../../../shared/domain/auto-print'
import type { PrintJob } from '../../../shared/domain/printers'
import { useStationEvent } from '../api/StationContext'
import { useStationQuery } from '../hooks/useStationQuery'
import { AttentionPanel } from '../components/printing/AttentionPanel'
import { useAttention, usePrinters } from '../components/printing/hooks'
import { JobHistory } from '../components/printing/JobHistory'
import { PrintLabelsAction } from '../components/printing/PrintLabelsAction'
import { ReprintDialog } from '../components/printing/ReprintDialog'
import { StatusDot } from '../components/printing/StatusDot'

export function PrintScreen() {
  const { t } = useTranslation('printing')
  const printers = usePrinters()
  const attention = useAttention()
  const [reprinting, setReprinting] = useState<PrintJob | null>(null)

  return (
    <section className="print-screen" data-testid="print-screen">
      <div className="toolbar">
        <h1>{t('screen.title')}</h1>
        <ul className="printer-strip" aria-label={t('screen.printers')}>
          {printers.data?.printers.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              <StatusDot printerId={p.id} />
              {p.purposes.map((x) => (
                <span key={x} className="chip purpose">
                  {t(`purposes.${x}`)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      {attention.data && <AttentionPanel attention={attention.data} onReprint={setReprinting} onChanged={attention.reload} />}
      <WaitingForOzon />
      <PrintByNumbers />
      <JobHistory onReprint={setReprinting} />
      {reprinting && <ReprintDialog job={reprinting} onClose={() => setReprinting(null)} onDone={() => attention.reload()} />}
    </section>
  )
}

/** Auto-prints whose Ozon labels are not there yet: the station prints them by itself when they are. */
function WaitingForOzon() {
  const { t } = useTranslation('printing')
  const query = useStationQuery('printing.autoPrints', { limit: 50 })
  useStationEvent('printing.autoPrintChanged', () => query.reload())
  const waiting = (query.data?.plans ?? []).flatMap((plan) =>
    plan.parts.filter((p) => p.kind === 'ozon-label' && (partState(p) === 'waiting' || partState(p) === 'sending')).map((part) => ({ plan, part })),
  )
  if (waiting.length === 0) return null
  return (
    <section className="waiting-ozon" aria-label={t('waiting.title')} data-testid="waiting-ozon">
      <h2>{t('waiting.title')}</h2>
      <ul className="plain-list">
        {waiting.map(({ plan, part }) => (
          <li key={plan.operationId}>
            <span className="mono">{part.postingNumbers.filter((n) => !part.printed.includes(n)).join(', ')}</span>
            <span className="muted">{t('waiting.line', { order: plan.orderNumber })}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Labels of any postings, on demand: scan or type the numbers (one per line, or separated by spaces/commas). */
function PrintByNumbers() {
  const { t } = useTranslation('printing')
  const [text, setText] = useState('')
  const numbers = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))]
  return (
    <section className="print-by-numbers" aria-label={t('batch.title')}>
      <h2>{t('batch.title')}</h2>
      <div className="inline-form">
        <label className="wide">
          <span className="visually-hidden">{t('batch.numbers')}</span>
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('batch.placeholder')} data-testid="batch-numbers" spellCheck={false} />
        </label>
        <PrintLabelsAction postingNumbers={numbers} hotkey={false} />
      </div>
    </section>
  )
}
