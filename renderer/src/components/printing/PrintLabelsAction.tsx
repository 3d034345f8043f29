// "Print labels" for selected postings — the hook-in for the inbox (and the print screen): one button (and
// Alt+P) that prints the labels of the given postings, one job per printer, then says what was printed and
// what was left out (Ozon's label not ready, no printer…).
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePrintLabels } from './hooks'
import { errorText } from '../settings/errors'

export function PrintLabelsAction({ postingNumbers, hotkey = true }: { postingNumbers: string[]; hotkey?: boolean }) {
  const { t } = useTranslation('printing')
  const { print, busy, result: last, error: lastError } = usePrintLabels()
  const key = postingNumbers.join(',')
  // The result shown belongs to the selection it was printed for; another selection shows none.
  const [printedFor, setPrintedFor] = useState<string | null>(null)
  const result = printedFor === key ? last : null
  const error = printedFor === key ? lastError : null
  const run = (numbers: string[]) => {
    setPrintedFor(numbers.join(','))
    return print(numbers)
  }
  const latest = useRef({ postingNumbers, run })
  useEffect(() => {
    latest.current = { postingNumbers, run }
  })
  useEffect(() => {
    if (!hotkey) return
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
        e.preventDefault()
        void latest.current.run(latest.current.postingNumbers)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [hotkey])

  const printedLabels = result?.jobs.reduce((s, j) => s + j.job.labelCount, 0) ?? 0
  return (
    <span className="print-labels-action">
      <button
        type="button"
        onClick={() => void run(postingNumbers)}
        disabled={busy || postingNumbers.length === 0}
        aria-keyshortcuts={hotkey ? 'Alt+P' : undefined}
        data-testid="print-labels"
      >
        {busy ? t('batch.printing') : t('batch.button', { count: postingNumbers.length })}
        {hotkey && <kbd>Alt+P</kbd>}
      </button>
      {result && (
        <span className={`print-labels-result ${result.missing.length ? 'warning' : 'ok'}`} role="status" data-testid="print-labels-result">
          {result.jobs.length > 0 && t('batch.sent', { labels: printedLabels, jobs: result.jobs.length })}
          {result.jobs.some((j) => j.duplicate) && ` ${t('batch.duplicate')}`}
          {result.missing.length > 0 && ` ${t('batch.missing', { count: result.missing.length, first: `${result.missing[0]!.postingNumber}: ${result.missing[0]!.reason}` })}`}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {errorText(error, t)}
        </span>
      )}
    </span>
  )
}
