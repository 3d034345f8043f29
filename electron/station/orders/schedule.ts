// When the station syncs by itself: at start, then every N minutes as the bench settings say (0: only on
// demand), and the reference data on its own slower schedule. The process config can switch all of it off
// (tests and automation run with STATION_SYNC_MINUTES=0).
import type { Logger } from '../../../shared/log'
import type { ReferenceData } from './reference'
import type { OrdersSync } from './sync'

export interface ScheduleDeps {
  sync: OrdersSync
  reference: ReferenceData
  /** False when the process config switched background syncing off. */
  enabled: boolean
  /** The bench's current interval in minutes (read again whenever the settings change). */
  intervalMinutes: () => number
  log: Logger
}

export class SyncSchedule {
  private timer: NodeJS.Timeout | null = null
  private armedFor: number | null = null

  constructor(private readonly deps: ScheduleDeps) {}

  /** Minutes between background syncs now in force (0: off). */
  get interval(): number {
    return this.deps.enabled ? this.deps.intervalMinutes() : 0
  }

  start(): void {
    if (!this.deps.enabled) return
    void this.runOnce()
    this.deps.reference.startSchedule()
    this.arm()
  }

  /** The settings changed: re-arm when the interval is a different one. */
  settingsChanged(): void {
    if (this.deps.enabled && this.deps.intervalMinutes() !== this.armedFor) this.arm()
  }

  /** Something new to fetch (an account was connected): sync now when background syncing is on. */
  nudge(): void {
    if (this.deps.enabled) void this.runOnce()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = null
    this.deps.reference.stopSchedule()
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const minutes = this.deps.intervalMinutes()
    this.armedFor = minutes
    if (minutes <= 0) return
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => {
        if (this.armedFor !== null) this.arm()
      })
    }, minutes * 60_000)
    this.timer.unref()
  }

  private async runOnce(): Promise<void> {
    try {
      await this.deps.sync.run()
    } catch (err) {
      // A sync records its own failures; an exception here is a bug or a storage error.
      this.deps.log.error('background sync failed', { error: err instanceof Error ? err.message : String(err) })
    }
  }
}
