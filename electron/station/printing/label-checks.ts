// The label check (a bench setting, off by default): once an auto-printed job is sent, its labels wait for the
// packer to scan them, and each scan is confirmed as a label of that package set or refused loudly. A bag label
// carries the posting number; Ozon's label carries its upper and lower barcodes — known from the synced posting,
// else asked from Ozon (get-by-barcode) when scanned.
import type { LabelCheck, LabelCheckState, LabelScanResult } from '../../../shared/contract/printing'
import type { AutoPrintPlan } from '../../../shared/domain/auto-print'
import { judgeLabelScan, judgeResolvedScan, labelCodes, looksLikeOzonLabelCode, normaliseLabelCode } from '../../../shared/domain/label-check'
import type { PrintJob } from '../../../shared/domain/printers'
import { StationError } from '../../../shared/errors'
import type { StoredDocument } from '../../store'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import type { PrintingBenchData, StoredLabelCheck } from './document'

const POSTING_NUMBER = /^\d+-\d+(-\d+)?$/

export class LabelChecks {
  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<PrintingBenchData>,
    private readonly emit: (state: LabelCheckState) => void,
  ) {}

  private enabled(): boolean {
    return this.ctx.settings.data.bench.labelCheck
  }

  state(): LabelCheckState {
    if (!this.enabled()) return { check: null, waiting: 0 }
    const [first] = this.doc.data.checks
    return { check: first ? view(first) : null, waiting: this.doc.data.checks.length }
  }

  /** The bench switched the check on or off: the screens show (or drop) what waits. */
  settingsChanged(): void {
    this.emit(this.state())
  }

  /** A job of an auto-print changed: once it is sent, its labels wait for a scan (once per job). */
  async jobChanged(job: PrintJob, plans: readonly AutoPrintPlan[]): Promise<void> {
    if (job.state !== 'sent' || (job.kind !== 'bag-label' && job.kind !== 'ozon-label') || !this.enabled()) return
    if (this.doc.data.checks.some((c) => c.id === job.id)) return
    const plan = plans.find((p) => p.parts.some((part) => part.jobIds.includes(job.id)))
    if (!plan) return
    const kind = job.kind
    const check: StoredLabelCheck = {
      id: job.id,
      kind,
      accountId: plan.accountId,
      orderNumber: plan.orderNumber,
      printerName: job.printerName,
      labels: job.postingNumbers.map((postingNumber) => {
        const pkg = plan.packages.find((p) => p.postingNumber === postingNumber)
        const posting = this.ctx.orders.data.postings[postingKey(plan.accountId, postingNumber)]
        return {
          postingNumber,
          packageIndex: pkg?.index ?? 1,
          packageCount: pkg?.count ?? 1,
          codes: labelCodes(kind, postingNumber, posting?.labelBarcodes ?? null),
          confirmed: false,
        }
      }),
      createdAt: this.ctx.now().toISOString(),
    }
    await this.doc.update((d) => {
      if (!d.checks.some((c) => c.id === check.id)) d.checks.push(check)
    })
    this.emit(this.state())
  }

  async scan(rawCode: string): Promise<LabelScanResult> {
    const code = rawCode.trim()
    const check = this.enabled() ? this.doc.data.checks[0] : undefined
    if (!check) throw new StationError({ code: 'conflict', message: 'No printed label is waiting to be checked' })
    let judged = judgeLabelScan(check.labels, code)
    let found: string | null = judged.postingNumber
    let learned = false
    if (judged.verdict === 'mismatch') {
      // Ozon's barcodes of a fresh package may not be synced yet: ask Ozon which posting the code belongs to.
      if (check.kind === 'ozon-label' && looksLikeOzonLabelCode(code)) {
        found = await this.ozonPostingOf(check.accountId, code)
        if (found) {
          judged = judgeResolvedScan(check.labels, found)
          learned = judged.verdict !== 'mismatch'
        }
      } else if (POSTING_NUMBER.test(normaliseLabelCode(code))) {
        found = normaliseLabelCode(code)
      }
    }
    const { operator, bench } = this.ctx.actor()
    if (judged.verdict === 'mismatch') {
      await this.ctx.audit.append({
        operator,
        bench,
        action: 'printing.label_check_mismatch',
        postingNumber: check.labels[0]?.postingNumber,
        details: { job: check.id, code, belongsTo: found, expected: check.labels.map((l) => l.postingNumber), kind: check.kind },
      })
      const state = this.state()
      this.emit(state)
      return { verdict: 'mismatch', code, postingNumber: found, state }
    }
    const postingNumber = judged.postingNumber!
    let passed = false
    await this.doc.update((d) => {
      const c = d.checks.find((x) => x.id === check.id)
      if (!c) return
      const label = c.labels.find((l) => l.postingNumber === postingNumber)!
      label.confirmed = true
      if (learned) label.codes.push(code)
      if (c.labels.every((l) => l.confirmed)) {
        d.checks = d.checks.filter((x) => x.id !== c.id)
        passed = true
      }
    })
    if (passed) {
      await this.ctx.audit.append({ operator, bench, action: 'printing.label_check_passed', postingNumber, details: { job: check.id, kind: check.kind } })
    }
    const state = this.state()
    this.emit(state)
    return { verdict: judged.verdict, code, postingNumber, state }
  }

  async skip(reason: string): Promise<LabelCheckState> {
    const check = this.doc.data.checks[0]
    if (check) {
      await this.doc.update((d) => {
        d.checks = d.checks.filter((c) => c.id !== check.id)
      })
      await this.ctx.audit.append({
        ...this.ctx.actor(),
        action: 'printing.label_check_skipped',
        postingNumber: check.labels[0]?.postingNumber,
        details: { job: check.id, reason, unconfirmed: check.labels.filter((l) => !l.confirmed).map((l) => l.postingNumber) },
      })
    }
    const state = this.state()
    this.emit(state)
    return state
  }

  /** The posting an Ozon label barcode belongs to, or null (unknown to Ozon, or Ozon unreachable). */
  private async ozonPostingOf(accountId: string, code: string): Promise<string | null> {
    const account = this.ctx.accounts.get(accountId)
    if (!account) return null
    try {
      return (await account.client.getPostingByBarcode(code)).posting_number
    } catch (err) {
      this.ctx.log.info('printing: Ozon could not tell whose label a scanned code is', { code, error: String(err) })
      return null
    }
  }
}

function view(c: StoredLabelCheck): LabelCheck {
  return {
    id: c.id,
    kind: c.kind,
    orderNumber: c.orderNumber,
    printerName: c.printerName,
    labels: c.labels.map(({ postingNumber, packageIndex, packageCount, confirmed }) => ({ postingNumber, packageIndex, packageCount, confirmed })),
    createdAt: c.createdAt,
  }
}
