// Persistence of the sandbox world in its data dir: one JSON file, written with the store's durable writer
// (temp → fsync → rename → fsync dir) so a killed demo never leaves a half-written state. A corrupt file is moved
// aside, never deleted.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import path from 'node:path'
import { writeFileDurably } from '../../store'
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

  save(world: SbWorld): Promise<void> {
    return writeFileDurably(this.file, JSON.stringify(world))
  }
}
