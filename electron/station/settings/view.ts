// What the settings document looks like from outside: operators without their PIN hashes.
import type { FirstRun, Settings } from '../../../shared/contract/settings'
import type { SettingsData } from './document'

export function settingsView(data: SettingsData): Settings {
  return {
    profile: data.bench,
    operators: data.operators.map((o) => ({ id: o.id, name: o.name, hasPin: o.pinHash !== null })),
    currentOperatorId: data.currentOperatorId,
    firstRun: firstRunView(data),
  }
}

export function firstRunView(data: SettingsData): FirstRun {
  return { completed: data.firstRun.completedAt !== null, completedAt: data.firstRun.completedAt, steps: { ...data.firstRun.steps } }
}
