// Work Ozon finishes asynchronously, settled lazily before each request so tests with a fixed clock are
// deterministic: packing jobs complete (or fail with ship_failed), marking-code checks end, label tasks finish.
import type { Call } from './routes/types'
import type { SandboxState } from './state'
import type { FileAnswer } from './routes/types'

const settlers: ((c: Call) => void)[] = []

/** Registers a settling step (each feature module adds its own). */
export function addSettler(fn: (c: Call) => void): void {
  settlers.push(fn)
}

export function settleAccount(c: Call): void {
  for (const s of settlers) s(c)
}

const fileServers: ((state: SandboxState, path: string) => Promise<FileAnswer | null> | FileAnswer | null)[] = []

export function addFileServer(fn: (state: SandboxState, path: string) => Promise<FileAnswer | null> | FileAnswer | null): void {
  fileServers.push(fn)
}

export async function serveFile(state: SandboxState, path: string): Promise<FileAnswer | null> {
  for (const f of fileServers) {
    const r = await f(state, path)
    if (r) return r
  }
  return null
}
