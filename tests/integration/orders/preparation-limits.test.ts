// The warehouse's preparation limits come from the bench settings: shortening them flags more postings in the
// inbox, and a bad value is refused naming the field.
import { describe, expect, it } from 'vitest'
import { StationError } from '../../../shared/errors'
import { startTestStation } from '../../support/station'

describe('preparation limits from settings', () => {
  it('the inbox judges postings by the limits the bench set', async () => {
    const { station } = await startTestStation()
    await station.call('orders.sync', {})
    const exceeded = async () => {
      const list = await station.call('orders.list', { limit: 1000 })
      return list.rows.filter((r) => r.preparation?.stage === 'packing' && r.preparation.exceeded).length
    }

    await station.call('settings.update', { profile: { preparationLimits: { packing: { days: 60, unit: 'calendar' }, handover: { days: 9, unit: 'business' } } } })
    expect(await exceeded()).toBe(0) // demo orders came in within the last few days

    await station.call('settings.update', { profile: { preparationLimits: { packing: { days: 1, unit: 'calendar' }, handover: { days: 9, unit: 'business' } } } })
    const withOneDay = await exceeded()
    expect(withOneDay).toBeGreaterThan(0)
    const settings = await station.call('settings.get', {})
    expect(settings.profile.preparationLimits.packing).toEqual({ days: 1, unit: 'calendar' })
  })

  it('refuses a limit of 0 days, naming the field', async () => {
    const { station } = await startTestStation()
    const err = await station
      .call('settings.update', { profile: { preparationLimits: { packing: { days: 0, unit: 'calendar' }, handover: { days: 9, unit: 'business' } } } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StationError)
    expect((err as StationError).field ?? (err as StationError).message).toContain('preparationLimits')
  })
})
