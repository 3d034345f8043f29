// A StationClient that calls a real station in the same process — the renderer's tests use it to render
// screens against real data without a browser. The web host and Electron IPC add only transport.
import type { StationClient } from '../../renderer/src/api/client'
import type { Station } from '../../electron/station'

export function inProcessClient(station: Station): StationClient {
  return {
    transport: 'http',
    call: (method, args) => station.dispatch(method, args ?? {}) as never,
    on: (event, listener) =>
      station.subscribe((name, payload) => {
        if ((name as string) === event) listener(payload as never)
      }),
  }
}
