import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react'
import type { EventName, EventPayload } from '../../../shared/contract'
import type { StationClient } from './client'

const StationContext = createContext<StationClient | null>(null)

export function StationProvider({ client, children }: { client: StationClient; children: ReactNode }) {
  return <StationContext.Provider value={client}>{children}</StationContext.Provider>
}

export function useStation(): StationClient {
  const client = useContext(StationContext)
  if (!client) throw new Error('useStation outside <StationProvider>')
  return client
}

/** Subscribes to a station event for the lifetime of the component; the latest listener is always used. */
export function useStationEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const station = useStation()
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => station.on(event, (p) => latest.current(p)), [station, event])
}
