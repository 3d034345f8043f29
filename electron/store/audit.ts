// The audit log: who did what, when, on which bench — append-only JSON lines, one file per month
// (audit/2026-11.jsonl), each line fsynced so a crash never loses an acknowledged entry.
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { appendFileDurably } from './files'

export const AuditEntry = z.object({
  at: z.string(),
  operator: z.string(),
  bench: z.string(),
  /** Dotted verb in the packer's words: 'packing.scan', 'packing.ship', 'label.reprint', … */
  action: z.string(),
  postingNumber: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export interface AuditLog {
  append(entry: Omit<AuditEntry, 'at'> & { at?: string }): Promise<AuditEntry>
  /** Newest first; skips (and reports) damaged lines instead of failing. */
  read(filter?: { postingNumber?: string; action?: string; limit?: number }): Promise<AuditEntry[]>
}

export function openAuditLog(dataDir: string, now: () => Date = () => new Date()): AuditLog {
  const dir = path.join(dataDir, 'audit')
  let queue: Promise<unknown> = Promise.resolve()

  return {
    append(input) {
      const entry = AuditEntry.parse({ ...input, at: input.at ?? now().toISOString() })
      const file = path.join(dir, `${entry.at.slice(0, 7)}.jsonl`)
      // Appends are serialised so lines never interleave.
      const done = queue.then(async () => {
        await appendFileDurably(file, `${JSON.stringify(entry)}\n`)
        return entry
      })
      queue = done.catch(() => undefined)
      return done
    },

    async read(filter = {}) {
      let files: string[]
      try {
        files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort().reverse()
      } catch {
        return []
      }
      const out: AuditEntry[] = []
      for (const f of files) {
        const lines = (await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean).reverse()
        for (const line of lines) {
          let parsed: AuditEntry
          try {
            parsed = AuditEntry.parse(JSON.parse(line))
          } catch {
            continue // a torn last line after a power cut: skip it, keep the rest
          }
          if (filter.postingNumber && parsed.postingNumber !== filter.postingNumber) continue
          if (filter.action && parsed.action !== filter.action) continue
          out.push(parsed)
          if (filter.limit && out.length >= filter.limit) return out
        }
      }
      return out
    },
  }
}
