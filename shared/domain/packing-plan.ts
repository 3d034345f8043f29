// The packing plan: how a posting's units are spread over physical packages (bags, boxes) before
// "Package the order". Every package becomes its own posting at Ozon (§6.1 of ozon-fbs-api.md).
//
// A plan line is "this many units of this SKU in this package, of which this many were verified by a scan
// (and of those, this many by a manual +1)". Verification lives on the line so that moving units between
// packages carries their verified state with them. Every operation here is pure: it returns a new plan or
// throws a PlanError saying what was wrong. The core applies them and stores the result.
import { z } from 'zod'

export const PlanLine = z.object({
  sku: z.number().int(),
  quantity: z.number().int().positive(),
  /** Units of this line confirmed by a scan or a manual +1. */
  verified: z.number().int().nonnegative(),
  /** Of `verified`, how many were counted by hand (unreadable barcode). */
  manual: z.number().int().nonnegative(),
})
export type PlanLine = z.infer<typeof PlanLine>

export const PlanPackage = z.object({ lines: z.array(PlanLine) })
export type PlanPackage = z.infer<typeof PlanPackage>

export const PackingPlan = z.object({
  packages: z.array(PlanPackage).min(1),
  /**
   * The package scans are put into (0-based), or null: a scan then verifies a unit where it already lies.
   * Pressing "New package" makes the new one active, so a packer can fill bag 1, press N, fill bag 2.
   */
  active: z.number().int().nonnegative().nullable(),
  /** Marking codes (Честный ЗНАК DataMatrix, GS restored as 0x1D) scanned per SKU, one per unit. */
  marks: z.record(z.string(), z.array(z.string())),
  /** Number of boxes for a multi-box posting (`is_multibox`), set by the packer; null = not set. */
  multiBoxQty: z.number().int().positive().nullable(),
})
export type PackingPlan = z.infer<typeof PackingPlan>

/** What a posting line contributes to a plan. */
export interface OrderedLine {
  sku: number
  quantity: number
}

export type PlanErrorCode =
  | 'no_such_package'
  | 'no_such_line'
  | 'not_enough_units'
  | 'same_package'
  | 'bad_quantity'
  | 'unknown_item'
  | 'already_complete'
  | 'marks_complete'
  | 'duplicate_mark'

/** A request the plan cannot carry out; `params` name what was asked so the UI can say it in words. */
export class PlanError extends Error {
  constructor(
    readonly code: PlanErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message)
    this.name = 'PlanError'
  }
}

/** The starting plan: one package holding every unit, nothing verified. */
export function initialPlan(items: readonly OrderedLine[]): PackingPlan {
  const ordered = orderedQuantities(items)
  return {
    packages: [{ lines: [...ordered].map(([sku, quantity]) => ({ sku, quantity, verified: 0, manual: 0 })) }],
    active: null,
    marks: {},
    multiBoxQty: null,
  }
}

/** Units ordered per SKU (a posting lists each SKU once, but duplicates are summed to be safe). */
export function orderedQuantities(items: readonly OrderedLine[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const i of items) out.set(i.sku, (out.get(i.sku) ?? 0) + i.quantity)
  return out
}

/** Units per SKU over all packages. */
export function plannedQuantities(plan: PackingPlan): Map<number, number> {
  const out = new Map<number, number>()
  for (const p of plan.packages) for (const l of p.lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity)
  return out
}

/** Verified units per SKU over all packages. */
export function verifiedQuantities(plan: PackingPlan): Map<number, number> {
  const out = new Map<number, number>()
  for (const p of plan.packages) for (const l of p.lines) out.set(l.sku, (out.get(l.sku) ?? 0) + l.verified)
  return out
}

/** Units in one package (what its card counts). */
export function packageUnits(pkg: PlanPackage): number {
  return pkg.lines.reduce((sum, l) => sum + l.quantity, 0)
}

export interface MoveRequest {
  sku: number
  /** 0-based index of the package the units leave. */
  from: number
  /** 0-based index of the package they go to, or 'new' for a package created by this move. */
  to: number | 'new'
  quantity: number
}

/**
 * Moves `quantity` units of one SKU from one package to another (or to a new one) — the quantity split
 * behind drag and drop and the number keys. Verified units travel first (the packer is holding what was
 * just scanned), hand-counted ones last. A package left empty disappears.
 */
