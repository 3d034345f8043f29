// One station per data dir: a second process on the same files would overwrite the first one's writes.
// The lock is a file holding the owner's pid; a lock left by a process that no longer runs is taken over.
import { open, readFile, unlink } from 'node:fs/promises'
import path from 'node:path'
import { StoreError } from './document'

export interface DataDirLock {
  release(): Promise<void>
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, 'station.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx')
      await fh.writeFile(String(process.pid))
      await fh.close()
      return { release: () => unlink(file).catch(() => undefined) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new StoreError(
          `Another station (process ${owner}) is already using the data folder ${dataDir}. Close it first, or start this one with its own STATION_DATA_DIR.`,
          file,
        )
      }
      await unlink(file).catch(() => undefined) // stale: its owner is gone
    }
  }
  throw new StoreError(`Could not lock the data folder ${dataDir}`, file)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
