// The station's contract: every method the renderer may call and every event it may receive, each with
// zod schemas. Both hosts (Electron IPC and the loopback web host) validate every call against it.
// Names are `area.verb`. Each area keeps its schemas in shared/contract/<area>.ts; this file is the
// one list of what exists.
import type { z } from 'zod'
import type { MethodSpec } from './contract/define'
import { stationMethods } from './contract/station'
import { ordersEvents, ordersMethods } from './contract/orders'
import { packingEvents, packingMethods } from './contract/packing'
import { settingsEvents, settingsMethods } from './contract/settings'
import { accountsEvents, accountsMethods } from './contract/accounts'
import { trackingEvents, trackingMethods } from './contract/tracking'
import { labelsEvents, labelsMethods } from './contract/labels'
import { dispatchEvents, dispatchMethods } from './contract/dispatch'
import { printingEvents, printingMethods } from './contract/printing'

export const methods = {
  ...stationMethods,
  ...ordersMethods,
  ...packingMethods,
  ...settingsMethods,
  ...accountsMethods,
  ...trackingMethods,
  ...labelsMethods,
  ...dispatchMethods,
  ...printingMethods,
} satisfies Record<string, MethodSpec>

export const events = {
  ...ordersEvents,
  ...packingEvents,
  ...settingsEvents,
  ...accountsEvents,
  ...trackingEvents,
  ...labelsEvents,
  ...dispatchEvents,
  ...printingEvents,
} satisfies Record<string, z.ZodType>

export type MethodName = keyof typeof methods
export type EventName = keyof typeof events
/** What a caller passes (defaults may be omitted). */
export type Args<M extends MethodName> = z.input<(typeof methods)[M]['args']>
/** What a handler receives after parsing (defaults filled in). */
export type ParsedArgs<M extends MethodName> = z.output<(typeof methods)[M]['args']>
export type Result<M extends MethodName> = z.output<(typeof methods)[M]['result']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const methodNames = Object.keys(methods) as MethodName[]
export const eventNames = Object.keys(events) as EventName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name)
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}

export type { MethodSpec } from './contract/define'
export * from './contract/station'
export * from './contract/orders'
export * from './contract/settings'
export * from './contract/accounts'
