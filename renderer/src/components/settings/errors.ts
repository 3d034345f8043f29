// A StationError in the bench's language: its i18n key when it has one, else its English message.
import type { TFunction } from 'i18next'
import { StationError } from '../../../../shared/errors'

export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof StationError) {
    if (err.key) return t(err.key, { ...err.params, defaultValue: err.message })
    return err.message
  }
  return err instanceof Error ? err.message : String(err)
}

/** The argument a StationError blames (e.g. "apiKey"), for showing the message next to that field. */
export function errorField(err: unknown): string | undefined {
  return err instanceof StationError ? err.field : undefined
}
