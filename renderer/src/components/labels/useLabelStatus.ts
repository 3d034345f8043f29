// Where Ozon's labels of some packages stand, kept fresh: asked once, then updated from `labels.changed`, with a
// clock that ticks every second so "waiting (32 s)" counts on screen. The station's clock is the reference (the
// bench PC's clock may be off): its `now` is remembered against the browser's when the answer came.
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { LabelChoice, OzonLabelStatus } from '../../../../shared/contract/labels'
import { useStation, useStationEvent } from '../../api/StationContext'

export interface LabelStatusView {
  /** By posting number. */
  byPosting: Map<string, OzonLabelStatus>
  choice: LabelChoice | null
  /** The station's time now, ms (ticks every second). */
  stationNow: number
  error: string | null
  retry(postingNumber: string): Promise<void>
}

export function useLabelStatus(postingNumbers: string[], accountId?: string): LabelStatusView {
  const station = useStation()
  const key = postingNumbers.join('\n')
  const [items, setItems] = useState(() => new Map<string, OzonLabelStatus>())
  const [choice, setChoice] = useState<LabelChoice | null>(null)
  const [skew, setSkew] = useState(0)
  const [tick, setTick] = useState(() => Date.now())
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!key) return
    let live = true
    const asked = Date.now()
    station.call('labels.status', { postingNumbers: key.split('\n'), accountId }).then(
      (list) => {
        if (!live) return
        setSkew(Date.parse(list.now) - (asked + Date.now()) / 2)
        setChoice(list.choice)
        setItems(new Map(list.items.map((i) => [i.postingNumber, i])))
        setError(null)
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [station, key, accountId])

  useStationEvent('labels.changed', (payload) => {
    const mine = payload.items.filter((i) => postingNumbers.includes(i.postingNumber) && (!accountId || i.accountId === accountId))
    if (mine.length === 0) return
    setItems((prev) => {
      const next = new Map(prev)
      for (const i of mine) next.set(i.postingNumber, i)
      return next
    })
  })

  const waiting = [...items.values()].some((i) => i.state === 'waiting')
  useEffect(() => {
    if (!waiting) return
    const timer = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [waiting])

  const retry = useCallback(
    async (postingNumber: string) => {
      try {
        const list = await station.call('labels.retry', { postingNumbers: [postingNumber], accountId })
        setItems((prev) => new Map([...prev, ...list.items.map((i) => [i.postingNumber, i] as const)]))
        setError(null)
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
      }
    },
    [station, accountId],
  )

  return useMemo(() => ({ byPosting: items, choice, stationNow: tick + skew, error, retry }), [items, choice, tick, skew, error, retry])
}

/** Whole seconds from `sinceIso` to `nowMs` (never negative). */
export function secondsSince(sinceIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(sinceIso)) / 1000))
}
