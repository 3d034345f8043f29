// Auto-print after packing. Every "Package the order" (`packing.shipped`, deduplicated by its operation id) gets a
// plan: the bag labels of its packages go to the bag-label printer at once as one job; Ozon's labels go to the
// Ozon-label printer as soon as Ozon has them — the labels ready together as one job — while the packer goes on.
//
// Never twice: the postings about to be sent are written into the plan ("sending") before the print queue is
// asked, and marked printed after. A station stopped in between finds the job in the queue's history and adopts
// it instead of printing again; without such a job it sends them. The bag labels of a new plan are written
// "sending" with the plan itself: one durable write, not two, before the queue is asked.
import { PrintRequestError, type PrintQueue } from '../../printing'
import type { PackingShipped } from '../../../shared/contract/packing'
import {
  isPlanFinished,
  isSentRequest,
  kindsOfChoice,
  newPart,
  outstanding,
  ozonStep,
  samePostings,
  type AutoPrintPart,
  type AutoPrintPlan,
} from '../../../shared/domain/auto-print'
import { LabelError } from '../../../shared/domain/label-layout'
import type { PrintJob } from '../../../shared/domain/printers'
import { StationError } from '../../../shared/errors'
import type { StoredDocument } from '../../store'
import type { StationContext } from '../context'
import type { PrintingBenchData } from './document'
import type { LabelSource, PackageRef } from './label-source'

/** How often plans waiting for Ozon's labels are looked at even without a `labels.changed` (a missed event). */
const SAFETY_NET_MS = 60_000

export interface AutoPrintHooks {
  /** A plan changed (for the screens). */
  changed(plan: AutoPrintPlan): void
  /** A job of a plan is in the queue (the label check follows it). */
  queued(plan: AutoPrintPlan, part: AutoPrintPart, job: PrintJob): void
}

