// `npm run sandbox`: the Ozon sandbox for external clients on 127.0.0.1:<OZON_SANDBOX_PORT or 5198>.
// State lives in OZON_SANDBOX_DIR (default .station-data/ozon-sandbox) so a demo survives a restart.
// Demo timings: labels ready 5 s after packing, packing completes in 1.5 s.
import path from 'node:path'
import { startSandbox } from './index'

const port = Number(process.env.OZON_SANDBOX_PORT ?? 5198)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`OZON_SANDBOX_PORT must be a port number (0–65535), got "${process.env.OZON_SANDBOX_PORT}"`)
  process.exit(2)
}
const dataDir = process.env.OZON_SANDBOX_DIR ?? path.resolve('.station-data', 'ozon-sandbox')

try {
  const sb = await startSandbox({
    port,
    dataDir,
    labelReadyDelayMs: Number(process.env.OZON_SANDBOX_LABEL_DELAY_MS ?? 5000),
    log: (line) => console.error(line),
  })
  console.log(`Ozon sandbox ready at ${sb.url} (Client-Id: demo, Api-Key: demo)`)
  const stop = () => {
    void sb.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (e) {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'EADDRINUSE') console.error(`Port ${port} is busy. Stop the other program or set OZON_SANDBOX_PORT to a free port.`)
  else console.error(`Ozon sandbox failed to start: ${err.message}`)
  process.exit(1)
}
