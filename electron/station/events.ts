// The station's event bus: typed events of the contract, fanned out to every host subscriber
// (Electron window, SSE clients, tests). Payloads are validated so a host never forwards junk.
import { events, type EventName, type EventPayload } from '../../shared/contract'
import type { Logger } from '../../shared/log'

export type StationListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export class EventBus {
  private readonly listeners = new Set<StationListener>()

  constructor(private readonly log: Logger) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload) as EventPayload<E>
    for (const listener of this.listeners) {
      try {
        listener(event, parsed)
      } catch (err) {
        this.log.warn(`event listener for ${event} failed`, { error: String(err) })
      }
    }
  }

  subscribe(listener: StationListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
