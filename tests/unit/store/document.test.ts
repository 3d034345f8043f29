import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { memoryLogger } from '../../../shared/log'
import { openDocument, StoreError, type DocumentSpec } from '../../../electron/store'
import { tempDir } from '../../support/temp-dir'

const Notes = z.object({ notes: z.array(z.string()) })
type Notes = z.infer<typeof Notes>
const spec: DocumentSpec<Notes> = { name: 'notes', version: 1, schema: Notes, defaults: () => ({ notes: [] }) }

async function acknowledged(dir: string, ...notes: string[]) {
  const doc = await openDocument(dir, spec, memoryLogger())
  for (const n of notes) await doc.update((d) => void d.notes.push(n))
  return doc
}

describe('durable document', () => {
  it('starts from defaults and persists every acknowledged update', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'a', 'b')
    const reopened = await openDocument(dir, spec, memoryLogger())
    expect(reopened.data.notes).toEqual(['a', 'b'])
    const onDisk = JSON.parse(await readFile(path.join(dir, 'notes.json'), 'utf8'))
    expect(onDisk).toEqual({ schemaVersion: 1, data: { notes: ['a', 'b'] } })
  })

  it('recovers a corrupt file from the last good copy, keeps the corrupt one aside and says so', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'a', 'b', 'c')
    await writeFile(path.join(dir, 'notes.json'), '{"schemaVersion":1,"data":{"no')
    const log = memoryLogger()
    const doc = await openDocument(dir, spec, log)
    expect(doc.data.notes).toEqual(['a', 'b', 'c'])
    expect(doc.recovery.restoredFromBackup).toBe(true)
    const files = await readdir(dir)
    expect(files.some((f) => /^notes\.corrupt-.*\.json$/.test(f))).toBe(true)
    expect(log.lines.some((l) => l.level === 'warn' && /restored the last good copy/.test(l.message))).toBe(true)
    // and the recovered main file is whole again
    expect(JSON.parse(await readFile(path.join(dir, 'notes.json'), 'utf8')).data.notes).toEqual(['a', 'b', 'c'])
  })

  it('treats a file that parses but breaks the schema as corrupt', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'x')
    await writeFile(path.join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, data: { notes: [42] } }))
    const doc = await openDocument(dir, spec, memoryLogger())
    expect(doc.data.notes).toEqual(['x'])
  })

  it('survives a torn write: the partial temp file is discarded and the acknowledged data is intact', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'kept')
    // A crash in the middle of the next write leaves a half-written temp file behind.
    await writeFile(path.join(dir, 'notes.json.tmp-99999-7'), '{"schemaVersion":1,"data":{"notes":["kept","lo')
    const log = memoryLogger()
    const doc = await openDocument(dir, spec, log)
    expect(doc.data.notes).toEqual(['kept'])
    expect(doc.recovery.removedPartialWrites).toEqual(['notes.json.tmp-99999-7'])
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([])
  })

  it('an empty main file (power cut with a non-durable writer) is recovered too', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'a')
    await writeFile(path.join(dir, 'notes.json'), '')
    expect((await openDocument(dir, spec, memoryLogger())).data.notes).toEqual(['a'])
  })

  it('starts empty, keeping both unreadable copies aside, when nothing can be recovered', async () => {
    const dir = await tempDir()
    await acknowledged(dir, 'a')
    await writeFile(path.join(dir, 'notes.json'), 'garbage')
    await writeFile(path.join(dir, 'notes.json.bak'), 'garbage too')
    const log = memoryLogger()
    const doc = await openDocument(dir, spec, log)
    expect(doc.data.notes).toEqual([])
    expect(doc.recovery.quarantined).toHaveLength(2)
    expect(log.lines.some((l) => l.level === 'error')).toBe(true)
  })

  it('migrates old schema versions forward', async () => {
    const dir = await tempDir()
    await writeFile(path.join(dir, 'notes.json'), JSON.stringify({ schemaVersion: 1, data: { text: 'a;b' } }))
    const v2: DocumentSpec<Notes> = {
      ...spec,
      version: 2,
      migrations: { 2: (old) => ({ notes: (old as { text: string }).text.split(';') }) },
    }
    const doc = await openDocument(dir, v2, memoryLogger())
    expect(doc.data.notes).toEqual(['a', 'b'])
    expect(JSON.parse(await readFile(path.join(dir, 'notes.json'), 'utf8')).schemaVersion).toBe(2)
  })

  it('refuses a file written by a newer station and leaves it untouched', async () => {
    const dir = await tempDir()
    const text = JSON.stringify({ schemaVersion: 9, data: { notes: [] } })
    await writeFile(path.join(dir, 'notes.json'), text)
    await expect(openDocument(dir, spec, memoryLogger())).rejects.toThrow(StoreError)
    await expect(openDocument(dir, spec, memoryLogger())).rejects.toThrow(/newer version/)
    expect(await readFile(path.join(dir, 'notes.json'), 'utf8')).toBe(text)
  })

  it('coalesces concurrent updates and resolves each only once its data is on disk', async () => {
    const dir = await tempDir()
    const doc = await openDocument(dir, spec, memoryLogger())
    await Promise.all(Array.from({ length: 50 }, (_, i) => doc.update((d) => void d.notes.push(String(i)))))
    const onDisk = JSON.parse(await readFile(path.join(dir, 'notes.json'), 'utf8'))
    expect(onDisk.data.notes).toHaveLength(50)
  })
})
