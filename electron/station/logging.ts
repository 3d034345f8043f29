// The station log: JSON lines in <dataDir>/logs/station.log (rotated at 5 MB, three old files kept),
// optionally echoed to stderr. Secrets registered with `redact` are replaced before anything is written.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from '../../shared/log'

const MAX_BYTES = 5 * 1024 * 1024
const KEEP = 3

export interface FileLogger extends Logger {
  readonly file: string
  /** Never write this string (an Api-Key, a token) to the log. */
  redact(secret: string): void
}

export function createFileLogger(dataDir: string, opts: { console: boolean; now?: () => Date }): FileLogger {
  const dir = path.join(dataDir, 'logs')
  const file = path.join(dir, 'station.log')
  mkdirSync(dir, { recursive: true })
  const secrets = new Set<string>()
  const now = opts.now ?? (() => new Date())

  const scrub = (text: string) => {
    let out = text
    for (const s of secrets) out = out.split(s).join('***')
    return out
  }

  const write = (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => {
    const line = scrub(JSON.stringify({ at: now().toISOString(), level, message, ...(data ? { data } : {}) }))
    try {
      rotateIfLarge(file)
      appendFileSync(file, `${line}\n`)
    } catch {
      // A full or read-only disk must not take the station down; the console line below still shows it.
    }
    if (opts.console) process.stderr.write(`${level === 'info' ? '' : `${level.toUpperCase()} `}${scrub(message)}\n`)
  }

  return {
    file,
    redact: (secret) => {
      if (secret.length >= 4) secrets.add(secret)
    },
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  }
}

function rotateIfLarge(file: string): void {
  let size = 0
  try {
    size = statSync(file).size
  } catch {
    return
  }
  if (size < MAX_BYTES) return
  for (let i = KEEP - 1; i >= 1; i--) {
    try {
      renameSync(`${file}.${i}`, `${file}.${i + 1}`)
    } catch {
      /* not there yet */
    }
  }
  renameSync(file, `${file}.1`)
}
