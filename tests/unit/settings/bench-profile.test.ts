import { describe, expect, it } from 'vitest'
import { isBusinessDay } from '../../../shared/domain/calendar'
import {
  applyProfilePatch,
  BenchProfilePatch,
  benchProfileFile,
  defaultBenchProfile,
  parseBenchProfileFile,
  workingCalendarOf,
} from '../../../shared/domain/settings'

const fileWith = (profile: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: 'ozon-station/bench-profile', version: 1, profile, ...extra })

describe('bench profile', () => {
  it('has a default for everything issue 9 lists', () => {
    expect(defaultBenchProfile()).toEqual({
      benchName: 'Стол 1',
      language: 'ru',
      timeZone: 'Europe/Moscow',
      warehouseIds: [],
      carrierIds: [],
      labelsPerPackage: 'both',
      printers: { 'bag-label': null, 'ozon-label': null },
      autoPrint: true,
      labelCheck: false,
      verification: 'required',
      sounds: { enabled: true, volume: 0.8 },
      calendarOverrides: [],
      preparationLimits: { packing: { days: 5, unit: 'calendar' }, handover: { days: 9, unit: 'business' } },
      syncIntervalMinutes: 5,
      operatorSwitchKey: 'F12',
    })
  })

  it('applies a patch field by field and validates the whole result', () => {
    const patch = BenchProfilePatch.parse({ benchName: '  Стол 2 ', sounds: { enabled: false, volume: 0.3 } })
    const next = applyProfilePatch(defaultBenchProfile(), patch)
    expect(next.success && next.data).toMatchObject({ benchName: 'Стол 2', sounds: { enabled: false, volume: 0.3 }, language: 'ru' })

    const clash = applyProfilePatch(
      defaultBenchProfile(),
      BenchProfilePatch.parse({ calendarOverrides: [{ date: '2026-05-04', working: true }, { date: '2026-05-04', working: false }] }),
    )
    expect(clash.success).toBe(false)
    expect(clash.error!.issues[0]!.path).toEqual(['calendarOverrides', 1, 'date'])

    const zone = applyProfilePatch(defaultBenchProfile(), BenchProfilePatch.parse({ timeZone: 'Europe/Atlantis' }))
    expect(zone.error!.issues[0]).toMatchObject({ path: ['timeZone'], message: expect.stringMatching(/Unknown time zone/) })
  })

  it('a patch leaves every field it does not name as stored (no fallback to defaults)', () => {
    const stored = { ...defaultBenchProfile(), benchName: 'Стол 5', language: 'en' as const, syncIntervalMinutes: 15 }
    expect(BenchProfilePatch.parse({ autoPrint: false })).toEqual({ autoPrint: false })
    const next = applyProfilePatch(stored, BenchProfilePatch.parse({ autoPrint: false }))
    expect(next.data).toEqual({ ...stored, autoPrint: false })
  })

  it('refuses unknown fields in a patch (a typo is never silently dropped)', () => {
    expect(BenchProfilePatch.safeParse({ benchNmae: 'x' }).success).toBe(false)
  })

  it('calendar overrides feed the deadline calendar', () => {
    // 2026-01-09 is part of the New Year holidays in Russia; the warehouse works it.
    const plain = workingCalendarOf(defaultBenchProfile())
    expect(isBusinessDay('2026-01-09', plain)).toBe(false)
    const profile = { ...defaultBenchProfile(), calendarOverrides: [{ date: '2026-01-09', working: true }, { date: '2026-01-12', working: false }] }
    const cal = workingCalendarOf(profile)
    expect(isBusinessDay('2026-01-09', cal)).toBe(true)
    expect(isBusinessDay('2026-01-12', cal)).toBe(false)
  })
})

describe('bench profile file', () => {
  it('round-trips: export → text → import gives the same profile and the operators\' names only', () => {
    const profile = { ...defaultBenchProfile(), benchName: 'Стол 7', warehouseIds: ['1020000000001'], labelsPerPackage: 'bag' as const }
    const file = benchProfileFile(profile, [{ name: 'Аня' }, { name: 'Борис' }], '2026-06-01T10:00:00.000Z')
    const text = JSON.stringify(file)
    expect(text).not.toMatch(/pin|apiKey|Api-Key|clientId/i)
    const back = parseBenchProfileFile(text)
    expect(back).toEqual({ ok: true, file: { ...file, operators: [{ name: 'Аня' }, { name: 'Борис' }] } })
  })

  it('names the field of every problem', () => {
    const bad = parseBenchProfileFile(fileWith({ sounds: { enabled: true, volume: 3 }, verification: 'sometimes', calendarOverrides: [{ date: '09.01.2026', working: true }] }))
    expect(bad.ok).toBe(false)
    const fields = !bad.ok ? bad.problems.map((p) => p.field) : []
    expect(fields).toEqual(expect.arrayContaining(['profile.sounds.volume', 'profile.verification', 'profile.calendarOverrides.0.date']))
    const date = !bad.ok ? bad.problems.find((p) => p.field === 'profile.calendarOverrides.0.date')!.message : ''
    expect(date).toMatch(/YYYY-MM-DD/)
  })

  it('names an unknown field itself — e.g. a secret someone pasted in', () => {
    const bad = parseBenchProfileFile(fileWith({ benchName: 'Стол 3', apiKey: 'x' }))
    expect(bad).toEqual({ ok: false, problems: [{ field: 'profile.apiKey', message: expect.stringMatching(/unknown field "apiKey"/) }] })
  })

  it('says when the text is not JSON, not an object, or not a profile file', () => {
    const notJson = parseBenchProfileFile('{"kind": "ozon-station/bench-profile",')
    expect(notJson).toMatchObject({ ok: false, problems: [{ field: '', message: expect.stringMatching(/not valid JSON/) }] })
    expect(parseBenchProfileFile('[1,2]')).toMatchObject({ ok: false, problems: [{ field: '' }] })
    const other = parseBenchProfileFile(JSON.stringify({ kind: 'printer-list', version: 1, profile: {} }))
    expect(other).toMatchObject({ ok: false, problems: [{ field: 'kind', message: expect.stringMatching(/not a bench profile file/) }] })
    const newer = parseBenchProfileFile(JSON.stringify({ kind: 'ozon-station/bench-profile', version: 2, profile: {} }))
    expect(newer).toMatchObject({ ok: false, problems: [{ field: 'version' }] })
  })
})
