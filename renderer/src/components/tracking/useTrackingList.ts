// The tracking screen's list: packed packages that take a tracking number, asked again whenever the station says
// a number changed (typed here or in another window, answered by Ozon, waiting because Ozon is away).
import { useCallback, useEffect, useState } from 'react'
import type { TrackingList } from '../../../../shared/contract/tracking'
import { StationError } from '../../../../shared/errors'
import { useStation, useStationEvent } from '../../api/StationContext'

export function useTrackingList(show: 'attention' | 'all', search: string) {
  const station = useStation()
  const [list, setList] = useState<TrackingList | null>(null)
  const [error, setError] = useState<StationError | null>(null)
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    let live = true
    station.call('tracking.list', { show, search }).then(
      (l) => {
        if (!live) return
        setList(l)
        setError(null)
      },
      (err: unknown) => live && setError(err instanceof StationError ? err : new StationError({ code: 'internal', message: String(err) })),
    )
    return () => {
      live = false
    }
  }, [station, show, search, version])

  useStationEvent('tracking.changed', reload)
  useStationEvent('orders.changed', reload)
  return { list, error, reload, setList }
}
