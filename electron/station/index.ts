// createStation(config): the core behind both hosts. It opens the store, connects the Ozon accounts
// (starting the embedded sandbox in demo mode), wires each area's handlers into the contract and
// exposes one `dispatch` for the hosts plus a typed `call` for tests and scripts.
import type { Args, EventName, EventPayload, MethodName, Result } from '../../shared/contract'
import type { Logger } from '../../shared/log'
import { mkdir } from 'node:fs/promises'
import { lockDataDir, openDocument } from '../store'
import { openAccounts } from './accounts'
import type { StationConfig } from './config'
import { dispatch, type Handlers } from './dispatch'
import { EventBus, type StationListener } from './events'
import { createFileLogger } from './logging'
import { ordersDocument } from './orders/document'
import { ordersHandlers } from './orders/handlers'
import { OrdersSync } from './orders/sync'

export interface Station {
  /** Validates raw arguments against the contract, runs the method, returns the contract's result. */
  dispatch(method: string, rawArgs: unknown): Promise<unknown>
  /** Typed convenience over `dispatch` for tests and scripts. */
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>
  subscribe(listener: StationListener): () => void
  readonly log: Logger
  close(): Promise<void>
}

export type { StationListener, EventName, EventPayload }
export { configFromEnv, defaultWebDataDir, type StationConfig } from './config'

export async function createStation(config: StationConfig, opts: { logger?: Logger } = {}): Promise<Station> {
  await mkdir(config.dataDir, { recursive: true })
  const lock = await lockDataDir(config.dataDir)
  const fileLog = createFileLogger(config.dataDir, { console: config.logToConsole, now: config.now })
  if (config.ozon.mode === 'live') fileLog.redact(config.ozon.apiKey)
  const log = opts.logger ?? fileLog
  const events = new EventBus(log)
  const accounts = await openAccounts(config, log)
  const ordersDoc = await openDocument(config.dataDir, ordersDocument, log)
  const sync = new OrdersSync({ doc: ordersDoc, accounts: () => accounts.list(), events, log, now: config.now })

  const handlers: Handlers = {
    'station.info': async () => ({
      version: config.version,
      mode: config.ozon.mode,
      dataDir: config.dataDir,
      ozonUrl: accounts.list()[0]?.url ?? '',
    }),
    ...ordersHandlers(ordersDoc, sync),
  }

  let closing: Promise<void> | null = null
  sync.startBackground(config.syncIntervalMinutes)
  log.info(`station ${config.version} started in ${config.ozon.mode} mode`, { dataDir: config.dataDir })

  return {
    dispatch: (method, rawArgs) => dispatch(handlers, method, rawArgs, log),
    call: (method, args) => dispatch(handlers, method, args, log) as Promise<Result<typeof method>>,
    subscribe: (listener) => events.subscribe(listener),
    log,
    close() {
      closing ??= (async () => {
        sync.stopBackground()
        await sync.settle()
        await accounts.close()
        await lock.release()
      })()
      return closing
    },
  }
}
