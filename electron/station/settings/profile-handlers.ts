// The bench profile: read, change, the choices for its default filters, export and import, first run.
import { randomUUID } from 'node:crypto'
import { FIRST_RUN_STEPS } from '../../../shared/contract/settings'
import { applyProfilePatch, benchProfileFile, parseBenchProfileFile, type BenchProfile } from '../../../shared/domain/settings'
import { StationError } from '../../../shared/errors'
import type { StationContext } from '../context'
import type { Handlers } from '../dispatch'
import { firstRunView, settingsView } from './view'

type ProfileMethods =
  | 'settings.get'
  | 'settings.update'
  | 'settings.choices'
  | 'settings.export'
  | 'settings.import'
  | 'settings.firstRunStep'
  | 'settings.finishFirstRun'
  | 'settings.restartFirstRun'

export function profileHandlers(ctx: StationContext): Pick<Handlers, ProfileMethods> {
  const doc = ctx.settings
  const changed = (part: 'profile' | 'operators' | 'firstRun') => ctx.events.emit('settings.changed', { part })
  const audit = (action: string, details: Record<string, unknown>) => ctx.audit.append({ ...ctx.actor(), action, details })

  return {
    'settings.get': async () => settingsView(doc.data),

    'settings.update': async ({ profile: patch }) => {
      const next = applyProfilePatch(doc.data.bench, patch)
      if (!next.success) {
        const issue = next.error.issues[0]!
        const field = ['profile', ...issue.path.map(String)].join('.')
        throw new StationError({
          code: 'invalid_args',
          message: `settings.update: field "${field}": ${issue.message}`,
          field,
          key: 'settings:errors.field',
          params: { field, message: issue.message },
        })
      }
      const before = doc.data.bench
      const changedKeys = (Object.keys(patch) as (keyof BenchProfile)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next.data[k]))
      if (changedKeys.length > 0) {
        await doc.update((d) => {
          d.bench = next.data
        })
        await audit('settings.update', { fields: changedKeys })
        changed('profile')
      }
      return settingsView(doc.data)
    },

    'settings.choices': async () => {
      const warehouses = new Map<string, { id: string; name: string; accountId: string }>()
      for (const w of ctx.orders.data.warehouses) warehouses.set(`${w.accountId}/${w.id}`, { id: w.id, name: w.name, accountId: w.accountId })
      const carriers = new Map<string, { id: string; name: string }>()
      for (const p of Object.values(ctx.orders.data.postings)) {
        const key = `${p.accountId}/${p.warehouse.id}`
        if (!warehouses.has(key)) warehouses.set(key, { id: p.warehouse.id, name: p.warehouse.name, accountId: p.accountId })
        // A posting without tpl_provider_id has no carrier id to filter by.
        if (p.carrier.id && !carriers.has(p.carrier.id)) carriers.set(p.carrier.id, { id: p.carrier.id, name: p.carrier.name })
      }
      const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name)
      return { warehouses: [...warehouses.values()].sort(byName), carriers: [...carriers.values()].sort(byName) }
    },

    'settings.export': async () => {
      const file = benchProfileFile(doc.data.bench, doc.data.operators, ctx.now().toISOString())
      const slug = doc.data.bench.benchName.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'bench'
      return { fileName: `bench-profile-${slug}.json`, json: `${JSON.stringify(file, null, 2)}\n` }
    },

    'settings.import': async ({ json, keepBenchName, replaceOperators }) => {
      const parsed = parseBenchProfileFile(json)
      if (!parsed.ok) {
        const first = parsed.problems[0]!
        const where = first.field ? `field "${first.field}"` : 'the file'
        throw new StationError({
          code: 'invalid_args',
          message: `The profile file was not imported: ${where}: ${first.message}.`,
          field: first.field || 'json',
          key: 'settings:transfer.errors.invalid',
          params: { field: first.field || '—', message: first.message },
          details: { problems: parsed.problems },
        })
      }
      const { profile, operators } = parsed.file
      await doc.update((d) => {
        d.bench = keepBenchName ? { ...profile, benchName: d.bench.benchName } : profile
        const known = new Set(d.operators.map((o) => o.name.toLowerCase()))
        const incoming = operators.filter((o) => replaceOperators || !known.has(o.name.toLowerCase()))
        const fresh = incoming.map((o) => ({ id: randomUUID(), name: o.name, pinHash: null }))
        if (replaceOperators) {
          // Operators with the same name keep their id and PIN (and stay current).
          const byName = new Map(d.operators.map((o) => [o.name.toLowerCase(), o]))
          d.operators = fresh.map((o) => byName.get(o.name.toLowerCase()) ?? o)
          if (!d.operators.some((o) => o.id === d.currentOperatorId)) d.currentOperatorId = null
        } else {
          d.operators.push(...fresh)
        }
      })
      await audit('settings.import', { keepBenchName, replaceOperators, operators: operators.length })
      changed('profile')
      changed('operators')
      return settingsView(doc.data)
    },

    'settings.firstRunStep': async ({ step, state }) => {
      await doc.update((d) => {
        d.firstRun.steps[step] = state
      })
      changed('firstRun')
      return firstRunView(doc.data)
    },

    'settings.finishFirstRun': async () => {
      await doc.update((d) => {
        for (const s of FIRST_RUN_STEPS) if (d.firstRun.steps[s] === 'pending') d.firstRun.steps[s] = 'skipped'
        d.firstRun.completedAt ??= ctx.now().toISOString()
      })
      changed('firstRun')
      return firstRunView(doc.data)
    },

    'settings.restartFirstRun': async () => {
      await doc.update((d) => {
        d.firstRun.completedAt = null
        for (const s of FIRST_RUN_STEPS) d.firstRun.steps[s] = 'pending'
      })
      changed('firstRun')
      return firstRunView(doc.data)
    },
  }
}
