// A lowdb adapter that survives crashes and power cuts (lowdb's own writer renames without fsync).
//
// write: new content → <file>.tmp-* → fsync → rename over <file> → fsync dir, then the same bytes are written
//        to <file>.bak the same way. So the main file is always a complete version and the .bak copy is the
//        latest or the one before it.
// read:  leftovers of an interrupted write are removed; a main file that is missing, unparsable or fails the
//        schema is moved aside as <name>.corrupt-<timestamp>.json (never deleted) and the .bak copy takes its
//        place. Each of these steps writes a clear log line.
import { readFile, rename, readdir, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { Adapter } from 'lowdb'
import type { Logger } from '../../shared/log'
import { writeFileDurably } from './files'

export interface RecoveryReport {
  /** The main file was unreadable and the last good copy was used. */
  restoredFromBackup: boolean
  /** Files moved aside because they could not be read (kept for inspection). */
  quarantined: string[]
  /** Temp files of an interrupted write that were removed. */
  removedPartialWrites: string[]
}

export class DurableJsonFile<T> implements Adapter<T> {
  readonly recovery: RecoveryReport = { restoredFromBackup: false, quarantined: [], removedPartialWrites: [] }
  private readonly backup: string
  private inFlight: Promise<void> | null = null
  private queued: { data: T; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> } | null = null

  constructor(
    readonly file: string,
    private readonly parse: (raw: unknown) => T,
    private readonly log: Logger,
  ) {
    this.backup = `${file}.bak`
  }

  async read(): Promise<T | null> {
    await this.removePartialWrites()
    const main = await this.load(this.file)
    if (main.ok) return main.value
    if (main.reason !== 'missing') await this.quarantine(this.file, main.reason)

    const bak = await this.load(this.backup)
    if (bak.ok) {
      this.recovery.restoredFromBackup = true
      this.log.warn(`store: ${path.basename(this.file)} was ${describe(main.reason)}; restored the last good copy`, {
        file: this.file,
      })
      await this.write(bak.value)
      return bak.value
    }
    if (bak.reason !== 'missing') await this.quarantine(this.backup, bak.reason)
    if (main.reason !== 'missing' || bak.reason !== 'missing') {
      this.log.error(`store: ${path.basename(this.file)} and its copy are unreadable; starting empty`, {
        file: this.file,
        keptAs: this.recovery.quarantined,
      })
    }
    return null
  }

  /** Resolves once `data` (or newer data handed in later) is durably on disk. Writes are serialised and coalesced. */
  write(data: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.queued) {
        this.queued.data = data
        this.queued.waiters.push({ resolve, reject })
      } else {
        this.queued = { data, waiters: [{ resolve, reject }] }
      }
      if (!this.inFlight) this.inFlight = this.drain()
    })
  }

  private async drain(): Promise<void> {
    while (this.queued) {
      const { data, waiters } = this.queued
      this.queued = null
      try {
        await this.writeNow(JSON.stringify(data))
        for (const w of waiters) w.resolve()
      } catch (err) {
        for (const w of waiters) w.reject(err)
      }
    }
    this.inFlight = null
  }

  private async writeNow(text: string): Promise<void> {
    await writeFileDurably(this.file, text)
    await writeFileDurably(this.backup, text)
  }

  private async load(file: string): Promise<{ ok: true; value: T } | { ok: false; reason: FailReason }> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' }
      throw err
    }
    if (text.trim() === '') return { ok: false, reason: 'empty' }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      return { ok: false, reason: 'not-json' }
    }
    try {
      return { ok: true, value: this.parse(raw) }
    } catch (err) {
      if (err instanceof NewerVersionError) throw err
      this.log.warn(`store: ${path.basename(file)} does not match the expected shape`, { error: String(err) })
      return { ok: false, reason: 'invalid' }
    }
  }

  private async quarantine(file: string, reason: FailReason): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const base = path.basename(file).replace(/\.json(\.bak)?$/, '')
    const target = path.join(path.dirname(file), `${base}.corrupt-${stamp}${file.endsWith('.bak') ? '.bak' : ''}.json`)
    await rename(file, target)
    this.recovery.quarantined.push(target)
    this.log.warn(`store: ${path.basename(file)} was ${describe(reason)}; moved aside as ${path.basename(target)}`)
  }

  private async removePartialWrites(): Promise<void> {
    const dir = path.dirname(this.file)
    const prefixes = [`${path.basename(this.file)}.tmp-`, `${path.basename(this.backup)}.tmp-`]
    for (const name of await readdir(dir)) {
      if (!prefixes.some((p) => name.startsWith(p))) continue
      await unlink(path.join(dir, name))
      this.recovery.removedPartialWrites.push(name)
      this.log.warn(`store: removed ${name}, left over from a write that was interrupted (the previous version is intact)`)
    }
  }
}

type FailReason = 'missing' | 'empty' | 'not-json' | 'invalid'

function describe(reason: FailReason): string {
  return { missing: 'missing', empty: 'empty', 'not-json': 'not valid JSON', invalid: 'not in the expected shape' }[reason]
}

/** Thrown by a parser when the file was written by a newer station: never quarantine it, refuse to open. */
export class NewerVersionError extends Error {}
