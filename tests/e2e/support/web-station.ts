// Starts the station exactly as `npm run web` does (same entry file, same env variables) in a child
// process with its own data dir and port, and waits for its ready line.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..', '..')

export interface WebStation {
  url: string
  /** The address with ?token=, as printed. */
  openUrl: string
  token: string
  dataDir: string
  output: () => string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

export async function startWebStation(env: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<WebStation> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'station-e2e-')))
  const port = await freePort()
  const token = `e2e-${Math.random().toString(36).slice(2)}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'web', 'cli.ts')], {
    cwd: root,
    // STATION_FIRST_RUN=skip: tests start in the station itself; the first-run e2e passes STATION_FIRST_RUN=ask.
    env: { ...process.env, STATION_DATA_DIR: dataDir, STATION_PORT: String(port), STATION_TOKEN: token, STATION_SKIP_UI_BUILD: '1', STATION_FIRST_RUN: 'skip', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))

  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start within 60 s:\n${output}`)), 60_000)
    const check = () => {
      const m = /Station ready at (\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`station exited with ${code}:\n${output}`))
    })
  })

  return {
    url: `http://127.0.0.1:${port}`,
    openUrl,
    token,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
