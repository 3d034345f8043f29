// design.md: only electron/main and electron/preload may import 'electron' (its binary is not available
// in plain Node, where the core, the web host and every test run); the renderer never imports Node or core code.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..', '..')

async function sources(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...(await sources(rel)))
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name)) out.push(rel)
  }
  return out
}

// Static imports/re-exports, side-effect imports and dynamic import() — at the start of a statement only,
// so strings that merely mention a module are not mistaken for imports.
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
]
const importsOf = (text: string) => IMPORT_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!))

describe('module boundaries', () => {
  it('only electron/main and electron/preload import electron', async () => {
    const offenders: string[] = []
    for (const dir of ['electron', 'shared', 'renderer', 'tests']) {
      for (const file of await sources(dir)) {
        if (file.startsWith(path.join('electron', 'main')) || file.startsWith(path.join('electron', 'preload'))) continue
        const text = await readFile(path.join(root, file), 'utf8')
        // `import type` is erased at build time and never loads the module.
        const real = text.replace(/^\s*import\s+type\b[^;]+;?/gm, '')
        if (importsOf(real).some((s) => s === 'electron' || s.startsWith('electron/'))) offenders.push(file)
      }
    }
    expect(offenders).toEqual([])
  })

  it('shared/ and renderer/ do not reach into electron/ or Node built-ins', async () => {
    const offenders: string[] = []
    for (const dir of ['shared', 'renderer']) {
      for (const file of await sources(dir)) {
        if (file.endsWith('vite.config.ts')) continue // build configuration runs in Node
        const text = await readFile(path.join(root, file), 'utf8')
        for (const spec of importsOf(text)) {
          if (spec.startsWith('node:') || /(^|\/)electron\//.test(spec)) offenders.push(`${file} → ${spec}`)
        }
      }
    }
    expect(offenders).toEqual([])
  })
})
