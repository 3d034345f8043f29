// The packing plan's operations: quantity splitting, new packages, verification into the active package,
// marking codes — each checked for what it keeps invariant (no unit is created or lost).
import { describe, expect, it } from 'vitest'
import {
  addMark,
  initialPlan,
  moveUnits,
  newPackage,
  PlanError,
  plannedQuantities,
  removeMark,
  sameContents,
  setActivePackage,
  setMultiBoxQty,
  shipPackages,
  verifiedQuantities,
  verifyUnit,
  type PackingPlan,
} from '../../../shared/domain/packing-plan'

const A = 1001
const B = 1002
const C = 1003
const items = [
  { sku: A, quantity: 3 },
  { sku: B, quantity: 1 },
  { sku: C, quantity: 2 },
]

const totals = (plan: PackingPlan) => Object.fromEntries(plannedQuantities(plan))
const lines = (plan: PackingPlan) => plan.packages.map((p) => p.lines.map((l) => `${l.sku}:${l.quantity}/${l.verified}`).join(' '))

function planError(fn: () => unknown): PlanError {
  try {
    fn()
  } catch (err) {
    if (err instanceof PlanError) return err
    throw err
  }
  throw new Error('expected a PlanError')
}

describe('initial plan', () => {
  it('starts as one package holding every unit, nothing verified, no active package', () => {
    const plan = initialPlan(items)
    expect(lines(plan)).toEqual(['1001:3/0 1002:1/0 1003:2/0'])
    expect(plan.active).toBeNull()
    expect(plan.multiBoxQty).toBeNull()
  })

  it('sums a SKU listed twice', () => {
    expect(lines(initialPlan([{ sku: A, quantity: 1 }, { sku: A, quantity: 2 }]))).toEqual(['1001:3/0'])
  })
})

