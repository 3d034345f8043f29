// Build the UI once before any e2e file starts a station (each station would otherwise race to build it).
import path from 'node:path'
import { ensureRendererBuilt } from '../../../electron/web/renderer-build'

export default async function setup(): Promise<void> {
  await ensureRendererBuilt(path.resolve(import.meta.dirname, '..', '..', '..'), (line) => console.log(line))
}
