import { useCallback, useEffect, useState } from 'react'
import type { Args, MethodName, Result } from '../../../shared/contract'
import { StationError } from '../../../shared/errors'
import { useStation } from '../api/StationContext'

export interface StationQuery<M extends MethodName> {
  data: Result<M> | undefined
  error: StationError | null
  loading: boolean
  /** Asks again (after an event said the data changed, or on the packer's request). */
  reload: () => void
}

/** Calls a read method when the arguments change and on `reload()`; the last good data stays while reloading. */
export function useStationQuery<M extends MethodName>(method: M, args: Args<M>): StationQuery<M> {
  const station = useStation()
  const argsKey = JSON.stringify(args)
  const [version, setVersion] = useState(0)
  const [state, setState] = useState<{ data: Result<M> | undefined; error: StationError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  })

  useEffect(() => {
    let live = true
    station.call(method, JSON.parse(argsKey) as Args<M>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (err: unknown) =>
        live &&
        setState((s) => ({
          ...s,
          loading: false,
          error: err instanceof StationError ? err : new StationError({ code: 'internal', message: String(err) }),
        })),
    )
    return () => {
      live = false
    }
  }, [station, method, argsKey, version])

  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { ...state, reload }
}
