// Split orders at hand-over: the packages that came out of one "Package the order" belong together, and the
// courier should get all of them. A group is known from the packing result this station recorded (the postings
// Ozon made of one ship) or, for postings packed elsewhere, from Ozon's `parent_posting_number`: the packages
// split off a posting name it as their parent, the first package may keep the original number itself.
import type { Posting } from './posting'

/** Postings made by one ship, as recorded when it was packed. */
export interface RecordedSplit {
  accountId: string
  /** The posting that was packed (and split). */
  original: string
  /** Every posting Ozon made of it, one per package, in package order. */
  members: string[]
}

export interface SplitGroup {
  accountId: string
  /** The posting that was split (stable key of the group). */
  original: string
  orderNumber: string
  /** Every package of the group, in package order. */
  members: string[]
}

const SPLIT_AWAY = 'cancelled_from_split_pending'

/** Finds the split group of any posting; a posting that was not split is a group of one. */
export class SplitGroups {
  private readonly byMember = new Map<string, SplitGroup>()
  private readonly byParent = new Map<string, Pick<Posting, 'postingNumber' | 'status' | 'orderNumber'>[]>()
  private readonly postings = new Map<string, Pick<Posting, 'postingNumber' | 'status' | 'orderNumber' | 'parentPostingNumber'>>()

  constructor(postings: Iterable<Pick<Posting, 'accountId' | 'postingNumber' | 'status' | 'orderNumber' | 'parentPostingNumber'>>, recorded: Iterable<RecordedSplit> = []) {
    for (const p of postings) {
      this.postings.set(key(p.accountId, p.postingNumber), p)
      if (p.parentPostingNumber !== '') {
        const k = key(p.accountId, p.parentPostingNumber)
        const list = this.byParent.get(k) ?? []
        list.push(p)
        this.byParent.set(k, list)
      }
    }
    for (const r of recorded) {
      const orderNumber = this.postings.get(key(r.accountId, r.members[0] ?? r.original))?.orderNumber ?? this.postings.get(key(r.accountId, r.original))?.orderNumber ?? ''
      const group: SplitGroup = { accountId: r.accountId, original: r.original, orderNumber, members: [...r.members] }
      for (const m of r.members) this.byMember.set(key(r.accountId, m), group)
    }
  }

  groupOf(accountId: string, postingNumber: string): SplitGroup {
    const recorded = this.byMember.get(key(accountId, postingNumber))
    if (recorded) return recorded
    const self = this.postings.get(key(accountId, postingNumber))
    const original = self && self.parentPostingNumber !== '' ? self.parentPostingNumber : postingNumber
    const parent = this.postings.get(key(accountId, original))
    const children = this.byParent.get(key(accountId, original)) ?? []
    const members = [
      ...(parent && parent.status !== SPLIT_AWAY ? [original] : []),
      ...children.filter((c) => c.status !== SPLIT_AWAY).map((c) => c.postingNumber),
    ]
    if (!members.includes(postingNumber)) members.unshift(postingNumber)
    const unique = [...new Set(members)].sort(byPackageNumber)
    return { accountId, original, orderNumber: self?.orderNumber ?? parent?.orderNumber ?? '', members: unique }
  }
}

/** "2 of 3 packages scanned": how much of a split group is in the batch. */
export interface SplitProgress {
  original: string
  orderNumber: string
  scanned: number
  total: number
  complete: boolean
  /** Packages of the group not yet scanned. */
  missing: string[]
}

export function splitProgress(group: SplitGroup, inBatch: ReadonlySet<string>): SplitProgress {
  const missing = group.members.filter((m) => !inBatch.has(m))
  return {
    original: group.original,
    orderNumber: group.orderNumber,
    scanned: group.members.length - missing.length,
    total: group.members.length,
    complete: missing.length === 0,
    missing,
  }
}

const key = (accountId: string, postingNumber: string) => `${accountId}/${postingNumber}`

/** 41257303-0007-2 before 41257303-0007-10: by the numeric parts, not as text. */
export function byPackageNumber(a: string, b: string): number {
  const pa = a.split('-').map(Number)
  const pb = b.split('-').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d !== 0 && !Number.isNaN(d)) return d
  }
  return a.localeCompare(b)
}
