// Plan validation: every rule explains itself with a code, the numbers involved and an English sentence.
import { describe, expect, it } from 'vitest'
import { makePosting } from '../../../shared/domain/fixtures'
import { initialPlan, moveUnits, newPackage, verifyUnit, addMark, type PackingPlan } from '../../../shared/domain/packing-plan'
import { validatePlan } from '../../../shared/domain/packing-validation'
import type { Posting } from '../../../shared/domain/posting'

const posting = makePosting({
  items: [
    { sku: 11, offerId: 'MUG-RED-350', name: 'Кружка', quantity: 3, price: { amount: 499, currency: 'RUB' }, requiresMarkingCode: false },
    { sku: 12, offerId: 'PLT-PORC-26', name: 'Тарелка', quantity: 1, price: { amount: 390, currency: 'RUB' }, requiresMarkingCode: false },
  ],
})

function verifiedAll(p: Posting, plan: PackingPlan): PackingPlan {
  for (const i of p.items) for (let n = 0; n < i.quantity; n++) plan = verifyUnit(plan, p.items, i.sku).plan
  return plan
}

const codes = (r: { errors: { code: string }[] }) => r.errors.map((e) => e.code)

describe('validatePlan', () => {
  it('a fully verified plan with every unit in exactly one package passes', () => {
    const plan = moveUnits(verifiedAll(posting, initialPlan(posting.items)), { sku: 11, from: 0, to: 'new', quantity: 1 })
    expect(validatePlan({ posting, plan, verification: 'required' })).toEqual({ errors: [], warnings: [] })
  })

  it('required verification blocks unverified units; advisory only warns', () => {
    const plan = verifyUnit(initialPlan(posting.items), posting.items, 11).plan
    const required = validatePlan({ posting, plan, verification: 'required' })
    expect(required.errors).toEqual([
      { code: 'not_verified', message: '2 of MUG-RED-350 not verified by a scan yet', params: { sku: 11, offerId: 'MUG-RED-350', count: 2 } },
      { code: 'not_verified', message: '1 of PLT-PORC-26 not verified by a scan yet', params: { sku: 12, offerId: 'PLT-PORC-26', count: 1 } },
    ])
    const advisory = validatePlan({ posting, plan, verification: 'advisory' })
    expect(advisory.errors).toEqual([])
    expect(advisory.warnings.map((w) => w.code)).toEqual(['not_verified', 'not_verified'])
  })

  it('quantities must match the posting: missing, extra and unknown items are named', () => {
    const good = verifiedAll(posting, initialPlan(posting.items))
    const missing: PackingPlan = { ...good, packages: [{ lines: [{ sku: 11, quantity: 2, verified: 2, manual: 0 }, { sku: 12, quantity: 1, verified: 1, manual: 0 }] }] }
    const r1 = validatePlan({ posting, plan: missing, verification: 'advisory' })
    expect(r1.errors[0]).toMatchObject({ code: 'unit_missing', params: { offerId: 'MUG-RED-350', count: 1 } })

    const extra: PackingPlan = { ...good, packages: [...good.packages, { lines: [{ sku: 12, quantity: 1, verified: 0, manual: 0 }, { sku: 99, quantity: 1, verified: 0, manual: 0 }] }] }
    expect(codes(validatePlan({ posting, plan: extra, verification: 'advisory' }))).toEqual(['unit_extra', 'unknown_item'])
  })

  it('an empty package is refused with its number', () => {
    const plan = newPackage(verifiedAll(posting, initialPlan(posting.items)))
    const r = validatePlan({ posting, plan, verification: 'required' })
    expect(r.errors).toEqual([{ code: 'empty_package', message: 'Package 2 is empty: put something in it or leave it out', params: { package: 2 } }])
  })

  it('an inconsistent line (more verified than held, the same SKU twice) is refused', () => {
    const plan: PackingPlan = {
      packages: [{ lines: [{ sku: 11, quantity: 2, verified: 3, manual: 0 }, { sku: 11, quantity: 1, verified: 0, manual: 0 }, { sku: 12, quantity: 1, verified: 1, manual: 0 }] }],
      active: null,
      marks: {},
      multiBoxQty: null,
    }
    expect(codes(validatePlan({ posting, plan, verification: 'advisory' }))).toEqual(['bad_line', 'bad_line'])
  })

  it('only a posting awaiting packaging can be packed', () => {
    const plan = verifiedAll(posting, initialPlan(posting.items))
    const r = validatePlan({ posting: { ...posting, status: 'awaiting_deliver' }, plan, verification: 'required' })
    expect(r.errors).toEqual([{ code: 'not_packable', message: `Posting ${posting.postingNumber} is "awaiting_deliver", only "awaiting_packaging" can be packed`, params: { status: 'awaiting_deliver' } }])
  })

  it('marked goods need every code, then Ozon’s acceptance', () => {
    const marked = makePosting({
      items: [{ sku: 21, offerId: 'SNK-W-RUN-38', name: 'Кроссовки', quantity: 2, price: { amount: 5490, currency: 'RUB' }, requiresMarkingCode: true }],
    })
    let plan = verifiedAll(marked, initialPlan(marked.items))
    expect(validatePlan({ posting: marked, plan, verification: 'required' }).errors).toEqual([
      { code: 'marks_missing', message: '2 marking codes of SNK-W-RUN-38 still to scan', params: { sku: 21, offerId: 'SNK-W-RUN-38', count: 2 } },
    ])
    plan = addMark(addMark(plan, marked.items, 21, 'A').plan, marked.items, 21, 'B').plan
    expect(codes(validatePlan({ posting: marked, plan, verification: 'required', marksStatus: null }))).toEqual(['marks_pending'])
    expect(codes(validatePlan({ posting: marked, plan, verification: 'required', marksStatus: 'validation_in_process' }))).toEqual(['marks_pending'])
    expect(codes(validatePlan({ posting: marked, plan, verification: 'required', marksStatus: 'ship_not_available' }))).toEqual(['marks_rejected'])
    expect(codes(validatePlan({ posting: marked, plan, verification: 'required', marksStatus: 'ship_available' }))).toEqual([])
  })

  it('a multi-box posting needs its box count', () => {
    const multi = { ...posting, isMultibox: true }
    const plan = verifiedAll(multi, initialPlan(multi.items))
    expect(codes(validatePlan({ posting: multi, plan, verification: 'required' }))).toEqual(['multibox_missing'])
    expect(codes(validatePlan({ posting: multi, plan: { ...plan, multiBoxQty: 2 }, verification: 'required' }))).toEqual([])
  })
})
