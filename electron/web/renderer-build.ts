// `npm run web` serves the built renderer. It builds it only when a source file is newer than the
// last build, so a second start is fast.
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

export async function ensureRendererBuilt(root: string, log: (line: string) => void): Promise<string> {
  const outDir = path.join(root, 'out', 'renderer')
  const built = await stat(path.join(outDir, 'index.html')).then((s) => s.mtimeMs, () => 0)
  const sources = await newestMtime([path.join(root, 'renderer'), path.join(root, 'shared'), path.join(root, 'resources')])
  if (built > 0 && built >= sources) return outDir
  log(built === 0 ? 'Building the station UI (first start)…' : 'UI sources changed, rebuilding the station UI…')
  const { build } = await import('vite')
  await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' })
  return outDir
}

async function newestMtime(dirs: string[]): Promise<number> {
  let newest = 0
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) await walk(p)
      else newest = Math.max(newest, (await stat(p)).mtimeMs)
    }
  }
  for (const d of dirs) await walk(d)
  return newest
}