export function moveUnits(plan: PackingPlan, req: MoveRequest): PackingPlan {
  const { sku, from, quantity } = req
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new PlanError('bad_quantity', `Quantity to move must be a whole number of at least 1, got ${quantity}`, { quantity })
  }
  const source = plan.packages[from]
  if (!source) throw new PlanError('no_such_package', `There is no package ${from + 1}`, { package: from + 1 })
  if (req.to !== 'new') {
    if (!plan.packages[req.to]) throw new PlanError('no_such_package', `There is no package ${req.to + 1}`, { package: req.to + 1 })
    if (req.to === from) throw new PlanError('same_package', `The units are already in package ${from + 1}`, { package: from + 1 })
  }
  const line = source.lines.find((l) => l.sku === sku)
  if (!line) throw new PlanError('no_such_line', `Package ${from + 1} holds no SKU ${sku}`, { sku, package: from + 1 })
  if (line.quantity < quantity) {
    throw new PlanError('not_enough_units', `Package ${from + 1} holds only ${line.quantity} of SKU ${sku}, cannot move ${quantity}`, {
      sku,
      package: from + 1,
      have: line.quantity,
      quantity,
    })
  }

  const next = clonePlan(plan)
  const to = req.to === 'new' ? next.packages.push({ lines: [] }) - 1 : req.to
  const src = next.packages[from]!.lines.find((l) => l.sku === sku)!
  // Verified units go first; within them, scanned before hand-counted.
  const movedVerified = Math.min(quantity, src.verified)
  const scannedHere = src.verified - src.manual
  const movedManual = Math.max(0, movedVerified - scannedHere)
  src.quantity -= quantity
  src.verified -= movedVerified
  src.manual -= movedManual
  addToPackage(next.packages[to]!, { sku, quantity, verified: movedVerified, manual: movedManual })
  return dropEmptied(next, from)
}

/**
 * Starts a new, empty package and makes it the one scans go into. If an empty package is already waiting,
 * that one becomes active instead of stacking empty packages.
 */
export function newPackage(plan: PackingPlan): PackingPlan {
  const next = clonePlan(plan)
  const empty = next.packages.findIndex((p) => p.lines.length === 0)
  if (empty >= 0) next.active = empty
  else next.active = next.packages.push({ lines: [] }) - 1
  return next
}

/** Chooses the package scans go into (null: verify each unit where it lies). */
export function setActivePackage(plan: PackingPlan, index: number | null): PackingPlan {
  if (index !== null && !plan.packages[index]) throw new PlanError('no_such_package', `There is no package ${index + 1}`, { package: index + 1 })
  // An empty package that stops being the target of scans has no reason to exist.
  const next = { ...clonePlan(plan), active: index }
  return dropEmptyExcept(next, index)
}

export interface VerifyResult {
  plan: PackingPlan
  /** The package (0-based) the verified unit is in now. */
  packageIndex: number
}

/**
 * Counts one unit of a SKU as verified (a scan, or a manual +1 when `manual`). With an active package the
 * unit ends up in it — moved there from wherever an unverified unit lay; without one it is verified in place.
 */
export function verifyUnit(plan: PackingPlan, items: readonly OrderedLine[], sku: number, opts: { manual?: boolean } = {}): VerifyResult {
  const ordered = orderedQuantities(items).get(sku)
  if (ordered === undefined) throw new PlanError('unknown_item', `SKU ${sku} is not in this posting`, { sku })
  const verified = verifiedQuantities(plan).get(sku) ?? 0
  if (verified >= ordered) throw new PlanError('already_complete', `All ${ordered} of SKU ${sku} are already verified`, { sku, quantity: ordered })

  const next = clonePlan(plan)
  const manual = opts.manual ? 1 : 0
  const unverifiedIn = (i: number) => {
    const l = next.packages[i]?.lines.find((x) => x.sku === sku)
    return l && l.verified < l.quantity ? l : undefined
  }
  const active = next.active
  if (active !== null && next.packages[active]) {
    const here = unverifiedIn(active)
    if (here) {
      here.verified++
      here.manual += manual
      return { plan: next, packageIndex: active }
    }
    const from = next.packages.findIndex((_, i) => i !== active && unverifiedIn(i))
    if (from >= 0) {
      const src = unverifiedIn(from)!
      src.quantity--
      addToPackage(next.packages[active]!, { sku, quantity: 1, verified: 1, manual })
      const dropped = dropEmptied(next, from)
      return { plan: dropped, packageIndex: dropped.active ?? 0 }
    }
  }
  const at = next.packages.findIndex((_, i) => unverifiedIn(i))
  // verified < ordered, so some line must still hold an unverified unit unless the plan lost units;
  // validation reports such a plan, here we simply refuse.
  if (at < 0) throw new PlanError('not_enough_units', `No unverified unit of SKU ${sku} is left in any package`, { sku })
  const line = unverifiedIn(at)!
  line.verified++
  line.manual += manual
  return { plan: next, packageIndex: at }
}

/**
 * Records a marking code for one unit of a SKU. Returns the plan and whether the code also verified a unit
 * (it does when fewer units were verified than codes scanned — a DataMatrix scan is a scan of the item).
 */
