// window.station: the contract's methods as named functions (station.orders.list(args)) and
// on(event, listener) → unsubscribe. Nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildNamedMethods, type Envelope, type StationBridge } from '../../shared/bridge'
import type { EventName } from '../../shared/contract'

const EVENT_CHANNEL = 'station:event'

const bridge: StationBridge = {
  ...buildNamedMethods((method, args) => ipcRenderer.invoke(`station:${method}`, args) as Promise<Envelope<unknown>>),
  on(event: EventName, listener: (payload: never) => void) {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never)
    }
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler)
    }
  },
}

contextBridge.exposeInMainWorld('station', bridge)
