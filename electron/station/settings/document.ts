// <dataDir>/settings.json: the bench profile, operators and who is at the bench now.
import { z } from 'zod'
import { BenchProfile, Operator } from '../../../shared/domain/settings'
import type { DocumentSpec } from '../../store'

export const SettingsData = z.object({
  bench: BenchProfile.default(BenchProfile.parse({})),
  operators: z.array(Operator).default([]),
  currentOperatorId: z.string().nullable().default(null),
})
export type SettingsData = z.infer<typeof SettingsData>

export const settingsDocument: DocumentSpec<SettingsData> = {
  name: 'settings',
  version: 1,
  schema: SettingsData,
  defaults: () => SettingsData.parse({}),
}
