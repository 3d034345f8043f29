// Tracking numbers against the sandbox through a real loopback relay: batches of at most 20 with Ozon's per-item
// answer, fixing and retrying a rejected number, edits that need a reason, duplicates, and numbers typed while Ozon
// is unreachable — they wait in the journal, survive a restart, and reach Ozon exactly once.
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../support/temp-dir'
import { OPERATOR, openStation, packedPostings, startWorld, trackingCalls, until, type HandoverStation } from './harness'

/** A CDEK-style number (10 digits) per package. */
const cdek = (i: number) => String(4_100_000_000 + i)

async function syncedStation(world: Awaited<ReturnType<typeof startWorld>>, dataDir?: string, opts?: Parameters<typeof openStation>[2]): Promise<HandoverStation> {
  const station = await openStation(world, dataDir ?? (await tempDir('tracking-')), opts)
  const sync = await station.call('orders.sync', {})
  expect(sync.ok).toBe(true)
  return station
}

describe('tracking numbers at Ozon', () => {
  it('sends 25 numbers in two calls (20 + 5); one rejected item shows Ozon’s reason and is accepted when retried after the fix', async () => {
    const world = await startWorld()
    const postings = packedPostings(world, 25, '3pl_tracking')
    const station = await syncedStation(world)
    const carrier = station.ctx.orders.data.postings[`demo/${postings[0]!.posting_number}`]!.carrier.name
    expect(carrier).toBe('СДЭК')

    // Ozon put one posting into a dispute after the station's sync: it takes no number in that status.
    const disputed = postings[7]!.posting_number
    world.sb.control.setStatus(disputed, { status: 'arbitration' })

    const { results } = await station.call('tracking.set', { entries: postings.map((p, i) => ({ postingNumber: p.posting_number, trackingNumber: cdek(i) })) })
    expect(results.every((r) => r.ok)).toBe(true)

    const calls = trackingCalls(world.relay)
    expect(calls.map((c) => c.pairs.length)).toEqual([20, 5])
    expect(calls.every((c) => c.status === 200)).toBe(true)
    const sent = calls.flatMap((c) => c.pairs.map((p) => p.posting_number)).sort()
    expect(sent).toEqual(postings.map((p) => p.posting_number).sort())

    const byNumber = new Map(results.map((r) => [r.postingNumber, r.row!]))
    expect(byNumber.get(disputed)).toMatchObject({ state: 'rejected', error: { code: 'HAS_INCORRECT_STATUS' } })
    expect(byNumber.get(disputed)!.error!.message).toMatch(/status/)
    expect(byNumber.get(disputed)!.blocked).toMatch(/refused/)
    const accepted = results.filter((r) => r.row!.state === 'accepted').map((r) => r.postingNumber)
    expect(accepted).toHaveLength(24)
    for (const [i, p] of postings.entries()) {
      if (p.posting_number === disputed) continue
      expect(world.sb.control.posting(p.posting_number)!.tracking_number).toBe(cdek(i))
      expect(station.ctx.orders.data.postings[`demo/${p.posting_number}`]!.trackingNumber).toBe(cdek(i))
    }
    expect(world.sb.control.posting(disputed)!.tracking_number).toBe('')

    // The "not yet accepted" view lists exactly the rejected one.
    const view = await station.call('tracking.list', {})
    expect(view.rows.map((r) => r.postingNumber)).toEqual([disputed])
    expect(view.counts).toMatchObject({ rejected: 1, accepted: 24, missing: 0, waiting: 0 })

    // The dispute is settled at Ozon; the packer sends the same number again.
    world.sb.control.setStatus(disputed, { status: 'awaiting_deliver' })
    const after = await station.call('tracking.retry', { postingNumbers: [disputed] })
    expect(after.rows).toEqual([])
    expect(world.sb.control.posting(disputed)!.tracking_number).toBe(cdek(7))
    expect(trackingCalls(world.relay)).toHaveLength(3)
    expect(trackingCalls(world.relay)[2]!.pairs).toEqual([{ posting_number: disputed, tracking_number: cdek(7) }])

    const row = await station.call('tracking.get', { postingNumber: disputed })
    expect(row.history.map((h) => h.kind)).toEqual(['set', 'retry'])
    expect(station.ctx.journal.openEntries('tracking')).toEqual([])
    const audit = await station.ctx.audit.read({ action: 'tracking.accepted' })
    expect(audit).toHaveLength(25)
    expect(audit[0]!.operator).toBe(OPERATOR)
  })

  it('a number Ozon finds invalid is fixed without a reason; replacing an accepted number needs one; duplicates are refused', async () => {
    const world = await startWorld()
    const [a, b] = packedPostings(world, 2, '3pl_tracking')
    const station = await syncedStation(world)
    // A bench rule looser than Ozon (3 characters allowed): Ozon then refuses the short number itself.
    const { rules } = await station.call('tracking.rules', {})
    await station.call('tracking.setRules', { rules: rules.map((r) => (r.id === 'cdek' ? { ...r, charset: 'alnum' as const, minLength: 3 } : r)) })

    const first = await station.call('tracking.set', { entries: [{ postingNumber: a!.posting_number, trackingNumber: 'ab1' }] })
    expect(first.results[0]!.check.value).toBe('AB1') // upper-cased before sending
    expect(first.results[0]!.row).toMatchObject({ state: 'rejected', error: { code: 'INVALID_TRACKING_NUMBER' } })

    const fixed = await station.call('tracking.set', { entries: [{ postingNumber: a!.posting_number, trackingNumber: '1234 5678 90' }] })
    expect(fixed.results[0]!.row).toMatchObject({ state: 'accepted', trackingNumber: '1234567890' })

    const noReason = await station.call('tracking.set', { entries: [{ postingNumber: a!.posting_number, trackingNumber: '1234567899' }] })
    expect(noReason.results[0]).toMatchObject({ ok: false, check: { problem: 'reason_required', needsReason: true } })
    expect(world.sb.control.posting(a!.posting_number)!.tracking_number).toBe('1234567890')

    const edited = await station.call('tracking.set', { entries: [{ postingNumber: a!.posting_number, trackingNumber: '1234567899', reason: 'Курьер переклеил накладную' }] })
    expect(edited.results[0]!.row).toMatchObject({ state: 'accepted', trackingNumber: '1234567899' })
    expect(edited.results[0]!.row!.history.map((h) => [h.kind, h.reason])).toEqual([
      ['set', ''],
      ['fix', ''],
      ['edit', 'Курьер переклеил накладную'],
    ])
    const [audit] = await station.ctx.audit.read({ action: 'tracking.edited' })
    expect(audit).toMatchObject({ postingNumber: a!.posting_number, details: { previous: '1234567890', trackingNumber: '1234567899', reason: 'Курьер переклеил накладную' } })

    const dup = await station.call('tracking.set', { entries: [{ postingNumber: b!.posting_number, trackingNumber: '1234567899' }] })
    expect(dup.results[0]).toMatchObject({ ok: false, check: { problem: 'duplicate', params: { other: a!.posting_number } } })
    const format = await station.call('tracking.check', { postingNumber: b!.posting_number, trackingNumber: '12-34' })
    expect(format).toMatchObject({ ok: false, problem: 'bad_chars' })
    expect(format.message).toContain('СДЭК')
  })
})

