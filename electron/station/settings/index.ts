// The settings areas: the bench profile + operators + first run (settingsArea) and the Ozon accounts
// (accountsArea). Their data: settings.json, accounts.json and the sealed keys in secrets.json.
import type { Area, StationContext } from '../context'
import { accountHandlers } from './account-handlers'
import { operatorHandlers } from './operator-handlers'
import { profileHandlers } from './profile-handlers'

type SettingsMethods = keyof ReturnType<typeof profileHandlers> | keyof ReturnType<typeof operatorHandlers>

export function settingsArea(ctx: StationContext): Area<SettingsMethods> {
  return {
    handlers: { ...profileHandlers(ctx), ...operatorHandlers(ctx) },
    async start() {
      // Automation (STATION_FIRST_RUN=skip) starts straight in the station, as if every step was skipped.
      if (ctx.config.firstRun === 'skip' && ctx.settings.data.firstRun.completedAt === null) {
        await ctx.settings.update((d) => {
          for (const step of Object.keys(d.firstRun.steps) as (keyof typeof d.firstRun.steps)[]) {
            if (d.firstRun.steps[step] === 'pending') d.firstRun.steps[step] = 'skipped'
          }
          d.firstRun.completedAt = ctx.now().toISOString()
        })
      }
    },
  }
}

export function accountsArea(ctx: StationContext): Area<keyof ReturnType<typeof accountHandlers>> {
  let unsubscribe: (() => void) | null = null
  return {
    handlers: accountHandlers(ctx),
    start() {
      unsubscribe = ctx.accounts.onChange((accounts) => {
        ctx.events.emit('accounts.changed', { mode: ctx.accounts.mode(), activeIds: accounts.map((a) => a.id) })
      })
    },
    close() {
      unsubscribe?.()
    },
  }
}
