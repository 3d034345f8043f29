// Hand-over scan checks and close checks: each refusal is specific (wrong carrier, cancelled, duplicate, …), a split
// order counts "2 of 3 packages", and what may be overridden at close is marked so.
import { describe, expect, it } from 'vitest'
import { batchLabel, closeBlockers, handoverKindOf, isLocalDate, needsRecheck, refuseScan, type BatchScope } from '../../../shared/domain/dispatch'
import { SplitGroups, splitProgress, byPackageNumber } from '../../../shared/domain/dispatch-groups'
import { makePosting } from '../../../shared/domain/fixtures'
import type { Posting } from '../../../shared/domain/posting'
import { trackingStatusOf } from '../../../shared/domain/tracking'

const scope: BatchScope = {
  accountId: 'demo',
  carrier: { id: '1101', name: 'СДЭК' },
  warehouse: { id: 'w1', name: 'Москва Север' },
  deliveryMethod: { id: 'dm1', name: 'СДЭК: до пункта выдачи' },
}
const packed = (o: Partial<Posting> = {}) =>
  makePosting({
    status: 'awaiting_deliver',
    integrationType: '3pl_tracking',
    carrier: scope.carrier,
    warehouse: scope.warehouse,
    deliveryMethod: scope.deliveryMethod,
    trackingNumber: '1234567890',
    ...o,
  })
const check = (posting: Posting, o: { inThisBatch?: boolean; otherBatch?: { id: string; label: string } | null } = {}) =>
  refuseScan({ scope, posting, tracking: trackingStatusOf(posting, null), inThisBatch: o.inThisBatch ?? false, otherBatch: o.otherBatch ?? null })

describe('a scanned package', () => {
  it('of this carrier, packed, with its tracking number, goes in', () => {
    expect(check(packed())).toBeNull()
  })

  it('of another carrier is refused, naming both carriers', () => {
    const r = check(packed({ carrier: { id: '24', name: 'Ozon Логистика' } }))
    expect(r).toMatchObject({ code: 'wrong_carrier', params: { carrier: 'Ozon Логистика', expected: 'СДЭК' } })
    expect(r!.message).toContain('put it aside')
  })

  it('of the right carrier but another warehouse or delivery method is refused for that', () => {
    expect(check(packed({ warehouse: { id: 'w2', name: 'Подольск' } }))?.code).toBe('wrong_warehouse')
    expect(check(packed({ deliveryMethod: { id: 'dm2', name: 'СДЭК: курьером' } }))?.code).toBe('wrong_delivery_method')
    expect(check(packed({ accountId: 'other-shop' }))?.code).toBe('wrong_account')
  })

  it('cancelled is refused loudly with Ozon’s reason — even when it is also of another carrier', () => {
    const r = check(packed({ status: 'cancelled', carrier: { id: '24', name: 'Ozon Логистика' }, cancellation: { reasonId: 402, reason: 'Покупатель отменил', initiator: 'Покупатель' } }))
    expect(r).toMatchObject({ code: 'cancelled', params: { reason: 'Покупатель отменил' } })
    expect(r!.message).toMatch(/CANCELLED.*do not hand it over/)
    expect(check(packed({ status: 'cancelled_from_split_pending' }))?.code).toBe('cancelled')
  })

  it('scanned twice is a duplicate; in another batch is refused naming that batch', () => {
    expect(check(packed(), { inThisBatch: true })?.code).toBe('duplicate')
    expect(check(packed(), { otherBatch: { id: 'b1', label: '2026-06-02 №1' } })).toMatchObject({ code: 'in_other_batch', params: { batch: '2026-06-02 №1' } })
  })

  it('not packed, not registered, already handed over or disputed is refused for that', () => {
    expect(check(packed({ status: 'awaiting_packaging' }))?.code).toBe('not_packed')
    expect(check(packed({ status: 'awaiting_registration' }))?.code).toBe('not_registered')
    expect(check(packed({ status: 'delivering' }))?.code).toBe('already_handed_over')
    expect(check(packed({ status: 'arbitration' }))?.code).toBe('wrong_status')
  })

  it('a 3PL package without an accepted tracking number is refused', () => {
    expect(check(packed({ trackingNumber: '' }))?.code).toBe('tracking_missing')
    const waiting = refuseScan({ scope, posting: packed({ trackingNumber: '' }), tracking: trackingStatusOf(packed({ trackingNumber: '' }), { trackingNumber: '55', state: 'waiting', error: null }), inThisBatch: false, otherBatch: null })
    expect(waiting?.code).toBe('tracking_waiting')
  })
})