describe('tracking numbers while Ozon is unreachable', () => {
  it('wait in the journal across a restart and are sent exactly once after the next successful sync', async () => {
    const world = await startWorld()
    const postings = packedPostings(world, 3, '3pl_tracking')
    const dataDir = await tempDir('tracking-offline-')
    const first = await syncedStation(world, dataDir)

    world.relay.down()
    const { results } = await first.call('tracking.set', { entries: postings.map((p, i) => ({ postingNumber: p.posting_number, trackingNumber: cdek(i) })) })
    expect(results.map((r) => r.row!.state)).toEqual(['waiting', 'waiting', 'waiting'])
    const waiting = await first.call('tracking.list', {})
    expect(waiting.queued).toBe(3)
    expect(waiting.offline).not.toBeNull()
    expect(waiting.rows.every((r) => r.blocked.includes('not yet accepted'))).toBe(true)
    expect(trackingCalls(world.relay).every((c) => c.status === 0)).toBe(true)

    // The station stops while Ozon is still away, and starts again.
    await first.close()
    const second = await openStation(world, dataDir)
    expect(second.ctx.journal.openEntries('tracking')).toHaveLength(3)
    expect((await second.call('tracking.list', {})).rows.map((r) => r.state)).toEqual(['waiting', 'waiting', 'waiting'])

    world.relay.up()
    const sync = await second.call('orders.sync', {})
    expect(sync.ok).toBe(true)
    await until(() => second.ctx.journal.openEntries('tracking').length === 0, 'numbers sent after the sync')

    const reached = trackingCalls(world.relay).filter((c) => c.status === 200)
    const sent = reached.flatMap((c) => c.pairs.map((p) => p.posting_number)).sort()
    expect(sent).toEqual(postings.map((p) => p.posting_number).sort()) // each exactly once
    for (const [i, p] of postings.entries()) expect(world.sb.control.posting(p.posting_number)!.tracking_number).toBe(cdek(i))
    const list = await second.call('tracking.list', { show: 'all' })
    expect(list.rows.map((r) => r.state)).toEqual(['accepted', 'accepted', 'accepted'])
    expect(list.offline).toBeNull()
  })

  it('are sent by the retry timer when Ozon answers again, without a sync', async () => {
    const world = await startWorld()
    const [p] = packedPostings(world, 1, '3pl_tracking')
    const station = await syncedStation(world, undefined, { tracking: { sender: { retryDelaysMs: [100] } } })
    world.relay.down()
    await station.call('tracking.set', { entries: [{ postingNumber: p!.posting_number, trackingNumber: cdek(1) }] })
    expect((await station.call('tracking.get', { postingNumber: p!.posting_number })).state).toBe('waiting')
    await until(() => trackingCalls(world.relay).length >= 2, 'the retry timer tried again while Ozon is away')
    world.relay.up()
    await until(() => world.sb.control.posting(p!.posting_number)!.tracking_number === cdek(1), 'the number reached Ozon')
    await until(async () => (await station.call('tracking.get', { postingNumber: p!.posting_number })).state === 'accepted', 'accepted')
    expect(trackingCalls(world.relay).filter((c) => c.status === 200)).toHaveLength(1)
  })
})
