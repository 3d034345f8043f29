import { appendFile, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryLogger } from '../../../shared/log'
import { openAuditLog, openJournal } from '../../../electron/store'
import { tempDir } from '../../support/temp-dir'

describe('operation journal', () => {
  it('keeps an intent across a restart so the owner can resume it', async () => {
    const dir = await tempDir()
    const j1 = await openJournal(dir, memoryLogger())
    const op = await j1.begin({ kind: 'ship', key: '123-0001-1', intent: { packages: 2 }, operator: 'Анна', bench: 'Стол 2' })
    await j1.advance(op.id, { state: 'called', attempts: 1 })
    // "crash": a new process opens the same data dir
    const j2 = await openJournal(dir, memoryLogger())
    const open = j2.openEntries('ship')
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({ key: '123-0001-1', state: 'called', attempts: 1, intent: { packages: 2 }, operator: 'Анна' })
    await j2.close(op.id, { state: 'confirmed', result: { postings: ['123-0001-1'] } })
    const j3 = await openJournal(dir, memoryLogger())
    expect(j3.openEntries()).toEqual([])
    expect(j3.latest('ship', '123-0001-1')).toMatchObject({ closed: true, state: 'confirmed' })
  })

  it('moves operations closed over 30 days ago to a monthly archive, keeping open and recent ones', async () => {
    const dir = await tempDir()
    let t = Date.parse('2026-09-01T10:00:00Z')
    const clock = () => new Date(t)
    const j1 = await openJournal(dir, memoryLogger(), clock)
    const old = await j1.begin({ kind: 'tracking', key: 'A', intent: {} })
    await j1.close(old.id, { state: 'accepted' })
    const stillOpen = await j1.begin({ kind: 'ship', key: 'B', intent: {} })
    t = Date.parse('2026-10-20T10:00:00Z')
    const recent = await j1.begin({ kind: 'tracking', key: 'C', intent: {} })
    await j1.close(recent.id, { state: 'accepted' })

    const j2 = await openJournal(dir, memoryLogger(), clock)
    expect(j2.entries().map((e) => e.key).sort()).toEqual(['B', 'C'])
    expect(j2.openEntries().map((e) => e.id)).toEqual([stillOpen.id])
    const archived = (await readFile(path.join(dir, 'journal-archive', '2026-09.jsonl'), 'utf8')).trim().split('\n')
    expect(archived.map((l) => JSON.parse(l).key)).toEqual(['A'])
  })

  it('refuses to advance a closed operation', async () => {
    const j = await openJournal(await tempDir(), memoryLogger())
    const op = await j.begin({ kind: 'print', key: 'job-1', intent: {} })
    await j.close(op.id, { state: 'sent' })
    expect(() => j.advance(op.id, { state: 'sending' })).toThrow(/already closed/)
  })
})

describe('audit log', () => {
  it('appends entries per month and reads them newest first, skipping a torn last line', async () => {
    const dir = await tempDir()
    let t = Date.parse('2026-11-30T23:58:00Z')
    const audit = openAuditLog(dir, () => new Date((t += 60_000)))
    await audit.append({ operator: 'Анна', bench: 'Стол 2', action: 'packing.scan', postingNumber: 'A-1' })
    await audit.append({ operator: 'Анна', bench: 'Стол 2', action: 'packing.ship', postingNumber: 'A-1' })
    await appendFile(path.join(dir, 'audit', '2026-12.jsonl'), '{"at":"2026-12-01T00:0')
    const all = await audit.read()
    expect(all.map((e) => e.action)).toEqual(['packing.ship', 'packing.scan'])
    expect(all.map((e) => e.at)).toEqual(['2026-12-01T00:00:00.000Z', '2026-11-30T23:59:00.000Z'])
    expect((await readdir(path.join(dir, 'audit'))).sort()).toEqual(['2026-11.jsonl', '2026-12.jsonl'])
    expect(await audit.read({ action: 'packing.scan' })).toHaveLength(1)
  })
})
