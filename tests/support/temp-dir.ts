import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

/** A fresh directory under the OS temp dir, removed after the current test. */
export async function tempDir(prefix = 'station-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  afterEach(() => rm(dir, { recursive: true, force: true }))
  return dir
}
