// Persistence of the sandbox world in its data dir: one JSON file, written atomically (temp → fsync → rename →
// fsync dir) so a killed demo never leaves a half-written state. A corrupt file is moved aside, never deleted.
import { mkdirSync, readFileSync, renameSync, existsSync, openSync, fsyncSync, closeSync } from 'node:fs'
import { open, rename, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { SbWorld } from './world'

export const STATE_FILE = 'ozon-sandbox.json'

export class WorldFile {
  readonly file: string

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true })
    this.file = path.join(dir, STATE_FILE)
  }

  /** The saved world, or null when there is none. A file that cannot be read is quarantined (reported via `onProblem`). */
  load(onProblem: (msg: string) => void): SbWorld | null {
    if (!existsSync(this.file)) return null
    try {
      const world = JSON.parse(readFileSync(this.file, 'utf8')) as SbWorld
      if (world?.version !== 1 || typeof world.accounts !== 'object' || world.accounts === null) throw new Error('unknown state format')
      return world
    } catch (e) {
      const aside = `${this.file}.corrupt-${Date.now()}`
      renameSync(this.file, aside)
      onProblem(`sandbox state ${this.file} could not be read (${(e as Error).message}); moved to ${aside}, starting fresh`)
      return null
    }
  }

  async save(world: SbWorld): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const tmp = `${this.file}.tmp-${process.pid}`
    const fh = await open(tmp, 'w')
    try {
      await fh.writeFile(JSON.stringify(world))
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, this.file)
    syncDir(this.dir)
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  }
}