export function addMark(plan: PackingPlan, items: readonly OrderedLine[], sku: number, code: string): VerifyResult & { counted: boolean } {
  const ordered = orderedQuantities(items).get(sku)
  if (ordered === undefined) throw new PlanError('unknown_item', `SKU ${sku} is not in this posting`, { sku })
  for (const [owner, codes] of Object.entries(plan.marks)) {
    if (codes.includes(code)) throw new PlanError('duplicate_mark', `This marking code was already scanned (SKU ${owner})`, { sku: Number(owner) })
  }
  const have = plan.marks[String(sku)] ?? []
  if (have.length >= ordered) throw new PlanError('marks_complete', `All ${ordered} marking codes of SKU ${sku} are already scanned`, { sku, quantity: ordered })
  const withMark: PackingPlan = { ...clonePlan(plan), marks: { ...plan.marks, [String(sku)]: [...have, code] } }
  const verified = verifiedQuantities(plan).get(sku) ?? 0
  if (verified >= have.length + 1) return { plan: withMark, packageIndex: withMark.active ?? 0, counted: false }
  return { ...verifyUnit(withMark, items, sku), counted: true }
}

/** Removes one scanned marking code (a wrong code the packer wants to replace). */
export function removeMark(plan: PackingPlan, sku: number, code: string): PackingPlan {
  const have = plan.marks[String(sku)] ?? []
  if (!have.includes(code)) throw new PlanError('no_such_line', `This marking code is not recorded for SKU ${sku}`, { sku })
  return { ...clonePlan(plan), marks: { ...plan.marks, [String(sku)]: have.filter((c) => c !== code) } }
}

export function setMultiBoxQty(plan: PackingPlan, qty: number | null): PackingPlan {
  if (qty !== null && (!Number.isInteger(qty) || qty < 1 || qty > 1000)) {
    throw new PlanError('bad_quantity', `The number of boxes must be a whole number from 1 to 1000, got ${qty}`, { quantity: qty })
  }
  return { ...clonePlan(plan), multiBoxQty: qty }
}

/** The plan as Ozon's ship method wants it: one entry per package, SKU → quantity (§6.1). */
export function shipPackages(plan: PackingPlan): { products: { sku: number; quantity: number }[] }[] {
  return plan.packages.map((p) => ({ products: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }))
}

/**
 * Whether two lists of packages hold the same contents, ignoring order of packages and of lines — used to
 * recognise "Ozon already packed this posting with our plan" after a crash or a lost answer.
 */
export function sameContents(a: readonly { products: readonly OrderedLine[] }[], b: readonly { products: readonly OrderedLine[] }[]): boolean {
  const key = (pkg: { products: readonly OrderedLine[] }) =>
    [...orderedQuantities(pkg.products)]
      .sort(([x], [y]) => x - y)
      .map(([sku, q]) => `${sku}:${q}`)
      .join(',')
  const ka = a.map(key).sort()
  const kb = b.map(key).sort()
  return ka.length === kb.length && ka.every((k, i) => k === kb[i])
}

function clonePlan(plan: PackingPlan): PackingPlan {
  return {
    packages: plan.packages.map((p) => ({ lines: p.lines.map((l) => ({ ...l })) })),
    active: plan.active,
    marks: Object.fromEntries(Object.entries(plan.marks).map(([k, v]) => [k, [...v]])),
    multiBoxQty: plan.multiBoxQty,
  }
}

function addToPackage(pkg: PlanPackage, add: PlanLine): void {
  const line = pkg.lines.find((l) => l.sku === add.sku)
  if (line) {
    line.quantity += add.quantity
    line.verified += add.verified
    line.manual += add.manual
  } else {
    pkg.lines.push({ ...add })
  }
}

/** Drops zero-quantity lines of a package; if it became empty, the package disappears and indices shift. */
function dropEmptied(plan: PackingPlan, index: number): PackingPlan {
  const pkg = plan.packages[index]
  if (!pkg) return plan
  pkg.lines = pkg.lines.filter((l) => l.quantity > 0)
  if (pkg.lines.length > 0 || plan.packages.length === 1) return plan
  plan.packages.splice(index, 1)
  if (plan.active !== null) {
    if (plan.active === index) plan.active = null
    else if (plan.active > index) plan.active--
  }
  return plan
}

function dropEmptyExcept(plan: PackingPlan, keep: number | null): PackingPlan {
  const keepPkg = keep === null ? null : plan.packages[keep]
  const packages = plan.packages.filter((p) => p.lines.length > 0 || p === keepPkg)
  if (packages.length === 0) return plan
  return { ...plan, packages, active: keepPkg ? packages.indexOf(keepPkg) : null }
}
