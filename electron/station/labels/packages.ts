// Which package a posting number stands for: its Ozon account, its posting as the station keeps it, and its
// place in the order ("package 2 of 3") — from the label record made when this bench packed it, else from the
// ship journal, else 1 of 1 (a posting packed whole elsewhere).
import { z } from 'zod'
import { StationError } from '../../../shared/errors'
import type { Posting } from '../../../shared/domain/posting'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { SHIP_KIND } from '../packing/ship'
import type { LabelsData } from './document'

export interface PackageRef {
  accountId: string
  postingNumber: string
}

/** What the ship journal keeps of a finished "Package the order" (only the fields the labels need). */
const ShipRecord = z.object({
  intent: z.object({ accountId: z.string(), postingNumber: z.string(), orderNumber: z.string() }),
  result: z.object({ postings: z.array(z.object({ posting_number: z.string() })).min(1) }),
})

export interface JournalPackage extends PackageRef {
  orderNumber: string
  packageIndex: number
  packageCount: number
  packedAt: string
}

/** Packages of "Package the order" operations closed as confirmed since `sinceMs`, from the ship journal. */
export function packagesFromShipJournal(ctx: StationContext, sinceMs: number): JournalPackage[] {
  const out: JournalPackage[] = []
  for (const e of ctx.journal.entries(SHIP_KIND)) {
    if (!e.closed || e.state !== 'confirmed' || Date.parse(e.updatedAt) < sinceMs) continue
    const parsed = ShipRecord.safeParse(e)
    if (!parsed.success) continue
    const { intent, result } = parsed.data
    result.postings.forEach((p, i) =>
      out.push({
        accountId: intent.accountId,
        postingNumber: p.posting_number,
        orderNumber: intent.orderNumber,
        packageIndex: i + 1,
        packageCount: result.postings.length,
        packedAt: e.updatedAt,
      }),
    )
  }
  return out
}

export class PackageDirectory {
  constructor(
    private readonly ctx: StationContext,
    private readonly labels: () => LabelsData,
  ) {}

  /**
   * The account of each number: the one given, else the one account that knows the number (label records, then
   * the orders document), else the station's only account.
   */
  resolve(postingNumbers: string[], accountId?: string): PackageRef[] {
    const accounts = this.ctx.accounts.list().map((a) => a.id)
    return postingNumbers.map((raw) => {
      const postingNumber = raw.trim()
      if (accountId) return { accountId, postingNumber }
      const known = new Set<string>()
      for (const r of Object.values(this.labels().records)) if (r.postingNumber === postingNumber) known.add(r.accountId)
      if (known.size === 0) for (const p of Object.values(this.ctx.orders.data.postings)) if (p.postingNumber === postingNumber) known.add(p.accountId)
      if (known.size === 1) return { accountId: [...known][0]!, postingNumber }
      if (known.size > 1) {
        throw new StationError({
          code: 'invalid_args',
          field: 'accountId',
          message: `Posting ${postingNumber} exists in several Ozon accounts (${[...known].join(', ')}); say which account`,
        })
      }
      if (accounts.length === 1) return { accountId: accounts[0]!, postingNumber }
      throw new StationError({
        code: 'not_found',
        message: `Posting ${postingNumber} is not known to the station; sync the orders or check the number`,
        params: { postingNumber },
      })
    })
  }

  posting(ref: PackageRef): Posting | undefined {
    return this.ctx.orders.data.postings[postingKey(ref.accountId, ref.postingNumber)]
  }

  /** "package k of n" of a posting. */
  packageOf(ref: PackageRef): { packageIndex: number; packageCount: number } {
    const record = this.labels().records[postingKey(ref.accountId, ref.postingNumber)]
    if (record) return { packageIndex: record.packageIndex, packageCount: record.packageCount }
    const fromJournal = packagesFromShipJournal(this.ctx, 0).find((p) => p.accountId === ref.accountId && p.postingNumber === ref.postingNumber)
    if (fromJournal) return { packageIndex: fromJournal.packageIndex, packageCount: fromJournal.packageCount }
    return { packageIndex: 1, packageCount: 1 }
  }

  /** Ozon's label size for the posting's warehouse (BIG/SMALL), or null when Ozon does not say. */
  warehouseLabelSize(ref: PackageRef): 'big' | 'small' | null {
    const posting = this.posting(ref)
    if (!posting) return null
    const w = this.ctx.orders.data.warehouses.find((x) => x.accountId === ref.accountId && x.id === posting.warehouse.id)
    return w?.labelSize === 'BIG' ? 'big' : w?.labelSize === 'SMALL' ? 'small' : null
  }
}
