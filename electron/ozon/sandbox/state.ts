// The sandbox's live state: the world (accounts and their postings), the switches and timings in force, the
// clock, and persistence. Route handlers change accounts and call `touch` so caches refresh and the file is saved.
import { newAccount, seedPostings } from './demo-data'
import { advanceWorld, worldRules, type WorldRules } from './ozon-side'
import { DEFAULT_ACCOUNT, DEFAULT_SANDBOX_VARIANTS, resolveTimings, type SandboxAccount, type SandboxOptions, type SandboxVariants, type Timings } from './options'
import { subSeed } from './random'
import { WorldFile } from './store'
import type { SbAccount, SbWorld } from './world'

export class SandboxState {
  world: SbWorld
  variants: SandboxVariants
  timings: Timings
  rules: WorldRules
  readonly seed: number
  private readonly versions = new Map<string, number>()
  /** Sandbox time (ms) of the last world advance per account: Ozon's side moves in steps of a second at most. */
  private readonly advancedAt = new Map<string, number>()
  /** Earliest due time of a pending asynchronous ship per account (0 = unknown, scan once). */
  private readonly shipDue = new Map<string, number>()
  private readonly file: WorldFile | null
  private saveTimer: NodeJS.Timeout | null = null
  private saving: Promise<void> = Promise.resolve()
  private readonly clock: () => Date

  constructor(
    private readonly opts: SandboxOptions,
    private readonly log: (line: string) => void,
  ) {
    this.clock = opts.now ?? (() => new Date())
    this.seed = opts.seed ?? 20260601
    this.variants = { ...DEFAULT_SANDBOX_VARIANTS, ...opts.variants }
    this.timings = resolveTimings(opts)
    this.rules = worldRules(opts.demo)
    this.file = opts.dataDir ? new WorldFile(opts.dataDir) : null
    const loaded = this.file?.load(log) ?? null
    this.world = loaded ?? { version: 1, accounts: {} }
    // Accounts named in the options that the saved world lacks are created; saved ones keep their state.
    for (const a of this.configuredAccounts()) if (!this.world.accounts[a.clientId]) this.world.accounts[a.clientId] = this.freshAccount(a)
    if (loaded) log(`sandbox state loaded from ${this.file!.file}`)
    else this.scheduleSave()
  }

  now(): Date {
    return this.clock()
  }

  private configuredAccounts(): SandboxAccount[] {
    return this.opts.accounts && this.opts.accounts.length > 0 ? this.opts.accounts : [DEFAULT_ACCOUNT]
  }

  private freshAccount(a: SandboxAccount): SbAccount {
    const seed = a.seed ?? subSeed(this.seed, a.clientId)
    const now = this.now()
    const acc = newAccount(a.clientId, a.apiKey, a.name ?? `Магазин ${a.clientId}`, seed, now)
    for (const p of seedPostings(acc, now, this.opts.demo?.postings)) acc.postings[p.posting_number] = p
    return acc
  }

  /** Throws away an account's state (or all) and builds it again from the seed. */
  reset(clientId?: string, seed?: number): void {
    for (const a of this.configuredAccounts()) {
      if (clientId && a.clientId !== clientId) continue
      const acc = this.freshAccount(seed === undefined ? a : { ...a, seed })
      this.world.accounts[a.clientId] = acc
      this.touch(acc)
    }
  }

  account(clientId: string): SbAccount | undefined {
    return this.world.accounts[clientId]
  }

  firstAccount(): SbAccount {
    return Object.values(this.world.accounts)[0]!
  }

  /** Lets Ozon's side of the world move on to `now` (arrivals, auto-cancel, pickup); at most once a second. */
  advance(acc: SbAccount): void {
    const now = this.now()
    const last = this.advancedAt.get(acc.client_id)
    if (last !== undefined && now.getTime() - last >= 0 && now.getTime() - last < 1000) return
    this.advancedAt.set(acc.client_id, now.getTime())
    if (advanceWorld(acc, now, this.rules)) this.touch(acc)
  }

  /** True when an asynchronous ship of this account may be due (saves scanning every posting per request). */
  shipMaybeDue(acc: SbAccount): boolean {
    return (this.shipDue.get(acc.client_id) ?? 0) <= this.now().getTime()
  }

  /** Records the earliest pending ship due time (Infinity = none pending). */
  setShipDue(acc: SbAccount, at: number): void {
    this.shipDue.set(acc.client_id, at)
  }

  /** A new ship job: it may be due earlier than the ones known. */
  noteShipDue(acc: SbAccount, at: number): void {
    this.shipDue.set(acc.client_id, Math.min(this.shipDue.get(acc.client_id) ?? 0, at))
  }

  /** Marks an account changed: list caches refresh and the state file is saved soon. */
  touch(acc: SbAccount): void {
    this.versions.set(acc.client_id, (this.versions.get(acc.client_id) ?? 0) + 1)
    this.scheduleSave()
  }

  version(acc: SbAccount): number {
    return this.versions.get(acc.client_id) ?? 0
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      void this.saveNow()
    }, 200)
    this.saveTimer.unref()
  }

  private saveNow(): Promise<void> {
    const file = this.file
    if (!file) return Promise.resolve()
    this.saving = this.saving.then(() => file.save(this.world)).catch((e: Error) => this.log(`sandbox state could not be saved: ${e.message}`))
    return this.saving
  }

  /** Writes pending changes now (used on close and by tests). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer)
      this.saveTimer = null
      await this.saveNow()
    }
    await this.saving
  }
}
