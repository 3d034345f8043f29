// Contract of the settings area: the bench profile, operators, profile export/import and the first-run flow.
// Replies never carry a PIN or its hash — an operator is `{ id, name, hasPin }` here.
import { z } from 'zod'
import { BenchProfile, BenchProfilePatch, OperatorName, Pin } from '../domain/settings'
import { method } from './define'

export const OperatorInfo = z.object({ id: z.string(), name: z.string(), hasPin: z.boolean() })
export type OperatorInfo = z.infer<typeof OperatorInfo>

/** The steps of the first start, in order. The printer steps belong to the printing area (placeholders for now). */
export const FIRST_RUN_STEPS = ['language', 'bench', 'operator', 'account', 'printer', 'testLabel'] as const
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number]
export const FirstRunStepState = z.enum(['pending', 'done', 'skipped'])

export const FirstRun = z.object({
  /** False until the person finishes (or skips) the whole flow. */
  completed: z.boolean(),
  completedAt: z.string().nullable(),
  steps: z.record(z.enum(FIRST_RUN_STEPS), FirstRunStepState),
})
export type FirstRun = z.infer<typeof FirstRun>

export const Settings = z.object({
  profile: BenchProfile,
  operators: z.array(OperatorInfo),
  currentOperatorId: z.string().nullable(),
  firstRun: FirstRun,
})
export type Settings = z.infer<typeof Settings>

/** Warehouses and carriers the bench may pick as its own (from the synced reference data and postings). */
export const SettingsChoices = z.object({
  warehouses: z.array(z.object({ id: z.string(), name: z.string(), accountId: z.string() })),
  carriers: z.array(z.object({ id: z.string(), name: z.string() })),
})

export const ProfileExport = z.object({
  /** Suggested file name, e.g. "bench-profile-Стол-2.json". */
  fileName: z.string(),
  /** The JSON text to save — no secrets, no PINs. */
  json: z.string(),
})

export const settingsMethods = {
  'settings.get': method('The bench profile, operators (no PINs), the current operator and the first-run state.', z.object({}), Settings),
  'settings.update': method(
    'Change bench profile fields; each given field replaces the stored one. The whole profile is validated.',
    z.object({ profile: BenchProfilePatch }),
    Settings,
  ),
  'settings.choices': method('Warehouses and carriers known from Ozon, for the bench\'s default filters.', z.object({}), SettingsChoices),
  'settings.export': method('The bench profile as a JSON file (no Api-Keys, no PINs).', z.object({}), ProfileExport),
  'settings.import': method(
    'Replace the bench profile from an exported JSON file; every problem names the field. The bench name stays unless asked.',
    z.object({ json: z.string().max(1_000_000), keepBenchName: z.boolean().default(true), replaceOperators: z.boolean().default(false) }),
    Settings,
  ),
  'settings.firstRunStep': method(
    'Record a first-run step as done or skipped.',
    z.object({ step: z.enum(FIRST_RUN_STEPS), state: z.enum(['done', 'skipped']) }),
    FirstRun,
  ),
  'settings.finishFirstRun': method('Close the first-run flow (steps not visited count as skipped).', z.object({}), FirstRun),
  'settings.restartFirstRun': method('Show the first-run flow again on the next start of the UI.', z.object({}), FirstRun),

  'operators.add': method(
    'Add an operator with an optional 4-digit PIN (only a salted hash is stored).',
    z.object({ name: OperatorName, pin: Pin.optional(), makeCurrent: z.boolean().default(false) }),
    Settings,
  ),
  'operators.update': method(
    'Rename an operator or change the PIN (null removes it).',
    z.object({ id: z.string().min(1), name: OperatorName.optional(), pin: Pin.nullable().optional() }),
    Settings,
  ),
  'operators.remove': method('Remove an operator from the list (audit entries keep the name).', z.object({ id: z.string().min(1) }), Settings),
  'operators.switch': method(
    'Make an operator the current one (the PIN is asked when set). Recorded in the audit log.',
    z.object({ id: z.string().min(1), pin: z.string().max(16).optional() }),
    Settings,
  ),
}

export const SettingsChanged = z.object({ part: z.enum(['profile', 'operators', 'firstRun']) })

export const settingsEvents = {
  'settings.changed': SettingsChanged,
}
