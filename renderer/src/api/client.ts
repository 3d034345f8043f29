// The renderer's one way to talk to the station: `window.station` inside Electron, the loopback web host
// in a browser. Both speak the same contract; errors arrive as StationError with a code and, where the UI
// should translate it, an i18n key.
import type { Args, EventName, EventPayload, MethodName, Result } from '../../../shared/contract'
import { bridgeFunction, type Envelope, type StationBridge } from '../../../shared/bridge'
import { ErrorBody, StationError } from '../../../shared/errors'

export interface StationClient {
  call<M extends MethodName>(method: M, args?: Args<M>): Promise<Result<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  readonly transport: 'ipc' | 'http'
}

declare global {
  interface Window {
    station?: StationBridge
  }
}

export function createStationClient(): StationClient {
  return window.station ? ipcClient(window.station) : httpClient('')
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result
  throw new StationError(envelope.error)
}

export function ipcClient(bridge: StationBridge): StationClient {
  return {
    transport: 'ipc',
    call: async (method, args) => unwrap((await bridgeFunction(bridge, method)(args ?? {})) as Envelope<Result<typeof method>>),
    on: (event, listener) => bridge.on(event, listener),
  }
}

export function httpClient(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): StationClient {
  // One EventSource shared by every subscriber; it reconnects by itself after a restart of the host.
  let source: EventSource | null = null
  const listeners = new Map<string, Set<(payload: unknown) => void>>()

  const ensureSource = (event: string) => {
    source ??= new EventSource(`${baseUrl}/api/events`, { withCredentials: true })
    if (!listeners.has(event)) {
      listeners.set(event, new Set())
      source.addEventListener(event, (e) => {
        const payload: unknown = JSON.parse((e as MessageEvent<string>).data)
        for (const l of listeners.get(event) ?? []) l(payload)
      })
    }
  }

  return {
    transport: 'http',
    async call(method, args) {
      let response: Response
      try {
        response = await fetchImpl(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args ?? {}),
        })
      } catch {
        throw new StationError({ code: 'internal', message: 'The station is not answering. Is it still running?', key: 'errors.stationOffline' })
      }
      const body: unknown = await response.json().catch(() => null)
      if (response.ok) return body as Result<typeof method>
      const parsed = ErrorBody.safeParse(body)
      throw new StationError(parsed.success ? parsed.data.error : { code: 'internal', message: `HTTP ${response.status}` })
    },
    on(event, listener) {
      ensureSource(event)
      const set = listeners.get(event)!
      const l = listener as (payload: unknown) => void
      set.add(l)
      return () => set.delete(l)
    },
  }
}
