// Every contract method becomes one ipcMain.handle channel `station:<method>`. Each call checks that it
// comes from our own page (app://station), then goes through the station's dispatch, which parses the
// arguments with the contract's schema. Replies are envelopes so error codes survive the bridge.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { methodNames } from '../../shared/contract'
import type { Envelope } from '../../shared/bridge'
import { StationError } from '../../shared/errors'
import type { Station } from '../station'
import { isTrustedSenderUrl } from './app-protocol'

export const EVENT_CHANNEL = 'station:event'

export function registerIpc(ipcMain: IpcMain, station: Station): () => void {
  for (const name of methodNames) {
    ipcMain.handle(`station:${name}`, async (event: IpcMainInvokeEvent, args: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'unauthorized', message: `Refused ${name} from an untrusted page` } }
      }
      try {
        return { ok: true, result: await station.dispatch(name, args) }
      } catch (err) {
        const e = err instanceof StationError ? err : new StationError({ code: 'internal', message: 'Internal error' })
        return { ok: false, error: e.toJSON() }
      }
    })
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(`station:${name}`)
  }
}

/** Forwards every station event to the given windows. */
export function forwardEvents(station: Station, targets: () => WebContents[]): () => void {
  return station.subscribe((event, payload) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload)
  })
}
