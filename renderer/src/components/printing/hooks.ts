// Live views of printing: the printers (reloaded when they change), a printer's status polled gently (every 10 s,
// only while the page is visible), what needs a person (reloaded as jobs change), and the label check.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { LabelsPrinted } from '../../../../shared/contract/printing'
import type { PrinterStatus } from '../../../../shared/domain/printers'
import { StationError } from '../../../../shared/errors'
import { useStation, useStationEvent } from '../../api/StationContext'
import { useStationQuery } from '../../hooks/useStationQuery'

export const STATUS_POLL_MS = 10_000

export function usePrinters() {
  const query = useStationQuery('printing.printers', {})
  useStationEvent('printing.printersChanged', () => query.reload())
  return query
}

/** Whether the page is shown (a hidden window or tab does not poll printers). */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => typeof document === 'undefined' || document.visibilityState !== 'hidden')
  useEffect(() => {
    const on = () => setVisible(document.visibilityState !== 'hidden')
    document.addEventListener('visibilitychange', on)
    return () => document.removeEventListener('visibilitychange', on)
  }, [])
  return visible
}

/** The printer's status, asked now and every 10 s while shown; `null` until the first answer. */
export function usePrinterStatus(printerId: string | null, pollMs = STATUS_POLL_MS): { status: PrinterStatus | null; refresh: () => void } {
  const station = useStation()
  const visible = usePageVisible()
  const [status, setStatus] = useState<PrinterStatus | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!printerId || !visible) return
    let live = true
    let timer: ReturnType<typeof setTimeout> | null = null
    const ask = () => {
      station.call('printing.status', { printerId }).then(
        (s) => {
          if (!live) return
          setStatus(s)
          timer = setTimeout(ask, pollMs)
        },
        () => {
          if (live) timer = setTimeout(ask, pollMs)
        },
      )
    }
    ask()
    return () => {
      live = false
      if (timer) clearTimeout(timer)
    }
  }, [station, printerId, visible, pollMs, tick])
  return { status: printerId ? status : null, refresh: useCallback(() => setTick((t) => t + 1), []) }
}

/** Jobs and auto-prints that need a person; reloaded (at most a few times a second) as jobs change. */
export function useAttention() {
  const query = useStationQuery('printing.attention', {})
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  const reload = query.reload
  const soon = useCallback(() => {
    if (pending.current) return
    pending.current = setTimeout(() => {
      pending.current = null
      reload()
    }, 200)
  }, [reload])
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), [])
  useStationEvent('printing.jobChanged', (p) => {
    if (p.job.state === 'unknown' || p.job.state === 'failed' || p.job.reprintOf) soon()
  })
  useStationEvent('printing.autoPrintChanged', soon)
  return query
}

export function useLabelCheck() {
  const query = useStationQuery('printing.labelCheck', {})
  useStationEvent('printing.labelCheckChanged', () => query.reload())
  useStationEvent('settings.changed', () => query.reload())
  return query.data ?? null
}

/**
 * Print the labels of some postings (one job per printer). For the inbox and the print screen: `busy` while the
 * station makes the labels, then the result or the error in the bench's words.
 */
export function usePrintLabels() {
  const station = useStation()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<LabelsPrinted | null>(null)
  const [error, setError] = useState<StationError | null>(null)
  const print = useCallback(
    async (postingNumbers: string[]) => {
      if (postingNumbers.length === 0 || busy) return null
      setBusy(true)
      setError(null)
      setResult(null)
      try {
        const r = await station.call('printing.printLabels', { postingNumbers })
        setResult(r)
        return r
      } catch (err) {
        setError(err instanceof StationError ? err : new StationError({ code: 'internal', message: String(err) }))
        return null
      } finally {
        setBusy(false)
      }
    },
    [station, busy],
  )
  const clear = useCallback(() => {
    setResult(null)
    setError(null)
  }, [])
  return { print, busy, result, error, clear }
}
