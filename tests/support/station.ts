// A real station (demo mode: embedded sandbox on loopback, real files in a temp dir) for tests.
import { afterEach } from 'vitest'
import { createStation, type Station, type StationConfig } from '../../electron/station'
import { startWebHost, type WebHost } from '../../electron/web/server'
import { silentLogger } from '../../shared/log'
import { tempDir } from './temp-dir'

export async function testConfig(overrides: Partial<StationConfig> = {}): Promise<StationConfig> {
  return {
    version: '0.0.0-test',
    dataDir: overrides.dataDir ?? (await tempDir('station-data-')),
    ozon: { mode: 'demo' },
    demoLabelDelayMs: 0,
    syncIntervalMinutes: 0,
    logToConsole: false,
    now: () => new Date(),
    ...overrides,
  }
}

/** Starts a station and closes it after the test. Background sync is off unless the config says otherwise. */
export async function startTestStation(overrides: Partial<StationConfig> = {}): Promise<{ station: Station; config: StationConfig }> {
  const config = await testConfig(overrides)
  const station = await createStation(config, { logger: silentLogger })
  afterEach(() => station.close())
  return { station, config }
}

export const TEST_TOKEN = 'test-token-0123456789abcdef'

export async function startTestWebHost(station: Station, staticDir?: string): Promise<WebHost> {
  const host = await startWebHost({ station, token: TEST_TOKEN, port: 0, staticDir, log: silentLogger })
  afterEach(() => host.close())
  return host
}
