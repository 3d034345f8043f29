// The Ozon accounts (seller cabinets) this station works for, each with its own client.
// Demo mode runs the embedded sandbox on a free loopback port and points the real client at it,
// so demo and live go through exactly the same code.
import path from 'node:path'
import type { Logger } from '../../shared/log'
import { createOzonClient, type OzonClient } from '../ozon'
import { startSandbox } from '../ozon/sandbox'
import type { StationConfig } from './config'

export interface Account {
  id: string
  label: string
  mode: 'demo' | 'live'
  url: string
  client: OzonClient
}

export interface Accounts {
  list(): Account[]
  get(id: string): Account | undefined
  close(): Promise<void>
}

export const DEMO_CREDENTIALS = { clientId: 'demo', apiKey: 'demo' }

export async function openAccounts(config: StationConfig, log: Logger): Promise<Accounts> {
  const accounts: Account[] = []
  let stopSandbox: (() => Promise<void>) | null = null

  if (config.ozon.mode === 'live') {
    const { url, clientId, apiKey } = config.ozon
    accounts.push({ id: clientId, label: `Ozon ${clientId}`, mode: 'live', url, client: createOzonClient({ baseUrl: url, clientId, apiKey, logger: log }) })
  } else {
    const sandbox = await startSandbox({
      port: 0,
      dataDir: path.join(config.dataDir, 'sandbox'),
      labelReadyDelayMs: config.demoLabelDelayMs,
      accounts: [{ ...DEMO_CREDENTIALS, name: 'Demo' }],
    })
    stopSandbox = () => sandbox.close()
    log.info(`demo mode: Ozon sandbox at ${sandbox.url}`)
    accounts.push({
      id: DEMO_CREDENTIALS.clientId,
      label: 'Demo',
      mode: 'demo',
      url: sandbox.url,
      client: createOzonClient({ baseUrl: sandbox.url, ...DEMO_CREDENTIALS, logger: log }),
    })
  }

  return {
    list: () => accounts,
    get: (id) => accounts.find((a) => a.id === id),
    close: async () => {
      await stopSandbox?.()
    },
  }
}
