// Maps whatever a module throws into the contract's StationError.
import { StationError } from '../../shared/errors'
import { OzonError } from '../ozon'
import { StoreError } from '../store'

export function toStationError(err: unknown): StationError {
  if (err instanceof StationError) return err
  if (err instanceof OzonError) {
    const unavailable = ['network', 'timeout', 'server', 'rate_limit'].includes(err.kind)
    return new StationError({
      code: unavailable ? 'ozon_unavailable' : err.kind === 'not_found' ? 'not_found' : 'ozon_rejected',
      message: err.human,
      details: { kind: err.kind, ozonMessage: err.ozonMessage, method: err.method },
    })
  }
  if (err instanceof StoreError) return new StationError({ code: 'storage', message: err.message })
  return new StationError({ code: 'internal', message: 'Internal error — see the station log for details.' })
}
