// The cache of Ozon's labels on disk: <dataDir>/labels/ozon/<posting number>.pdf, one PDF per posting.
// Written durably (temp file → fsync → rename → fsync of the folder), so after a power cut a file is either the
// whole label or absent — never a torn PDF that would print half a label.
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { writeFileDurably } from '../../store'

/** Ozon posting numbers are digits and dashes ("41257303-0007-1"); anything else never becomes a file name. */
const SAFE_POSTING = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/

export class OzonLabelFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'labels', 'ozon')
  }

  fileOf(postingNumber: string): string {
    if (!SAFE_POSTING.test(postingNumber)) throw new Error(`"${postingNumber}" is not an Ozon posting number`)
    return path.join(this.dir, `${postingNumber}.pdf`)
  }

  async write(postingNumber: string, pdf: Uint8Array): Promise<void> {
    await writeFileDurably(this.fileOf(postingNumber), pdf)
  }

  /** The cached label, or null when there is none (or it is not a PDF — then it is removed). */
  async read(postingNumber: string): Promise<Uint8Array | null> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.fileOf(postingNumber))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
    if (!looksLikePdf(bytes)) {
      await rm(this.fileOf(postingNumber), { force: true })
      return null
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** A whole label is there (the file is read and checked: used for files a crash may have left). */
  async has(postingNumber: string): Promise<boolean> {
    return (await this.read(postingNumber)) !== null
  }

  /** A file is there (not read: cheap for the hundreds of labels already known to be ready). */
  async exists(postingNumber: string): Promise<boolean> {
    return stat(this.fileOf(postingNumber)).then(
      (s) => s.size > 0,
      () => false,
    )
  }

  /** Removes leftovers of interrupted writes and labels older than `days` (printed long ago). */
  async prune(days: number, now: Date): Promise<number> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch {
      return 0
    }
    let removed = 0
    for (const name of names) {
      const file = path.join(this.dir, name)
      const partial = name.includes('.tmp-')
      const old = !partial && (await stat(file).then((s) => now.getTime() - s.mtimeMs > days * 86_400_000).catch(() => false))
      if (partial || old) {
        await rm(file, { force: true })
        removed++
      }
    }
    return removed
  }
}

/** A whole PDF starts with "%PDF-" and ends (give or take whitespace) with "%%EOF". */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 16) return false
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1')
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 32))).toString('latin1')
  return head === '%PDF-' && tail.includes('%%EOF')
}
