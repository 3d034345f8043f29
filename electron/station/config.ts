// Where the station's settings for this process come from. People configure the station in its UI;
// environment variables are for automation and tests.
import os from 'node:os'
import path from 'node:path'

export const DEFAULT_OZON_URL = 'https://api-seller.ozon.ru'

export interface StationConfig {
  version: string
  dataDir: string
  /** Credentials from the environment make the station live; without them it runs the embedded sandbox. */
  ozon: { mode: 'live'; url: string; clientId: string; apiKey: string } | { mode: 'demo' }
  /** Demo mode: how long the sandbox keeps a label "not ready" after packing (Ozon: 45–60 s). */
  demoLabelDelayMs: number
  /** Background sync interval in minutes (0 = only on demand). */
  syncIntervalMinutes: number
  /** 'skip' (STATION_FIRST_RUN=skip): automation starts without the first-run flow, as if every step was skipped. */
  firstRun?: 'ask' | 'skip'
  /** Also write log lines to stderr (the web host and dev runs do; tests don't). */
  logToConsole: boolean
  now: () => Date
}

export function configFromEnv(env: NodeJS.ProcessEnv, fallbackDataDir: string, version: string): StationConfig {
  const clientId = env.OZON_CLIENT_ID?.trim()
  const apiKey = env.OZON_API_KEY?.trim()
  return {
    version,
    dataDir: path.resolve(env.STATION_DATA_DIR?.trim() || fallbackDataDir),
    ozon:
      clientId && apiKey
        ? { mode: 'live', url: env.OZON_API_URL?.trim() || DEFAULT_OZON_URL, clientId, apiKey }
        : { mode: 'demo' },
    demoLabelDelayMs: 5_000,
    syncIntervalMinutes: numberFrom(env.STATION_SYNC_MINUTES, 5),
    firstRun: env.STATION_FIRST_RUN?.trim() === 'skip' ? 'skip' : 'ask',
    logToConsole: env.STATION_LOG_CONSOLE !== '0',
    now: () => new Date(),
  }
}

/** The web host's default data dir (the desktop app uses Electron's userData instead). */
export function defaultWebDataDir(): string {
  return path.join(os.homedir(), '.ozon-station')
}

function numberFrom(text: string | undefined, fallback: number): number {
  const n = Number(text)
  return text !== undefined && text !== '' && Number.isFinite(n) && n >= 0 ? n : fallback
}
