// What the printing modules throw, as errors a person at the bench can act on.
import { LabelError } from '../../../shared/domain/label-layout'
import { StationError } from '../../../shared/errors'
import { LabelPdfError, PrinterConfigError, PrintRequestError } from '../../printing'

export function printingError(err: unknown): unknown {
  if (err instanceof StationError) return err
  if (err instanceof PrinterConfigError) {
    const [first] = Object.keys(err.fields)
    return new StationError({
      code: 'invalid_args',
      message: err.message,
      // The form shows each message next to its field; `field` names the first, as everywhere in the contract.
      field: first ? `printer.${first}` : 'printer',
      details: { fields: err.fields },
    })
  }
  if (err instanceof PrintRequestError) {
    const code = /^there is no print job/.test(err.message) ? 'not_found' : /no printer|no longer exists|there is no printer/.test(err.message) ? 'printer' : 'conflict'
    return new StationError({ code, message: err.message })
  }
  if (err instanceof LabelPdfError) return new StationError({ code: 'conflict', message: err.message })
  if (err instanceof LabelError) return new StationError({ code: 'invalid_args', field: err.field, message: err.message })
  return err
}

/** Runs a handler body and turns printing errors into StationErrors. */
export async function guarded<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run()
  } catch (err) {
    throw printingError(err)
  }
}
