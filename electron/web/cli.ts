// `npm run web`: the station in a browser. Builds the UI if needed, starts the core (demo mode against the
// embedded sandbox unless OZON_CLIENT_ID/OZON_API_KEY are set) and serves it on 127.0.0.1.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { configFromEnv, createStation, defaultWebDataDir } from '../station'
import { ensureRendererBuilt } from './renderer-build'
import { startWebHost } from './server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version

async function main(): Promise<void> {
  const token = process.env.STATION_TOKEN?.trim() || randomBytes(24).toString('base64url')
  const port = Number(process.env.STATION_PORT ?? 5199)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`STATION_PORT must be a port number, got "${process.env.STATION_PORT}"`)

  const staticDir = process.env.STATION_SKIP_UI_BUILD === '1' ? path.join(root, 'out', 'renderer') : await ensureRendererBuilt(root, (l) => console.log(l))
  const station = await createStation(configFromEnv(process.env, defaultWebDataDir(), version))
  const host = await startWebHost({ station, token, port, staticDir, log: station.log })
  console.log(`Station ready at ${host.url}/?token=${token}`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    station.log.info(`${signal}: shutting down`)
    await host.close()
    await station.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') console.error(`Port ${process.env.STATION_PORT ?? 5199} is taken. Set STATION_PORT to a free port, e.g. STATION_PORT=5200 npm run web`)
  else console.error(`The station could not start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