describe('quantity splitting (moveUnits)', () => {
  it('splits a line 2+1 into a new package and keeps every unit', () => {
    const plan = moveUnits(initialPlan(items), { sku: A, from: 0, to: 'new', quantity: 1 })
    expect(lines(plan)).toEqual(['1001:2/0 1002:1/0 1003:2/0', '1001:1/0'])
    expect(totals(plan)).toEqual({ [A]: 3, [B]: 1, [C]: 2 })
  })

  it('moving a whole line removes it from the source; moving it back merges the line', () => {
    let plan = moveUnits(initialPlan(items), { sku: C, from: 0, to: 'new', quantity: 2 })
    expect(lines(plan)).toEqual(['1001:3/0 1002:1/0', '1003:2/0'])
    plan = moveUnits(plan, { sku: C, from: 1, to: 0, quantity: 1 })
    expect(lines(plan)).toEqual(['1001:3/0 1002:1/0 1003:1/0', '1003:1/0'])
  })

  it('an emptied package disappears and the others close up', () => {
    let plan = moveUnits(initialPlan(items), { sku: B, from: 0, to: 'new', quantity: 1 })
    plan = moveUnits(plan, { sku: C, from: 0, to: 'new', quantity: 2 })
    expect(plan.packages).toHaveLength(3)
    plan = moveUnits(plan, { sku: B, from: 1, to: 0, quantity: 1 })
    expect(lines(plan)).toEqual(['1001:3/0 1002:1/0', '1003:2/0'])
    expect(plan.packages).toHaveLength(2)
  })

  it('verified units travel first, hand-counted ones last', () => {
    let plan = initialPlan(items)
    plan = verifyUnit(plan, items, A).plan
    plan = verifyUnit(plan, items, A, { manual: true }).plan
    const moved = moveUnits(plan, { sku: A, from: 0, to: 'new', quantity: 1 })
    expect(moved.packages[1]!.lines[0]).toEqual({ sku: A, quantity: 1, verified: 1, manual: 0 })
    expect(moved.packages[0]!.lines[0]).toEqual({ sku: A, quantity: 2, verified: 1, manual: 1 })
    const movedTwo = moveUnits(plan, { sku: A, from: 0, to: 'new', quantity: 3 })
    expect(movedTwo.packages[1]!.lines[0]).toEqual({ sku: A, quantity: 3, verified: 2, manual: 1 })
  })

  it('refuses impossible moves with a reason and leaves the plan as it was', () => {
    const plan = initialPlan(items)
    expect(planError(() => moveUnits(plan, { sku: A, from: 0, to: 'new', quantity: 4 })).code).toBe('not_enough_units')
    expect(planError(() => moveUnits(plan, { sku: A, from: 0, to: 0, quantity: 1 })).code).toBe('same_package')
    expect(planError(() => moveUnits(plan, { sku: A, from: 2, to: 'new', quantity: 1 })).code).toBe('no_such_package')
    expect(planError(() => moveUnits(plan, { sku: A, from: 0, to: 5, quantity: 1 })).code).toBe('no_such_package')
    expect(planError(() => moveUnits(plan, { sku: 9, from: 0, to: 'new', quantity: 1 })).code).toBe('no_such_line')
    expect(planError(() => moveUnits(plan, { sku: A, from: 0, to: 'new', quantity: 0 })).code).toBe('bad_quantity')
    expect(planError(() => moveUnits(plan, { sku: A, from: 0, to: 'new', quantity: 1.5 })).code).toBe('bad_quantity')
    expect(lines(plan)).toEqual(['1001:3/0 1002:1/0 1003:2/0'])
  })

  it('never creates or loses a unit over a long series of moves', () => {
    let plan = initialPlan(items)
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let step = 0; step < 500; step++) {
      const from = rand(plan.packages.length)
      const line = plan.packages[from]!.lines[rand(plan.packages[from]!.lines.length)]
      if (!line) continue
      const toRoll = rand(plan.packages.length + 1)
      const to = toRoll === plan.packages.length ? ('new' as const) : toRoll
      if (to === from) continue
      plan = moveUnits(plan, { sku: line.sku, from, to, quantity: 1 + rand(line.quantity) })
      expect(totals(plan)).toEqual({ [A]: 3, [B]: 1, [C]: 2 })
      expect(plan.packages.every((p) => p.lines.length > 0 && p.lines.every((l) => l.quantity > 0))).toBe(true)
    }
  })
})

describe('packages and scans (verifyUnit)', () => {
  it('without an active package a scan verifies the unit where it lies', () => {
    let plan = moveUnits(initialPlan(items), { sku: A, from: 0, to: 'new', quantity: 1 })
    plan = verifyUnit(plan, items, A).plan
    plan = verifyUnit(plan, items, A).plan
    const third = verifyUnit(plan, items, A)
    expect(third.packageIndex).toBe(1)
    expect(lines(third.plan)).toEqual(['1001:2/2 1002:1/0 1003:2/0', '1001:1/1'])
  })

  it('fill bag 1, press N, fill bag 2: scans move units into the active package', () => {
    let plan = initialPlan(items)
    plan = verifyUnit(plan, items, A).plan
    plan = verifyUnit(plan, items, B).plan
    plan = newPackage(plan)
    expect(plan.active).toBe(1)
    expect(plan.packages[1]!.lines).toEqual([])
    const r = verifyUnit(plan, items, C)
    expect(r.packageIndex).toBe(1)
    plan = verifyUnit(r.plan, items, C).plan
    plan = verifyUnit(plan, items, A).plan
    expect(lines(plan)).toEqual(['1001:2/1 1002:1/1', '1003:2/2 1001:1/1'])
    expect(totals(plan)).toEqual({ [A]: 3, [B]: 1, [C]: 2 })
  })

  it('N with an empty package waiting makes that one active instead of stacking empties', () => {
    let plan = newPackage(initialPlan(items))
    plan = setActivePackage(plan, 0)
    expect(plan.packages).toHaveLength(1) // the empty one was dropped when it stopped being active
    plan = newPackage(plan)
    const again = newPackage(plan)
    expect(again.packages).toHaveLength(2)
    expect(again.active).toBe(1)
  })

  it('refuses a unit beyond the ordered quantity and an item not in the posting', () => {
    let plan = initialPlan(items)
    plan = verifyUnit(plan, items, B).plan
    const e = planError(() => verifyUnit(plan, items, B))
    expect(e.code).toBe('already_complete')
    expect(e.params).toMatchObject({ sku: B, quantity: 1 })
    expect(planError(() => verifyUnit(plan, items, 42)).code).toBe('unknown_item')
  })

  it('counts manual units separately', () => {
    const plan = verifyUnit(initialPlan(items), items, C, { manual: true }).plan
    expect(plan.packages[0]!.lines.find((l) => l.sku === C)).toEqual({ sku: C, quantity: 2, verified: 1, manual: 1 })
    expect(verifiedQuantities(plan).get(C)).toBe(1)
  })

  it('an emptied source package disappears and the active index follows', () => {
    let plan = moveUnits(initialPlan(items), { sku: B, from: 0, to: 'new', quantity: 1 }) // [A3 C2] [B1]
    plan = newPackage(plan) // [A3 C2] [B1] [] active 2
    plan = verifyUnit(plan, items, B).plan // B moves out of package 2, which disappears
    expect(lines(plan)).toEqual(['1001:3/0 1003:2/0', '1002:1/1'])
    expect(plan.active).toBe(1)
  })
})

