// Demo mode end to end inside the core: the embedded sandbox, the real client, the durable store.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SyncProgress } from '../../../shared/contract'
import { createStation } from '../../../electron/station'
import { silentLogger } from '../../../shared/log'
import { startTestStation, testConfig } from '../../support/station'

describe('demo sync', () => {
  it('fills the store from the embedded sandbox, with progress events', async () => {
    const { station, config } = await startTestStation()
    const progress: SyncProgress[] = []
    station.subscribe((event, payload) => {
      if (event === 'sync.progress') progress.push(payload as SyncProgress)
    })

    const result = await station.call('orders.sync', {})
    expect(result.ok).toBe(true)
    expect(result.fetched).toBeGreaterThanOrEqual(80)
    expect(result.added).toBe(result.fetched)
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reference', 'postings', 'done']))

    // The durable file holds what the station reported.
    const onDisk = JSON.parse(await readFile(path.join(config.dataDir, 'orders.json'), 'utf8'))
    expect(Object.keys(onDisk.data.postings)).toHaveLength(result.fetched)
    expect(onDisk.data.warehouses.length).toBeGreaterThanOrEqual(2)

    const list = await station.call('orders.list', { statuses: ['awaiting_packaging'], limit: 1000 })
    expect(list.total).toBeGreaterThan(0)
    expect(list.postings.every((p) => p.status === 'awaiting_packaging')).toBe(true)
    const shipBy = list.postings.map((p) => p.shipmentDate)
    expect(shipBy).toEqual([...shipBy].sort())
    const first = list.postings[0]!
    expect(await station.call('orders.get', { postingNumber: first.postingNumber })).toEqual(first)

    // A second sync of unchanged data changes nothing.
    const again = await station.call('orders.sync', {})
    expect(again).toMatchObject({ ok: true, added: 0, removed: 0, fetched: result.fetched })
  })

  it('keeps the last good data and says when it was taken when Ozon cannot be reached', async () => {
    const { station, config } = await startTestStation()
    const good = await station.call('orders.sync', {})
    await station.close()

    // Same data dir, live mode pointed at a port nobody listens on.
    const offline = await createStation(
      { ...(await testConfig({ dataDir: config.dataDir })), ozon: { mode: 'live', url: 'http://127.0.0.1:9', clientId: '1', apiKey: 'k' } },
      { logger: silentLogger },
    )
    try {
      const failed = await offline.call('orders.sync', {})
      expect(failed.ok).toBe(false)
      expect(failed.error).toBeTruthy()
      const list = await offline.call('orders.list', { limit: 1000, statuses: [] })
      expect(list.lastSync?.ok).toBe(false)
      // postings of the demo account are still there: a failed sync never wipes data
      expect(list.total).toBe(good.fetched)
    } finally {
      await offline.close()
    }
  })
})
