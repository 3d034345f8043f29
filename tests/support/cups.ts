// A real CUPS print queue for tests: starts cupsd when it is not running and creates the cups-pdf queue "PDF"
// when it is missing (both idempotent), so CI only needs the Debian packages cups, cups-bsd and
// printer-driver-cups-pdf installed. Printed PDFs land in cups-pdf's output folder (Out in cups-pdf.conf,
// ${HOME}/PDF by default).
import { execFile, spawn } from 'node:child_process'
import { readdir, readFile, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface CupsPdfQueue {
  queue: string
  /** Where cups-pdf writes the PDFs of jobs submitted by this user. */
  outputDir: string
}

/** Why the CUPS test cannot run here, or null when `lp` exists (then the queue must come up or the test fails). */
export async function cupsUnavailable(): Promise<string | null> {
  try {
    await run('sh', ['-c', 'command -v lp && command -v lpstat && command -v lpadmin'])
    return null
  } catch {
    return 'CUPS is not installed (no lp/lpstat/lpadmin on PATH); install cups, cups-bsd and printer-driver-cups-pdf'
  }
}

export async function ensureCupsPdfQueue(queue = 'PDF'): Promise<CupsPdfQueue> {
  if (!(await schedulerRunning())) {
    // cupsd daemonises itself; a second start while one is coming up fails harmlessly.
    await new Promise<void>((resolve) => {
      const child = spawn('cupsd', [], { stdio: 'ignore' })
      child.on('exit', () => resolve())
      child.on('error', () => resolve())
    })
    const deadline = Date.now() + 15_000
    while (!(await schedulerRunning())) {
      if (Date.now() > deadline) throw new Error('cupsd did not start within 15 s (lpstat -r still says the scheduler is not running)')
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    await run('lpstat', ['-p', queue])
  } catch {
    await run('lpadmin', ['-p', queue, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'])
  }
  return { queue, outputDir: await cupsPdfOutputDir() }
}

async function schedulerRunning(): Promise<boolean> {
  try {
    const { stdout } = await run('lpstat', ['-r'])
    return /scheduler is running/i.test(stdout)
  } catch {
    return false
  }
}

async function cupsPdfOutputDir(): Promise<string> {
  let out = '${HOME}/PDF'
  try {
    const conf = await readFile('/etc/cups/cups-pdf.conf', 'utf8')
    const line = conf.split('\n').find((l) => /^\s*Out\s+/.test(l))
    if (line) out = line.trim().replace(/^Out\s+/, '')
  } catch {
    // no config: cups-pdf's default
  }
  return out.replace('${HOME}', os.homedir()).replace('${USER}', os.userInfo().username)
}

/** Waits for a PDF whose name contains `marker` to appear in `dir` (cups-pdf names files after the job title). */
export async function waitForPrintedPdf(dir: string, marker: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let names: string[] = []
    try {
      names = await readdir(dir)
    } catch {
      // the folder appears with the first job
    }
    const hit = names.find((n) => n.includes(marker) && n.endsWith('.pdf'))
    if (hit) {
      const file = path.join(dir, hit)
      // cups-pdf writes in place: wait until the size stops changing
      const a = (await stat(file)).size
      await new Promise((r) => setTimeout(r, 200))
      if (a > 0 && (await stat(file)).size === a) return file
    }
    if (Date.now() > deadline) throw new Error(`no PDF with "${marker}" in its name appeared in ${dir} within ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
