// The shape of `window.station` that the Electron preload exposes: the contract's methods as named
// functions grouped by area (`station.orders.list(args)`), plus `on(event, listener)` → unsubscribe.
// Errors cannot cross Electron's context bridge with their fields intact, so every call resolves to an
// envelope; the renderer's client unwraps it into a result or a thrown StationError.
import type { ErrorInfo } from './errors'
import { methodNames, type EventName, type EventPayload, type MethodName, type Result, type Args } from './contract'

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo }

type AreaOf<M extends string> = M extends `${infer A}.${string}` ? A : never
type Area = AreaOf<MethodName>

export type NamedMethods = {
  [A in Area]: {
    [M in MethodName as M extends `${A}.${infer V}` ? V : never]: (args?: Args<M>) => Promise<Envelope<Result<M>>>
  }
}

export type StationBridge = NamedMethods & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Builds the named functions from one generic invoker (used by the preload). */
export function buildNamedMethods(invoke: (method: MethodName, args: unknown) => Promise<Envelope<unknown>>): NamedMethods {
  const api: Record<string, Record<string, (args?: unknown) => Promise<Envelope<unknown>>>> = {}
  for (const name of methodNames) {
    const [area, verb] = name.split('.') as [string, string]
    api[area] ??= {}
    api[area][verb] = (args?: unknown) => invoke(name, args ?? {})
  }
  return api as unknown as NamedMethods
}

/** Finds the named function for a method on a bridge object. */
export function bridgeFunction(bridge: NamedMethods, method: MethodName): (args?: unknown) => Promise<Envelope<unknown>> {
  const [area, verb] = method.split('.') as [string, string]
  const fn = (bridge as unknown as Record<string, Record<string, unknown>>)[area]?.[verb]
  if (typeof fn !== 'function') throw new Error(`window.station has no ${method}`)
  return fn as (args?: unknown) => Promise<Envelope<unknown>>
}
