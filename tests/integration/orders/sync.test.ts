// Sync against the sandbox over loopback HTTP with the real client and the durable store: status changes
// between two syncs (cancelled, packed elsewhere), postings that leave the unfulfilled list, failures that keep
// the last good data, progress events.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoControl, liveStation, recordProgress, sandboxFor, SHOP } from './helpers'
import { startTestStation } from '../../support/station'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('orders sync', () => {
  it('sees a posting cancelled and one packed elsewhere between two syncs (demo sandbox, HTTP control)', async () => {
    const { station } = await startTestStation()
    const first = await station.call('orders.sync', {})
    expect(first.ok).toBe(true)
    const waiting = await station.call('orders.list', { limit: 1000 })
    expect(waiting.query.filters.status).toEqual(['awaiting_packaging'])
    const [toCancel, toPack] = waiting.postings
    expect(toCancel && toPack, 'the demo has postings awaiting packaging').toBeTruthy()

    const control = await demoControl(station)
    await control.setStatus(toCancel!.postingNumber, { status: 'cancelled', cancelReason: 'Покупатель передумал' })
    await control.setStatus(toPack!.postingNumber, { status: 'awaiting_deliver' })

    const second = await station.call('orders.sync', {})
    expect(second.ok).toBe(true)
    expect(second.changes).toEqual(
      expect.arrayContaining([
        { accountId: 'demo', postingNumber: toCancel!.postingNumber, from: 'awaiting_packaging', to: 'cancelled' },
        { accountId: 'demo', postingNumber: toPack!.postingNumber, from: 'awaiting_packaging', to: 'awaiting_deliver' },
      ]),
    )
    expect(second.updated).toBeGreaterThanOrEqual(2)

    // Neither waits for packing any more: the default inbox no longer lists them…
    const after = await station.call('orders.list', { limit: 1000 })
    const numbers = after.postings.map((p) => p.postingNumber)
    expect(numbers).not.toContain(toCancel!.postingNumber)
    expect(numbers).not.toContain(toPack!.postingNumber)
    const changed = new Set(second.changes.map((c) => c.postingNumber))
    const untouched = waiting.postings.filter((p) => !changed.has(p.postingNumber)).map((p) => p.postingNumber)
    expect(untouched.length).toBeGreaterThan(0)
    expect(numbers).toEqual(expect.arrayContaining(untouched))

    // …and both are visible with their new status, the cancellation with its reason.
    const cancelled = await station.call('orders.list', { filters: { status: ['cancelled'] }, search: toCancel!.postingNumber })
    expect(cancelled.postings).toHaveLength(1)
    expect(cancelled.postings[0]!.cancellation).toMatchObject({ reason: 'Покупатель передумал' })
    const packed = await station.call('orders.list', { filters: { status: ['awaiting_deliver'] }, search: toPack!.postingNumber })
    expect(packed.postings).toHaveLength(1)
    // Packed elsewhere today: the time the sync saw it, counted in the summary bar.
    expect(packed.rows[0]!.packedAt).toBe(second.finishedAt)
    expect(after.summary.packedToday).toBeGreaterThanOrEqual(1)
    expect(packed.rows[0]!.preparation?.stage).toBe('handover')
  })

  it('reads a posting that left the list again to learn where it went: delivered is kept and shown, an unknown one is gone', async () => {
    const sb = await sandboxFor({ postings: 30 })
    const { station } = await liveStation(sb)
    expect((await station.call('orders.sync', {})).ok).toBe(true)
    const all = await station.call('orders.list', { statuses: [], limit: 1000 })
    const [delivered, forgotten] = all.postings.filter((p) => p.status === 'awaiting_packaging')
    sb.control.setStatus(delivered!.postingNumber, { status: 'delivered' })
    delete sb.control.account().postings[forgotten!.postingNumber]
    const getsBefore = sb.control.calls('/v3/posting/fbs/get').length

    const progress = recordProgress(station)
    const second = await station.call('orders.sync', {})
    expect(second).toMatchObject({ ok: true, rechecked: 2, recheckPending: 0, removed: 1 })
    expect(second.changes).toEqual(
      expect.arrayContaining([
        { accountId: expect.any(String), postingNumber: delivered!.postingNumber, from: 'awaiting_packaging', to: 'delivered' },
        { accountId: expect.any(String), postingNumber: forgotten!.postingNumber, from: 'awaiting_packaging', to: 'gone' },
      ]),
    )
    expect(sb.control.calls('/v3/posting/fbs/get').length - getsBefore).toBe(2)
    expect(progress.filter((p) => p.phase === 'recheck').at(-1)).toMatchObject({ fetched: 2, total: 2 })

    const shown = await station.call('orders.list', { filters: { status: ['delivered'] } })
    expect(shown.postings.map((p) => p.postingNumber)).toEqual([delivered!.postingNumber])
    await expect(station.call('orders.get', { postingNumber: forgotten!.postingNumber })).rejects.toMatchObject({ code: 'not_found' })

    // A delivered posting is settled: the next sync does not read it again.
    const third = await station.call('orders.sync', {})
    expect(third.rechecked).toBe(0)
    expect(sb.control.calls('/v3/posting/fbs/get').length - getsBefore).toBe(2)
  })

  it('reads at most 50 leftovers per sync; the rest wait for the next one', async () => {
    const sb = await sandboxFor({ postings: 0 })
    sb.control.addPostings(60, { lines: 1 })
    const { station } = await liveStation(sb)
    expect((await station.call('orders.sync', {})).fetched).toBe(60)
    for (const n of Object.keys(sb.control.account().postings)) sb.control.setStatus(n, { status: 'delivered' })

    const second = await station.call('orders.sync', {})
    expect(second).toMatchObject({ ok: true, fetched: 0, rechecked: 50, recheckPending: 10 })
    const third = await station.call('orders.sync', {})
    expect(third).toMatchObject({ ok: true, rechecked: 10, recheckPending: 0 })
    const delivered = await station.call('orders.list', { filters: { status: ['delivered'] }, limit: 1000 })
    expect(delivered.total).toBe(60)
  })

  it('reads a posting still unfulfilled outside the window again once an hour; a settled one stays a week, then leaves the store', async () => {
    const sb = await sandboxFor({ postings: 0 })
    sb.control.addPostings(3, { lines: 1 })
    let now = Date.now()
    const { station } = await liveStation(sb, { now: () => new Date(now) })
    expect((await station.call('orders.sync', {})).fetched).toBe(3)
    const [delivered, ...waiting] = Object.keys(sb.control.account().postings)
    sb.control.setStatus(delivered!, { status: 'delivered' })

    // Seventy days on, every ship-by time lies before the window the station asks for: the list has none of them.
    now += 70 * DAY
    const left = await station.call('orders.sync', {})
    expect(left).toMatchObject({ ok: true, fetched: 0, rechecked: 3, recheckPending: 0, removed: 0 })
    // Still awaiting packaging (Ozon's list would return them in their window): read again, but not within the hour.
    now += 59 * MINUTE
    expect((await station.call('orders.sync', {})).rechecked).toBe(0)
    now += 2 * MINUTE
    expect((await station.call('orders.sync', {})).rechecked).toBe(waiting.length)
    // Delivered is settled: never read again, shown for a week after it left the list, then gone from the store.
    const settled = await station.call('orders.list', { filters: { status: ['delivered'] } })
    expect(settled.postings.map((p) => p.postingNumber)).toEqual([delivered])
    now += 7 * DAY
    const weekLater = await station.call('orders.sync', {})
    expect(weekLater).toMatchObject({ ok: true, rechecked: waiting.length, removed: 1 })
    await expect(station.call('orders.get', { postingNumber: delivered! })).rejects.toMatchObject({ code: 'not_found' })
    const kept = await station.call('orders.list', { statuses: [], limit: 1000 })
    expect(kept.postings.map((p) => p.postingNumber).sort()).toEqual([...waiting].sort())
  })

  it('keeps the last good data when Ozon fails, says when it was taken and why, and recovers', async () => {
    const sb = await sandboxFor({ postings: 20 })
    const { station } = await liveStation(sb)
    const good = await station.call('orders.sync', {})
    expect(good.ok).toBe(true)

    sb.control.injectFault({ kind: 'http5xx', status: 503, path: '/v4/posting/fbs/unfulfilled/list', times: 50 })
    const progress = recordProgress(station)
    const failed = await station.call('orders.sync', {})
    expect(failed).toMatchObject({ ok: false, failure: 'unreachable', fetched: 0, added: 0, removed: 0 })
    expect(failed.error).toContain(`Ozon ${SHOP.clientId}`)
    expect(progress.some((p) => p.phase === 'failed' && p.message)).toBe(true)

    const list = await station.call('orders.list', { statuses: [], limit: 1000 })
    expect(list.total).toBe(good.fetched)
    expect(list.sync).toMatchObject({ running: false, lastGoodSyncAt: good.finishedAt, lastSync: { ok: false } })

    sb.control.clearFaults()
    const again = await station.call('orders.sync', {})
    expect(again.ok).toBe(true)
    expect((await station.call('orders.syncState', {})).lastGoodSyncAt).toBe(again.finishedAt)
  })

  it('joins a sync in progress instead of starting a second one', async () => {
    const sb = await sandboxFor({ postings: 10 })
    const { station } = await liveStation(sb)
    const pagesBefore = sb.control.calls('/v4/posting/fbs/unfulfilled/list').length
    const [a, b] = await Promise.all([station.call('orders.sync', {}), station.call('orders.sync', {})])
    expect(a).toEqual(b)
    expect(sb.control.calls('/v4/posting/fbs/unfulfilled/list').length - pagesBefore).toBe(1)
  })

  it('stores the synced postings durably with reference data and reports progress with Ozon\'s total', async () => {
    const sb = await sandboxFor({ postings: 0 })
    sb.control.addPostings(250, { lines: 1 })
    const { station, config } = await liveStation(sb)
    const progress = recordProgress(station)
    const result = await station.call('orders.sync', {})
    expect(result).toMatchObject({ ok: true, fetched: 250, added: 250 })
    const pages = progress.filter((p) => p.phase === 'postings' && p.fetched > 0)
    expect(pages.map((p) => p.fetched)).toEqual([100, 200, 250])
    expect(pages.every((p) => p.total === 250)).toBe(true)
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reference', 'postings', 'done']))

    const onDisk = JSON.parse(await readFile(path.join(config.dataDir, 'orders.json'), 'utf8'))
    expect(Object.keys(onDisk.data.postings)).toHaveLength(250)
    expect(onDisk.data.warehouses.length).toBeGreaterThan(0)
    expect(onDisk.data.lastSync.fetched).toBe(250)
  })

  it('syncs by itself at start and follows the interval set in the bench settings; the process switch turns it off', async () => {
    const sb = await sandboxFor({ postings: 5 })
    const { station } = await liveStation(sb, { syncIntervalMinutes: 5 })
    // The sync at start fills the inbox without anyone asking.
    await expect.poll(async () => (await station.call('orders.syncState', {})).lastSync?.ok, { timeout: 20_000 }).toBe(true)
    expect((await station.call('orders.list', { statuses: [] })).total).toBe(5)
    expect((await station.call('orders.syncState', {})).intervalMinutes).toBe(5)
    await station.call('settings.update', { profile: { syncIntervalMinutes: 15 } })
    expect((await station.call('orders.syncState', {})).intervalMinutes).toBe(15)
    await station.call('settings.update', { profile: { syncIntervalMinutes: 0 } })
    expect((await station.call('orders.syncState', {})).intervalMinutes).toBe(0)

    const off = await liveStation(sb) // syncIntervalMinutes: 0 in the process config (tests, automation)
    expect(await off.station.call('orders.syncState', {})).toMatchObject({ running: false, lastSync: null, intervalMinutes: 0 })
  })

  it('does not rewrite the orders file for a sync that changed nothing; the next real change writes it', async () => {
    const sb = await sandboxFor({ postings: 12 })
    const { station, config } = await liveStation(sb)
    const file = path.join(config.dataDir, 'orders.json')
    const first = await station.call('orders.sync', {})
    const onDisk = async () => JSON.parse(await readFile(file, 'utf8')).data as { lastSync: { finishedAt: string }; postings: Record<string, { status: string }> }
    expect((await onDisk()).lastSync.finishedAt).toBe(first.finishedAt)

    const quiet = await station.call('orders.sync', {})
    expect(quiet).toMatchObject({ ok: true, added: 0, updated: 0, removed: 0, changes: [] })
    expect((await station.call('orders.syncState', {})).lastSync?.finishedAt).toBe(quiet.finishedAt)
    expect((await onDisk()).lastSync.finishedAt).toBe(first.finishedAt)

    const n = Object.keys(sb.control.account().postings)[0]!
    sb.control.setStatus(n, { status: 'cancelled' })
    const changed = await station.call('orders.sync', {})
    expect(changed.changes).toContainEqual(expect.objectContaining({ postingNumber: n, to: 'cancelled' }))
    const after = await onDisk()
    expect(after.lastSync.finishedAt).toBe(changed.finishedAt)
    expect(Object.entries(after.postings).find(([key]) => key.endsWith(`/${n}`))?.[1].status).toBe('cancelled')
  })
})
