// The bench profile and the operators through the contract on a real station: validation naming the field,
// export on one bench → import on another, PINs stored only as hashes, the current operator on every audit
// entry, and the first-run state.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStation } from '../../../electron/station'
import { StationError } from '../../../shared/errors'
import { silentLogger } from '../../../shared/log'
import { startTestStation, testConfig } from '../../support/station'

describe('bench profile through the contract', () => {
  it('saves a change, audits it, and refuses a bad value naming the field', async () => {
    const { station, config } = await startTestStation()
    const events: unknown[] = []
    station.subscribe((e, p) => e === 'settings.changed' && events.push(p))
    const saved = await station.call('settings.update', {
      profile: { benchName: 'Стол 2', language: 'zh', verification: 'advisory', sounds: { enabled: true, volume: 0.4 }, syncIntervalMinutes: 10 },
    })
    expect(saved.profile).toMatchObject({ benchName: 'Стол 2', language: 'zh', verification: 'advisory', sounds: { volume: 0.4 }, syncIntervalMinutes: 10 })
    expect(events).toEqual([{ part: 'profile' }])

    const err = await station.dispatch('settings.update', { profile: { sounds: { enabled: true, volume: 2 } } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StationError)
    expect(err).toMatchObject({ code: 'invalid_args', field: 'profile.sounds.volume' })

    const clash = await station
      .call('settings.update', { profile: { calendarOverrides: [{ date: '2026-05-04', working: true }, { date: '2026-05-04', working: false }] } })
      .catch((e: unknown) => e)
    expect(clash).toMatchObject({ code: 'invalid_args', field: 'profile.calendarOverrides.1.date' })

    // On disk, and survives a restart.
    await station.close()
    const again = await createStation(config, { logger: silentLogger })
    try {
      expect((await again.call('settings.get', {})).profile.benchName).toBe('Стол 2')
    } finally {
      await again.close()
    }
  })

  it('exports without secrets and imports on another bench, keeping that bench\'s name', async () => {
    const { station: first } = await startTestStation()
    await first.call('settings.update', { profile: { benchName: 'Стол 1', labelsPerPackage: 'bag', autoPrint: false, calendarOverrides: [{ date: '2026-01-09', working: true }] } })
    await first.call('operators.add', { name: 'Аня', pin: '1234' })
    await first.call('operators.add', { name: 'Борис' })
    const exported = await first.call('settings.export', {})
    expect(exported.fileName).toBe('bench-profile-Стол-1.json')
    expect(exported.json).not.toMatch(/scrypt|pinHash|1234/)

    const { station: second } = await startTestStation()
    await second.call('settings.update', { profile: { benchName: 'Стол 9' } })
    await second.call('operators.add', { name: 'борис', pin: '9999' })
    const imported = await second.call('settings.import', { json: exported.json })
    expect(imported.profile).toMatchObject({ benchName: 'Стол 9', labelsPerPackage: 'bag', autoPrint: false, calendarOverrides: [{ date: '2026-01-09', working: true }] })
    // Names are merged (case-insensitively); the local Борис keeps his PIN.
    expect(imported.operators.map((o) => [o.name, o.hasPin])).toEqual([
      ['борис', true],
      ['Аня', false],
    ])

    const renamed = await second.call('settings.import', { json: exported.json, keepBenchName: false })
    expect(renamed.profile.benchName).toBe('Стол 1')
  })

  it('rejects a malformed profile file and names the field; nothing changes', async () => {
    const { station } = await startTestStation()
    const before = await station.call('settings.get', {})
    const json = JSON.stringify({ kind: 'ozon-station/bench-profile', version: 1, profile: { benchName: 'Стол 3', labelsPerPackage: 'sticker' } })
    const err = await station.call('settings.import', { json }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'invalid_args', field: 'profile.labelsPerPackage', key: 'settings:transfer.errors.invalid' })
    expect((err as StationError).message).toMatch(/profile\.labelsPerPackage/)
    const broken = await station.call('settings.import', { json: '{"kind":' }).catch((e: unknown) => e)
    expect(broken).toMatchObject({ code: 'invalid_args', field: 'json' })
    expect((broken as StationError).message).toMatch(/not valid JSON/)
    expect(await station.call('settings.get', {})).toEqual(before)
  })
})

