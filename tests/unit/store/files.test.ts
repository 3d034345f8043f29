import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendFileDurably, writeFileDurably } from '../../../electron/store'
import { tempDir } from '../../support/temp-dir'

describe('durable file writes', () => {
  it('replaces a file whole, creates its folder, leaves no temp file, and sets an exact mode', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'a', 'b', 'key.json')
    await writeFileDurably(file, 'first')
    await writeFileDurably(file, 'second', { mode: 0o600 })
    expect(await readFile(file, 'utf8')).toBe('second')
    expect(await readdir(path.dirname(file))).toEqual(['key.json'])
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('leaves what was there and no temp file when the new version cannot take the name', async () => {
    const dir = await tempDir()
    const target = path.join(dir, 'doc.pdf')
    await mkdir(target) // a folder in the way: the rename must fail
    await writeFile(path.join(target, 'inside'), 'kept')
    await expect(writeFileDurably(target, 'new')).rejects.toThrow()
    expect(await readFile(path.join(target, 'inside'), 'utf8')).toBe('kept')
    expect(await readdir(dir)).toEqual(['doc.pdf'])
  })

  it('appends lines to a file in a folder it creates', async () => {
    const dir = await tempDir()
    const file = path.join(dir, 'log', 'x.jsonl')
    await appendFileDurably(file, 'a\n')
    await appendFileDurably(file, 'b\n')
    expect(await readFile(file, 'utf8')).toBe('a\nb\n')
  })
})
