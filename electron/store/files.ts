// Writing files so that a crash or a power cut never leaves half of one: the one implementation every part of the
// station uses (documents, audit log, journal archive, print jobs, label PDFs, hand-over documents, secrets).
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'

let tmpCounter = 0

/**
 * temp file (`<file>.tmp-<pid>-<n>`) → fsync → rename over `file` → fsync of the folder: afterwards the file is the
 * old version or the new one, never a mix. `mode` (e.g. 0o600) is set on the temp file before it takes the name.
 */
export async function writeFileDurably(file: string, data: Uint8Array | string, opts: { mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file)
  await mkdir(dir, { recursive: true })
  const tmp = `${file}.tmp-${process.pid}-${++tmpCounter}`
  const fh = await open(tmp, 'wx', opts.mode ?? 0o666)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } catch (err) {
    await fh.close()
    await unlink(tmp).catch(() => undefined)
    throw err
  }
  await fh.close()
  try {
    // open() applies the umask, which can only narrow the mode; chmod makes it exact.
    if (opts.mode !== undefined && process.platform !== 'win32') await chmod(tmp, opts.mode)
    await rename(tmp, file)
  } catch (err) {
    await unlink(tmp).catch(() => undefined)
    throw err
  }
  await syncDir(dir)
}

/** Appends and fsyncs, so an acknowledged line survives a power cut (a torn last line is the reader's to skip). */
export async function appendFileDurably(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const fh = await open(file, 'a')
  try {
    await fh.write(text)
    await fh.sync()
  } finally {
    await fh.close()
  }
  await syncDir(path.dirname(file))
}

/** fsync of a folder makes a rename or a new file in it durable. */
export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder; NTFS journals the rename itself. Some file systems refuse fsync on a folder;
  // the rename is still atomic there.
  if (process.platform === 'win32') return
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } catch {
    /* see above */
  } finally {
    await fh.close()
  }
}