export class AutoPrinter {
  private chain: Promise<unknown> = Promise.resolve()
  private timer: NodeJS.Timeout | null = null
  private closed = false
  /** Plans changed since the screens last heard of them (they hear of a plan once a step moved it). */
  private readonly touched = new Set<string>()

  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<PrintingBenchData>,
    private readonly queue: PrintQueue,
    private readonly labels: LabelSource,
    private readonly hooks: AutoPrintHooks,
  ) {}

  plans(limit: number): AutoPrintPlan[] {
    return this.doc.data.plans.slice(-limit).reverse()
  }

  plan(operationId: string): AutoPrintPlan | undefined {
    return this.doc.data.plans.find((p) => p.operationId === operationId)
  }

  /** Plans that cannot go on by themselves: a part blocked (no printer…) or labels that failed. */
  needingAttention(): AutoPrintPlan[] {
    return this.doc.data.plans.filter((p) => p.parts.some((part) => part.problem !== null || part.failed.length > 0)).reverse()
  }

  /** A posting was packed here: plan its labels (once per operation, however often the event comes). */
  shipped(event: PackingShipped): Promise<void> {
    return this.serial(async () => {
      if (this.closed || !this.ctx.settings.data.bench.autoPrint) return
      if (this.plan(event.operationId)) return
      const packages = [...event.packages].sort((a, b) => a.index - b.index)
      if (packages.length === 0) return
      const numbers = packages.map((p) => p.postingNumber)
      const choice = this.labels.choice()
      const at = this.ctx.now().toISOString()
      const parts = kindsOfChoice(choice).map((kind) => newPart(kind, numbers))
      // Bag labels exist at once: they are "sending" from the start (stopped before the queue has their job, the
      // next start finds none and sends them).
      const bag = parts.findIndex((p) => p.kind === 'bag-label')
      if (bag >= 0) parts[bag]!.sending = { postingNumbers: numbers, since: at }
      const plan: AutoPrintPlan = {
        operationId: event.operationId,
        accountId: event.accountId,
        orderNumber: event.orderNumber,
        postingNumber: event.postingNumber,
        packages: packages.map((p) => ({ postingNumber: p.postingNumber, index: p.index, count: p.count })),
        choice,
        operator: event.operator,
        bench: event.bench,
        createdAt: at,
        updatedAt: at,
        parts,
        finishedAt: null,
      }
      await this.doc.update((d) => {
        d.plans.push(plan)
      })
      this.hooks.changed(plan)
      if (bag >= 0) await this.printPart(plan.operationId, bag, numbers)
      await this.step(plan.operationId)
    })
  }

  /** Ozon's labels of some postings changed state: plans waiting for them may print now. */
  labelsChanged(postingNumbers: string[]): void {
    const changed = new Set(postingNumbers)
    for (const plan of this.open()) {
      const ozon = plan.parts.find((p) => p.kind === 'ozon-label')
      if (ozon && outstanding(ozon).some((n) => changed.has(n))) void this.advance(plan.operationId)
    }
  }

  advance(operationId: string): Promise<void> {
    return this.serial(() => this.step(operationId))
  }

  /** After a person fixed what stopped a plan: clear the problem, ask Ozon again for refused labels, go on. */
  resume(operationId: string): Promise<AutoPrintPlan> {
    return this.serial(async () => {
      const plan = this.plan(operationId)
      if (!plan) throw new StationError({ code: 'not_found', message: `There is no auto-print of operation ${operationId}` })
      const again = plan.parts.find((p) => p.kind === 'ozon-label')?.failed.map((f) => f.postingNumber) ?? []
      await this.mutate(operationId, (p) => {
        p.finishedAt = null
        for (const part of p.parts) {
          part.problem = null
          part.failed = []
        }
      })
      if (again.length > 0) await this.labels.retry(this.refs(plan, again)).catch((err: unknown) => this.ctx.log.warn('printing: asking Ozon again failed', { error: String(err) }))
      await this.step(operationId)
      return this.plan(operationId)!
    })
  }

  /** At start: plans interrupted or still waiting carry on; a timer looks at waiting plans now and then. */
  start(): void {
    for (const plan of this.open()) void this.advance(plan.operationId)
    this.timer = setInterval(() => {
      for (const plan of this.open()) void this.advance(plan.operationId)
    }, SAFETY_NET_MS)
    this.timer.unref()
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    await this.chain.catch(() => undefined)
  }

  // ─────────────────────────────────────────────────────────────────────────────────────────────────────────

  private open(): AutoPrintPlan[] {
    return this.doc.data.plans.filter((p) => p.finishedAt === null)
  }

  /** One plan change at a time: two `labels.changed` in a row must not print the same label twice. */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run)
    this.chain = next.catch((err: unknown) => this.ctx.log.error('printing: auto-print failed', { error: String(err) }))
    return next
  }

  private async mutate(operationId: string, change: (plan: AutoPrintPlan) => void): Promise<AutoPrintPlan> {
    let updated: AutoPrintPlan | undefined
    await this.doc.update((d) => {
      const plan = d.plans.find((p) => p.operationId === operationId)
      if (!plan) return
      change(plan)
      plan.updatedAt = this.ctx.now().toISOString()
      updated = plan
    })
    this.touched.add(operationId)
    if (!updated) throw new Error(`auto-print plan ${operationId} is gone`)
    return structuredClone(updated)
  }

  private refs(plan: AutoPrintPlan, numbers: string[]): PackageRef[] {
    return numbers.map((postingNumber) => ({ accountId: plan.accountId, postingNumber }))
  }

  private async step(operationId: string): Promise<void> {
    if (this.closed) return
    const plan = this.plan(operationId)
    if (!plan || plan.finishedAt !== null) return
    for (let i = 0; i < plan.parts.length; i++) {
      const part = this.plan(operationId)!.parts[i]!
      if (part.sending) await this.recover(operationId, i)
      const current = this.plan(operationId)!.parts[i]!
      if (current.problem) continue
      if (current.kind === 'bag-label') {
        const todo = outstanding(current)
        if (todo.length > 0) await this.printPart(operationId, i, todo)
      } else {
        const readiness = this.labels.readiness(this.refs(plan, outstanding(current)))
        const next = ozonStep(current, (n) => readiness.get(n))
        if (next.failed.length > 0) {
          await this.mutate(operationId, (p) => {
            p.parts[i]!.failed.push(...next.failed)
          })
        }
        if (next.print.length > 0) await this.printPart(operationId, i, next.print)
      }
    }
    const after = this.plan(operationId)!
    if (isPlanFinished(after)) {
      await this.mutate(operationId, (p) => {
        p.finishedAt = this.ctx.now().toISOString()
      })
    }
    if (this.touched.delete(operationId)) this.hooks.changed(structuredClone(this.plan(operationId)!))
  }

  /** The station stopped while sending: adopt the job the queue made of it, or let the labels be sent again. */
  private async recover(operationId: string, i: number): Promise<void> {
    const part = this.plan(operationId)!.parts[i]!
    const sending = part.sending!
    const jobs = await this.queue.history({ postingNumber: sending.postingNumbers[0], from: sending.since })
    const job = jobs.find((j) => isSentRequest(sending, part.kind, j))
    await this.mutate(operationId, (p) => {
      const q = p.parts[i]!
      if (job) {
        q.printed.push(...sending.postingNumbers)
        q.jobIds.push(job.id)
      }
      q.sending = null
    })
    if (job) {
      this.ctx.log.info('printing: an interrupted auto-print was already in the queue; not printed again', { job: job.id })
      const plan = this.plan(operationId)!
      this.hooks.queued(structuredClone(plan), plan.parts[i]!, job)
    }
  }

  private async printPart(operationId: string, i: number, numbers: string[]): Promise<void> {
    const plan = this.plan(operationId)!
    const kind = plan.parts[i]!.kind
    try {
      const built = await this.labels.build(this.refs(plan, numbers), kind === 'bag-label' ? 'bag' : 'ozon')
      const pages = [...new Set(built.pages.map((p) => p.postingNumber))]
      const failed = built.missing.map((m) => ({ postingNumber: m.postingNumber, reason: m.reason }))
      const sending = built.pdf && pages.length > 0 ? { postingNumbers: pages, since: this.ctx.now().toISOString() } : null
      // Written down before the queue is asked — unless the plan already says exactly that (a new plan's bag labels).
      const announced = plan.parts[i]!.sending
      if (failed.length > 0 || !sending || !announced || !samePostings(announced.postingNumbers, sending.postingNumbers)) {
        await this.mutate(operationId, (p) => {
          p.parts[i]!.failed.push(...failed)
          p.parts[i]!.sending = sending
        })
      }
      if (!built.pdf || !sending) return
      const { job } = await this.queue.print({
        kind,
        pdf: built.pdf,
        // Bag labels carry their layouts: raw printers draw them dot for dot instead of rasterising the PDF.
        layouts: kind === 'bag-label' && built.layouts.length === built.pages.length ? built.layouts : undefined,
        postingNumbers: pages,
        operator: plan.operator,
        bench: plan.bench,
      })
      const updated = await this.mutate(operationId, (p) => {
        const part = p.parts[i]!
        part.printed.push(...pages)
        part.jobIds.push(job.id)
        part.sending = null
      })
      this.hooks.queued(updated, updated.parts[i]!, this.queue.get(job.id) ?? job)
    } catch (err) {
      // Nothing reached the queue: say why on the plan; a person fixes it and resumes (or prints by hand).
      const message =
        err instanceof PrintRequestError || err instanceof LabelError || err instanceof StationError ? err.message : `the labels could not be printed (${String(err)})`
      if (!(err instanceof PrintRequestError)) this.ctx.log.error('printing: auto-print of a package set failed', { operation: operationId, error: String(err) })
      await this.mutate(operationId, (p) => {
        p.parts[i]!.problem = message
        p.parts[i]!.sending = null
      })
    }
  }
}
