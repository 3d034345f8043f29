// <dataDir>/settings.json: the bench profile, operators, who is at the bench now, and how far the first-run
// flow got. No secrets: Api-Keys are in secrets.json, PINs only as salted hashes.
import { z } from 'zod'
import { FIRST_RUN_STEPS, FirstRunStepState } from '../../../shared/contract/settings'
import { BenchProfile, Operator } from '../../../shared/domain/settings'
import type { DocumentSpec } from '../../store'

const pendingSteps = () => Object.fromEntries(FIRST_RUN_STEPS.map((s) => [s, 'pending' as const])) as Record<(typeof FIRST_RUN_STEPS)[number], 'pending'>

export const FirstRunData = z.object({
  completedAt: z.string().nullable().default(null),
  steps: z.record(z.enum(FIRST_RUN_STEPS), FirstRunStepState).default(pendingSteps),
})

export const SettingsData = z.object({
  bench: BenchProfile.default(BenchProfile.parse({})),
  operators: z.array(Operator).default([]),
  currentOperatorId: z.string().nullable().default(null),
  firstRun: FirstRunData.default(() => FirstRunData.parse({})),
})
export type SettingsData = z.infer<typeof SettingsData>

export const settingsDocument: DocumentSpec<SettingsData> = {
  name: 'settings',
  version: 1,
  schema: SettingsData,
  defaults: () => SettingsData.parse({}),
}
