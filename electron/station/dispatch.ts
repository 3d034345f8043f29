// The single door into the core for both hosts: look the method up in the contract, parse the arguments
// with its schema (the error names the field), run the handler, check the result against the contract,
// and turn anything thrown into a StationError a person can act on.
import { ZodError } from 'zod'
import { isMethodName, methods, type MethodName, type ParsedArgs, type Result } from '../../shared/contract'
import { invalidArgs, StationError } from '../../shared/errors'
import type { Logger } from '../../shared/log'
import { toStationError } from './errors'

export type Handlers = { [M in MethodName]: (args: ParsedArgs<M>) => Promise<Result<M>> }

export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown, log: Logger): Promise<unknown> {
  if (!isMethodName(name)) {
    throw new StationError({ code: 'unknown_method', message: `Unknown method "${name}"`, key: 'errors.unknownMethod', params: { method: name } })
  }
  const spec = methods[name]
  const parsed = spec.args.safeParse(rawArgs ?? {})
  if (!parsed.success) throw invalidArgs(name, parsed.error)
  const handler = handlers[name] as (args: unknown) => Promise<unknown>
  let result: unknown
  try {
    result = await handler(parsed.data)
  } catch (err) {
    const stationError = toStationError(err)
    if (stationError.code === 'internal') log.error(`${name} failed`, { error: errorText(err) })
    throw stationError
  }
  try {
    return spec.result.parse(result)
  } catch (err) {
    // A handler that breaks the contract is our bug: say so loudly, never hand bad data to the UI.
    log.error(`${name} returned a result that breaks the contract`, { error: err instanceof ZodError ? err.message : String(err) })
    throw new StationError({ code: 'internal', message: `${name}: internal error (result does not match the contract)` })
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err)
}
