// `npm run bench [-- name...]` runs every tests/bench/*.bench.ts (or the named ones) in this one process,
// so each bench's naive baseline and our implementation share the same machine state.
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'
import { Reporter, type Bench } from './lib'

const dir = path.dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort()

let failed = false
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(dir, file)).href)).default as Bench
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue
  try {
    await bench.run(new Reporter(bench.name))
  } catch (err) {
    failed = true
    console.error(`${bench.name}: FAILED`, err)
  }
}
process.exit(failed ? 1 : 0)
