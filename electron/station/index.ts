// createStation(config): the core behind both hosts. It opens the store, connects the Ozon accounts
// (starting the embedded sandbox in demo mode), wires each area's handlers into the contract and
// exposes one `dispatch` for the hosts plus a typed `call` for tests and scripts.
import { mkdir } from 'node:fs/promises'
import { methodNames, type Args, type EventName, type EventPayload, type MethodName, type Result } from '../../shared/contract'
import type { Logger } from '../../shared/log'
import { lockDataDir, openAuditLog, openDocument, openJournal, type DataDirLock } from '../store'
import { openAccounts } from './accounts'
import type { StationConfig } from './config'
import type { Area, StationContext } from './context'
import { dispatch, type Handlers } from './dispatch'
import { EventBus, type StationListener } from './events'
import { createFileLogger } from './logging'
import { ordersArea } from './orders'
import { packingArea } from './packing'
import { ordersDocument } from './orders/document'
import { settingsDocument } from './settings/document'
import { accountsArea, settingsArea } from './settings'
import type { SecretCipher } from './secrets'
import { trackingArea } from './tracking'
import { labelsArea } from './labels'
import { printingArea } from './printing'
import type { SystemPrintShell } from '../printing'
import { dispatchArea } from './dispatch/index'

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

/** `secretCipher`: how Api-Keys are sealed on disk — the desktop shell passes Electron safeStorage; default: an owner-only file. */
export interface StationOptions {
  logger?: Logger
  secretCipher?: SecretCipher
  /** Windows/system printers: the desktop shell passes webContents.print (electron/main/system-print.ts). */
  systemPrint?: SystemPrintShell
}

export async function createStation(config: StationConfig, opts: StationOptions = {}): Promise<Station> {
  await mkdir(config.dataDir, { recursive: true })
  const lock = await lockDataDir(config.dataDir)
  try {
    return await openStation(config, lock, opts)
  } catch (err) {
    await lock.release()
    throw err
  }
}

async function openStation(config: StationConfig, lock: DataDirLock, { logger, secretCipher, systemPrint }: StationOptions): Promise<Station> {
  const fileLog = createFileLogger(config.dataDir, { console: config.logToConsole, now: config.now })
  if (config.ozon.mode === 'live') fileLog.redact(config.ozon.apiKey)
  const log = logger ?? fileLog
  const settings = await openDocument(config.dataDir, settingsDocument, log)

  const ctx: StationContext = {
    config,
    log,
    events: new EventBus(log),
    accounts: await openAccounts(config, log, { cipher: secretCipher, redact: (secret) => fileLog.redact(secret) }),
    journal: await openJournal(config.dataDir, log, config.now),
    audit: openAuditLog(config.dataDir, config.now),
    settings,
    orders: await openDocument(config.dataDir, ordersDocument, log),
    now: config.now,
    actor: () => {
      const s = settings.data
      return { operator: s.operators.find((o) => o.id === s.currentOperatorId)?.name ?? '', bench: s.bench.benchName }
    },
  }

  const stationInfo: Area<'station.info'> = {
    handlers: {
      'station.info': async () => ({
        version: config.version,
        mode: ctx.accounts.mode(),
        dataDir: config.dataDir,
        ozonUrl: ctx.accounts.list()[0]?.url ?? '',
      }),
    },
  }
  // Every area of the core, in start order. Add a new area here and its methods in shared/contract.ts.
  const tracking = await trackingArea(ctx)
  const labels = await labelsArea(ctx)
  const areas: Area[] = [stationInfo, ordersArea(ctx), await packingArea(ctx), settingsArea(ctx), accountsArea(ctx), tracking, labels, await printingArea(ctx, labels.service, { shell: systemPrint }), await dispatchArea(ctx, tracking.service)] as Area[]

  const handlers = Object.assign({}, ...areas.map((a) => a.handlers)) as Handlers
  const missing = methodNames.filter((m) => typeof handlers[m] !== 'function')
  if (missing.length > 0) throw new Error(`contract methods without a handler: ${missing.join(', ')}`)
  for (const area of areas) await area.start?.()
  log.info(`station ${config.version} started in ${ctx.accounts.mode()} mode`, { dataDir: config.dataDir })

  let closing: Promise<void> | null = null
  return {
    dispatch: (method, rawArgs) => dispatch(handlers, method, rawArgs, log),
    call: (method, args) => dispatch(handlers, method, args, log) as Promise<Result<typeof method>>,
    subscribe: (listener) => ctx.events.subscribe(listener),
    log,
    close() {
      closing ??= (async () => {
        for (const area of [...areas].reverse()) await area.close?.()
        await ctx.accounts.close()
        await lock.release()
      })()
      return closing
    },
  }
}