describe('operators', () => {
  it('keep only a PIN hash, ask the PIN to switch, and every audit entry names the current operator', async () => {
    const { station, config } = await startTestStation()
    await station.call('settings.update', { profile: { benchName: 'Стол 4' } })
    const withAnna = await station.call('operators.add', { name: 'Анна', pin: '2468' })
    expect(withAnna.currentOperatorId).toBe(withAnna.operators[0]!.id) // the first operator becomes current
    const withBoth = await station.call('operators.add', { name: 'Пётр' })
    const [anna, petr] = withBoth.operators
    expect(anna).toEqual({ id: expect.any(String), name: 'Анна', hasPin: true })
    expect(petr!.hasPin).toBe(false)

    const settingsText = await readFile(path.join(config.dataDir, 'settings.json'), 'utf8')
    expect(settingsText).not.toContain('2468')
    expect(settingsText).toMatch(/scrypt\$/)

    await station.call('operators.switch', { id: petr!.id })
    const noPin = await station.call('operators.switch', { id: anna!.id }).catch((e: unknown) => e)
    expect(noPin).toMatchObject({ code: 'invalid_args', field: 'pin', key: 'settings:operators.errors.pinNeeded' })
    const wrong = await station.call('operators.switch', { id: anna!.id, pin: '1111' }).catch((e: unknown) => e)
    expect(wrong).toMatchObject({ field: 'pin', key: 'settings:operators.errors.wrongPin' })
    const ok = await station.call('operators.switch', { id: anna!.id, pin: '2468' })
    expect(ok.currentOperatorId).toBe(anna!.id)

    await station.call('settings.update', { profile: { autoPrint: false } })
    const month = new Date().toISOString().slice(0, 7)
    const lines = (await readFile(path.join(config.dataDir, 'audit', `${month}.jsonl`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l))
    const switches = lines.filter((l) => l.action === 'operator.switch')
    expect(switches.map((l) => [l.operator, l.details.from, l.bench])).toEqual([
      ['Пётр', 'Анна', 'Стол 4'],
      ['Анна', 'Пётр', 'Стол 4'],
    ])
    expect(lines.at(-1)).toMatchObject({ action: 'settings.update', operator: 'Анна', bench: 'Стол 4', details: { fields: ['autoPrint'] } })
    expect(JSON.stringify(lines)).not.toContain('2468')
  })

  it('refuses a duplicate name and a PIN that is not 4 digits, naming the field', async () => {
    const { station } = await startTestStation()
    await station.call('operators.add', { name: 'Ира' })
    expect(await station.call('operators.add', { name: ' ира ' }).catch((e: unknown) => e)).toMatchObject({ code: 'conflict', field: 'name' })
    expect(await station.dispatch('operators.add', { name: 'Оля', pin: '12a4' }).catch((e: unknown) => e)).toMatchObject({ code: 'invalid_args', field: 'pin' })
  })

  it('removing the current operator leaves nobody current; changing a PIN replaces the hash', async () => {
    const { station } = await startTestStation()
    const s = await station.call('operators.add', { name: 'Ким', pin: '1357' })
    const id = s.operators[0]!.id
    await station.call('operators.update', { id, pin: null })
    expect((await station.call('settings.get', {})).operators[0]!.hasPin).toBe(false)
    await station.call('operators.switch', { id }) // no PIN needed any more
    const after = await station.call('operators.remove', { id })
    expect(after).toMatchObject({ operators: [], currentOperatorId: null })
  })
})

describe('first run', () => {
  it('starts pending, records steps, finishes (unvisited steps count as skipped) and can be shown again', async () => {
    const { station } = await startTestStation()
    expect((await station.call('settings.get', {})).firstRun).toMatchObject({ completed: false, steps: { language: 'pending', printer: 'pending' } })
    await station.call('settings.firstRunStep', { step: 'language', state: 'done' })
    await station.call('settings.firstRunStep', { step: 'account', state: 'skipped' })
    const done = await station.call('settings.finishFirstRun', {})
    expect(done).toMatchObject({
      completed: true,
      steps: { language: 'done', bench: 'skipped', operator: 'skipped', account: 'skipped', printer: 'skipped', testLabel: 'skipped' },
    })
    const again = await station.call('settings.restartFirstRun', {})
    expect(again).toMatchObject({ completed: false, completedAt: null, steps: { language: 'pending' } })
  })

  it('automation (STATION_FIRST_RUN=skip) starts with the flow already done', async () => {
    const station = await createStation({ ...(await testConfig()), firstRun: 'skip' }, { logger: silentLogger })
    try {
      expect((await station.call('settings.get', {})).firstRun.completed).toBe(true)
    } finally {
      await station.close()
    }
  })
})
