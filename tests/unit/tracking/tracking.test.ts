// Where a package's tracking number stands, what blocks its hand-over, when a change needs a reason, duplicates, and
// how waiting numbers are cut into Ozon's batches of at most 20.
import { describe, expect, it } from 'vitest'
import { makePosting } from '../../../shared/domain/fixtures'
import {
  changeNeedsReason,
  findDuplicate,
  planTrackingBatches,
  trackingBlock,
  trackingNeed,
  trackingStatusOf,
  type PendingNumber,
} from '../../../shared/domain/tracking'

const tpl = makePosting({ integrationType: '3pl_tracking', status: 'awaiting_deliver', availableActions: ['set_track_number'] })
const own = makePosting({ integrationType: 'non_integrated', status: 'awaiting_deliver' })
const ozon = makePosting({ integrationType: 'ozon', status: 'awaiting_deliver' })

describe('who needs a tracking number', () => {
  it('3PL must have one, own delivery may, Ozon logistics and aggregators never', () => {
    expect(trackingNeed(tpl)).toBe('required')
    expect(trackingNeed(own)).toBe('optional')
    expect(trackingNeed(ozon)).toBe('none')
    expect(trackingNeed(makePosting({ integrationType: 'aggregator', availableActions: ['set_track_number'] }))).toBe('none')
    expect(trackingNeed(makePosting({ integrationType: 'hybryd', availableActions: ['set_track_number'] }))).toBe('optional')
  })
})

describe('where a number stands and what blocks hand-over', () => {
  it('missing blocks a 3PL package but not own delivery', () => {
    expect(trackingBlock(trackingStatusOf(tpl, null))).toMatchObject({ code: 'tracking_missing' })
    expect(trackingBlock(trackingStatusOf(own, null))).toBeNull()
    expect(trackingBlock(trackingStatusOf(ozon, null))).toBeNull()
  })

  it('a typed number blocks until Ozon accepts it; a rejected one says Ozon’s reason', () => {
    const waiting = trackingStatusOf(own, { trackingNumber: 'MSK-1', state: 'sending', error: null })
    expect(waiting.state).toBe('waiting')
    expect(trackingBlock(waiting)).toMatchObject({ code: 'tracking_waiting' })
    const rejected = trackingStatusOf(tpl, { trackingNumber: '1234567890', state: 'rejected', error: { code: 'INVALID_TRACKING_NUMBER', message: 'not valid' } })
    expect(trackingBlock(rejected)!.message).toContain('not valid')
    expect(trackingBlock(trackingStatusOf(tpl, { trackingNumber: '1234567890', state: 'accepted', error: null }))).toBeNull()
  })

  it('a number Ozon already has (seller cabinet) counts as accepted', () => {
    const s = trackingStatusOf({ ...tpl, trackingNumber: '5550001112' }, null)
    expect(s).toMatchObject({ state: 'accepted', source: 'ozon', trackingNumber: '5550001112' })
  })
})

describe('changes', () => {
  it('replacing an accepted or waiting number needs a reason; the first one or a fix of a rejected one does not', () => {
    expect(changeNeedsReason(trackingStatusOf(tpl, null), 'A1')).toBe(false)
    expect(changeNeedsReason(trackingStatusOf(tpl, { trackingNumber: 'A1', state: 'accepted', error: null }), 'A2')).toBe(true)
    expect(changeNeedsReason(trackingStatusOf(tpl, { trackingNumber: 'A1', state: 'waiting', error: null }), 'A2')).toBe(true)
    expect(changeNeedsReason(trackingStatusOf(tpl, { trackingNumber: 'A1', state: 'rejected', error: { code: 'X', message: '' } }), 'A2')).toBe(false)
    expect(changeNeedsReason(trackingStatusOf(tpl, { trackingNumber: 'A1', state: 'accepted', error: null }), 'A1')).toBe(false)
  })

  it('a number held by another posting is a duplicate, also in another account; the posting’s own is not', () => {
    const holders = [
      { accountId: 'a', postingNumber: '1-1-1', trackingNumber: 'T1' },
      { accountId: 'b', postingNumber: '2-2-2', trackingNumber: 'T2' },
    ]
    expect(findDuplicate('T1', { accountId: 'a', postingNumber: '1-1-1' }, holders)).toBeNull()
    expect(findDuplicate('T1', { accountId: 'a', postingNumber: '3-3-3' }, holders)).toMatchObject({ postingNumber: '1-1-1' })
    expect(findDuplicate('T2', { accountId: 'a', postingNumber: '2-2-2' }, holders)).toMatchObject({ accountId: 'b' })
    expect(findDuplicate('T3', { accountId: 'a', postingNumber: '3-3-3' }, holders)).toBeNull()
  })
})

describe('batches for Ozon', () => {
  const pending = (n: number, account = 'a', posting = `p-${n}`, at = n): PendingNumber => ({
    id: `e${n}`,
    accountId: account,
    postingNumber: posting,
    trackingNumber: `T${n}`,
    createdAt: new Date(Date.UTC(2026, 5, 2, 9, 0, at)).toISOString(),
  })

  it('25 waiting numbers go as 20 + 5, oldest first', () => {
    const plan = planTrackingBatches(Array.from({ length: 25 }, (_, i) => pending(i)).reverse())
    expect(plan.batches.map((b) => b.entries.length)).toEqual([20, 5])
    expect(plan.batches[0]!.entries[0]!.id).toBe('e0')
    expect(plan.superseded).toEqual([])
  })

  it('only the newest number of a package goes; older ones are superseded; accounts are never mixed', () => {
    const plan = planTrackingBatches([pending(1, 'a', 'x'), pending(2, 'b', 'y'), pending(3, 'a', 'x')])
    expect(plan.superseded.map((p) => p.id)).toEqual(['e1'])
    expect(plan.batches).toEqual([
      { accountId: 'b', entries: [expect.objectContaining({ id: 'e2' })] },
      { accountId: 'a', entries: [expect.objectContaining({ id: 'e3' })] },
    ])
  })

  it('refuses a batch size Ozon would refuse', () => {
    expect(() => planTrackingBatches([], 21)).toThrow(/1\.\.20/)
  })
})