describe('split orders', () => {
  // keep-first numbering: the packed posting keeps its number, the other packages name it as parent.
  const original = packed({ postingNumber: '111-0001-1', orderNumber: '111-0001' })
  const second = packed({ postingNumber: '111-0001-2', orderNumber: '111-0001', parentPostingNumber: '111-0001-1' })
  const third = packed({ postingNumber: '111-0001-10', orderNumber: '111-0001', parentPostingNumber: '111-0001-1' })
  const alone = packed({ postingNumber: '222-0001-1', orderNumber: '222-0001' })

  it('groups the packages of one ship by Ozon’s parent number, in package order', () => {
    const groups = new SplitGroups([third, alone, second, original])
    expect(groups.groupOf('demo', '111-0001-10').members).toEqual(['111-0001-1', '111-0001-2', '111-0001-10'])
    expect(groups.groupOf('demo', '111-0001-1').original).toBe('111-0001-1')
    expect(groups.groupOf('demo', '222-0001-1').members).toEqual(['222-0001-1'])
  })

  it('all-new numbering: the original cancelled_from_split_pending is no package', () => {
    const gone = packed({ postingNumber: '333-0001-1', orderNumber: '333-0001', status: 'cancelled_from_split_pending' })
    const a = packed({ postingNumber: '333-0001-2', orderNumber: '333-0001', parentPostingNumber: '333-0001-1' })
    const b = packed({ postingNumber: '333-0001-3', orderNumber: '333-0001', parentPostingNumber: '333-0001-1' })
    expect(new SplitGroups([gone, a, b]).groupOf('demo', '333-0001-3').members).toEqual(['333-0001-2', '333-0001-3'])
  })

  it('what packing recorded wins (the count is known even before Ozon lists every package)', () => {
    const groups = new SplitGroups([original], [{ accountId: 'demo', original: '111-0001-1', members: ['111-0001-1', '111-0001-2', '111-0001-3'] }])
    expect(groups.groupOf('demo', '111-0001-1').members).toHaveLength(3)
  })

  it('"2 of 3 packages scanned" until complete; an incomplete split blocks closing unless overridden', () => {
    const group = new SplitGroups([original, second, third]).groupOf('demo', '111-0001-1')
    const progress = splitProgress(group, new Set(['111-0001-1', '111-0001-2']))
    expect(progress).toMatchObject({ scanned: 2, total: 3, complete: false, missing: ['111-0001-10'] })
    const blockers = closeBlockers(
      scope,
      [original, second].map((p) => ({ posting: p, tracking: trackingStatusOf(p, null), stale: false })),
      [progress],
    )
    expect(blockers).toEqual([
      expect.objectContaining({ code: 'incomplete_split', overridable: true, message: 'Order 111-0001: 2 of 3 packages scanned — missing 111-0001-10' }),
    ])
    expect(splitProgress(group, new Set(group.members)).complete).toBe(true)
  })
})

describe('closing', () => {
  it('an empty batch, a package cancelled meanwhile, and data Ozon could not confirm', () => {
    expect(closeBlockers(scope, [], [])).toEqual([expect.objectContaining({ code: 'empty', overridable: false })])
    const cancelled = packed({ status: 'cancelled' })
    const old = packed({ postingNumber: '9-9-9' })
    const blockers = closeBlockers(
      scope,
      [
        { posting: cancelled, tracking: trackingStatusOf(cancelled, null), stale: false },
        { posting: old, tracking: trackingStatusOf(old, null), stale: true },
      ],
      [],
    )
    expect(blockers.map((b) => [b.code, b.overridable])).toEqual([
      ['cancelled', false],
      ['stale', true],
    ])
  })

  it('data older than five minutes is read again', () => {
    const now = Date.parse('2026-06-02T10:00:00Z')
    expect(needsRecheck({ syncedAt: '2026-06-02T09:56:00Z' }, now)).toBe(false)
    expect(needsRecheck({ syncedAt: '2026-06-02T09:54:00Z' }, now)).toBe(true)
    expect(needsRecheck({ syncedAt: 'garbage' }, now)).toBe(true)
  })

  it('names, hand-over kinds and dates', () => {
    expect(batchLabel({ departureDate: '2026-06-02', seq: 3 })).toBe('2026-06-02 №3')
    expect([handoverKindOf('ozon'), handoverKindOf('non_integrated'), handoverKindOf('3pl_tracking')]).toEqual(['carriage', 'delivering', 'none'])
    expect([isLocalDate('2026-02-28'), isLocalDate('2026-02-30'), isLocalDate('2026-2-3')]).toEqual([true, false, false])
    expect(['1-1-10', '1-1-2', '1-1-1'].sort(byPackageNumber)).toEqual(['1-1-1', '1-1-2', '1-1-10'])
  })
})