describe('marking codes', () => {
  const marked = [{ sku: A, quantity: 2 }]
  it('a code records the mark and verifies its unit; a code after a product scan does not count twice', () => {
    let plan = initialPlan(marked)
    const first = addMark(plan, marked, A, '0104600000000001215ABCDE')
    expect(first.counted).toBe(true)
    plan = verifyUnit(first.plan, marked, A).plan // second unit scanned by its EAN first
    const second = addMark(plan, marked, A, '0104600000000001215ABCDF')
    expect(second.counted).toBe(false)
    expect(second.plan.marks[String(A)]).toHaveLength(2)
    expect(verifiedQuantities(second.plan).get(A)).toBe(2)
  })

  it('refuses a duplicate code, and more codes than units', () => {
    const plan = addMark(initialPlan(marked), marked, A, 'X1').plan
    expect(planError(() => addMark(plan, marked, A, 'X1')).code).toBe('duplicate_mark')
    const full = addMark(plan, marked, A, 'X2').plan
    expect(planError(() => addMark(full, marked, A, 'X3')).code).toBe('marks_complete')
    expect(removeMark(full, A, 'X1').marks[String(A)]).toEqual(['X2'])
  })
})

describe('what goes to Ozon', () => {
  it('one entry per package, SKU and quantity', () => {
    const plan = moveUnits(initialPlan(items), { sku: A, from: 0, to: 'new', quantity: 1 })
    expect(shipPackages(plan)).toEqual([
      { products: [{ sku: A, quantity: 2 }, { sku: B, quantity: 1 }, { sku: C, quantity: 2 }] },
      { products: [{ sku: A, quantity: 1 }] },
    ])
  })

  it('recognises the same contents regardless of package and line order', () => {
    const a = [{ products: [{ sku: A, quantity: 2 }, { sku: B, quantity: 1 }] }, { products: [{ sku: A, quantity: 1 }] }]
    const b = [{ products: [{ sku: A, quantity: 1 }] }, { products: [{ sku: B, quantity: 1 }, { sku: A, quantity: 2 }] }]
    expect(sameContents(a, b)).toBe(true)
    expect(sameContents(a, [{ products: [{ sku: A, quantity: 3 }, { sku: B, quantity: 1 }] }])).toBe(false)
  })

  it('multi-box count must be a whole number 1..1000', () => {
    expect(setMultiBoxQty(initialPlan(items), 3).multiBoxQty).toBe(3)
    expect(planError(() => setMultiBoxQty(initialPlan(items), 0)).code).toBe('bad_quantity')
  })
})
