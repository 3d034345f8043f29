// Contract: the client reads reference data and the packing queue from the sandbox over loopback HTTP,
// across both versions of every method and both wire variants of the v4 list.
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { OzonError } from '../../../electron/ozon/index'
import { TestClock, collect, failure, recordingLogger, startTestSandbox, wideWindow, type TestSandbox } from '../../support/ozon-sandbox'

let sb: TestSandbox | null = null
afterEach(async () => {
  await sb?.close()
  sb = null
})

describe('reference data', () => {
  it('lists warehouses via v2 and falls back to v1 when v2 is switched off', async () => {
    sb = await startTestSandbox()
    const v2 = await sb.client().listWarehouses()
    expect(v2.map((w) => w.source)).toEqual(['v2', 'v2', 'v2'])
    expect(v2.every((w) => /^\d{13,16}$/.test(w.warehouse_id))).toBe(true)
    expect(v2.map((w) => w.carriage_label_type)).toContain('SMALL')

    sb.control.setVariants({ disabledMethods: ['/v2/warehouse/list'] })
    const v1 = await sb.client().listWarehouses()
    expect(v1.map((w) => w.source)).toEqual(['v1', 'v1', 'v1'])
    expect(v1.map((w) => w.warehouse_id)).toEqual(v2.map((w) => w.warehouse_id))
    expect(v1[0]!.working_days[0]).toBe('MONDAY')
  })

  it('lists delivery methods with their integration types via v2, and v1 as fallback', async () => {
    sb = await startTestSandbox()
    const v2 = await sb.client().listDeliveryMethods()
    expect(new Set(v2.map((d) => d.tpl_integration_type))).toEqual(new Set(['ozon', '3pl_tracking', 'non_integrated']))
    expect(v2.find((d) => d.tpl_integration_type === 'ozon')!.provider_id).toBe('24')

    sb.control.setVariants({ disabledMethods: ['/v2/delivery-method/list'] })
    const v1 = await sb.client({ variants: { deliveryMethodsV1PageSize: 2 } }).listDeliveryMethods()
    expect(v1.map((d) => d.id).sort()).toEqual(v2.map((d) => d.id).sort())
    expect(v1.every((d) => d.source === 'v1' && d.tpl_integration_type === null)).toBe(true)
  })

  it('reads the key roles and expiry', async () => {
    sb = await startTestSandbox()
    const access = await sb.client().checkAccess()
    expect(access.roles.length).toBeGreaterThan(0)
    expect(Date.parse(access.expiresAt!)).toBeGreaterThan(sb.clock.t)
  })
})

describe('unfulfilled postings', () => {
  it('pages through every posting exactly once with v4 cursors (both wrapper variants)', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.addPostings(250)
    for (const listWrapper of ['top', 'result'] as const) {
      sb.control.setVariants({ listWrapper })
      const pages = []
      for await (const page of sb.client().unfulfilledPages({ ...wideWindow(sb.clock), pageSize: 100 })) pages.push(page)
      expect(pages.map((p) => p.postings.length)).toEqual([100, 100, 50])
      expect(pages.map((p) => p.hasNext)).toEqual([true, true, false])
      expect(pages[0]!.total).toBe(250)
      const numbers = pages.flatMap((p) => p.postings.map((x) => x.posting_number))
      expect(new Set(numbers).size).toBe(250)
    }
  })

  it('keeps paging correct when postings arrive between two pages', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.addPostings(150)
    const seen: string[] = []
    let first = true
    for await (const page of sb.client().unfulfilledPages({ ...wideWindow(sb.clock), pageSize: 100 })) {
      seen.push(...page.postings.map((p) => p.posting_number))
      if (first) sb.control.addPostings(5) // new orders land mid-sync
      first = false
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(150)
  })

  it('falls back to v3 offset paging when v4 is switched off, with the same postings', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.addPostings(120)
    const v4 = await collect(sb.client().unfulfilledPages({ ...wideWindow(sb.clock) }))
    sb.control.setVariants({ disabledMethods: ['/v4/posting/fbs/unfulfilled/list'] })
    const client = sb.client()
    const pages = []
    for await (const page of client.unfulfilledPages({ ...wideWindow(sb.clock), pageSize: 50 })) pages.push(page)
    expect(pages.map((p) => p.postings.length)).toEqual([50, 50, 20])
    const v3 = pages.flatMap((p) => p.postings)
    expect(v3.map((p) => p.posting_number).sort()).toEqual(v4.map((p) => p.posting_number).sort())
    // v3 sends prices as strings + currency_code, v4 as objects: the client normalises both to the same money.
    const a = v4.find((p) => p.posting_number === v3[0]!.posting_number)!
    expect(v3[0]!.products[0]!.price).toEqual(a.products[0]!.price)
    expect(typeof v3[0]!.products[0]!.price.amount).toBe('number')
  })

  it('filters by status and warehouse', async () => {
    sb = await startTestSandbox()
    const client = sb.client()
    const [wh] = await client.listWarehouses()
    const list = await collect(client.unfulfilledPages({ ...wideWindow(sb.clock), statuses: ['awaiting_packaging'], warehouseIds: [wh!.warehouse_id] }))
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((p) => p.status === 'awaiting_packaging' && p.delivery_method.warehouse_id === wh!.warehouse_id)).toBe(true)
  })

  it('refuses a page size above 100 before calling Ozon', async () => {
    sb = await startTestSandbox()
    const pages = sb.client().unfulfilledPages({ ...wideWindow(sb.clock), pageSize: 500 })
    await expect(pages.next()).rejects.toThrow(/page size must be 1\.\.100/)
    expect(sb.control.calls('/v4/posting/fbs/unfulfilled/list')).toHaveLength(0)
  })

  it('the demo looks like a real seller', async () => {
    sb = await startTestSandbox()
    const client = sb.client()
    const all = await collect(client.unfulfilledPages({ ...wideWindow(sb.clock) }))
    expect(all.length).toBeGreaterThanOrEqual(80)
    expect(all.length).toBeLessThanOrEqual(150)
    const waiting = all.filter((p) => p.status === 'awaiting_packaging')
    const t = sb.clock.t
    expect(waiting.some((p) => Date.parse(p.shipment_date) < t)).toBe(true) // overdue
    expect(waiting.some((p) => Date.parse(p.shipment_date) >= t && Date.parse(p.shipment_date) - t <= 3_600_000)).toBe(true) // due within the hour
    expect(all.some((p) => p.products.length > 1)).toBe(true)
    expect(Math.max(...all.map((p) => p.products.length))).toBeLessThanOrEqual(12)
    expect(Math.max(...all.flatMap((p) => p.products.map((l) => l.quantity)))).toBeLessThanOrEqual(10)
    expect(all.every((p) => p.tariffication_steps.length >= 2)).toBe(true)
    expect(all.some((p) => p.requirements.products_requiring_mandatory_mark.length > 0)).toBe(true)
    expect(all.every((p) => /^%101%\d{9}$/.test(p.barcodes!.upper_barcode) && /^\d{14}$/.test(p.barcodes!.lower_barcode))).toBe(true)
    expect(all.every((p) => /[а-яё]/i.test(p.products[0]!.name))).toBe(true)
    const types = new Set(all.map((p) => p.tpl_integration_type))
    expect(types).toEqual(new Set(['ozon', '3pl_tracking', 'non_integrated']))
    // product barcodes for scan-to-verify: EAN-13 with a valid check digit, and OZN + SKU
    const skus = [...new Set(all.flatMap((p) => p.products.map((l) => l.sku)))]
    const info = await client.productInfo({ skus })
    expect(info.length).toBe(skus.length)
    const codes = info.flatMap((i) => i.barcodes)
    const ean = codes.filter((c) => /^\d{13}$/.test(c))
    expect(ean.length).toBeGreaterThan(0)
    for (const c of ean) {
      const sum = [...c.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0)
      expect((10 - (sum % 10)) % 10).toBe(Number(c[12]))
    }
    expect(info.every((i) => i.barcodes.includes(`OZN${i.sku}`))).toBe(true)
  })
})

describe('auth, limits, persistence', () => {
  it('a wrong key is a typed auth error that never shows the key', async () => {
    sb = await startTestSandbox()
    const logger = recordingLogger()
    const secret = 'sk-very-secret-123456'
    const client = sb.client({ apiKey: secret, logger, locale: 'en' })
    const err = await client.listWarehouses().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OzonError)
    const e = err as OzonError
    expect([e.kind, e.httpStatus, e.code, e.retryable]).toEqual(['auth', 403, 7, false])
    expect(e.human).toMatch(/API key/)
    const everything = [e.message, e.human, JSON.stringify(e), String(e.stack), ...logger.lines].join('\n')
    expect(everything).not.toContain(secret)
    expect(logger.lines.length).toBeGreaterThan(0)
  })

  it('serves several seller accounts, each with its own key and postings', async () => {
    sb = await startTestSandbox({
      accounts: [
        { clientId: '111', apiKey: 'key-one' },
        { clientId: '222', apiKey: 'key-two', seed: 7 },
      ],
    })
    const one = await collect(sb.client({ clientId: '111', apiKey: 'key-one' }).unfulfilledPages(wideWindow(sb.clock)))
    const two = await collect(sb.client({ clientId: '222', apiKey: 'key-two' }).unfulfilledPages(wideWindow(sb.clock)))
    expect(one.length).toBeGreaterThan(0)
    expect(two.length).toBeGreaterThan(0)
    expect(one.some((p) => two.some((q) => q.posting_number === p.posting_number))).toBe(false)
    const crossed = await failure(sb.client({ clientId: '111', apiKey: 'key-two' }).checkAccess())
    expect(crossed.kind).toBe('auth')
  })

  it('missing headers: 403 code 7 by default, 401 code 16 when switched', async () => {
    sb = await startTestSandbox()
    const res = await fetch(`${sb.url}/v2/warehouse/list`, { method: 'POST', body: '{"limit":10}' })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ code: 7 })
    sb.control.setVariants({ missingHeaders: '401' })
    const res2 = await fetch(`${sb.url}/v2/warehouse/list`, { method: 'POST', body: '{"limit":10}' })
    expect([res2.status, ((await res2.json()) as { code: number }).code]).toEqual([401, 16])
  })

  it('the sandbox answers 429 code 8 with Retry-After above its limit; the client waits it out', async () => {
    sb = await startTestSandbox({ rateLimitPerSecond: 4 })
    const raw = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${sb!.url}/v1/roles`, { method: 'POST', headers: { 'Client-Id': 'demo', 'Api-Key': 'demo' }, body: '{}' })),
    )
    const limited = raw.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0]!.headers.get('retry-after')).toBe('1')
    expect(await limited[0]!.json()).toMatchObject({ code: 8, message: 'You have reached request rate limit per second' })

    // A client that ignores its own limit meets 429s and still succeeds by honouring Retry-After.
    const greedy = sb.client({ rateLimit: { max: 1000, perMs: 1000 } })
    const results = await Promise.all(Array.from({ length: 8 }, () => greedy.checkAccess()))
    expect(results).toHaveLength(8)
  })

  it('the client limiter keeps a burst under the server limit (no 429 at all)', async () => {
    sb = await startTestSandbox({ rateLimitPerSecond: 5 })
    const polite = sb.client({ rateLimit: { max: 4, perMs: 1000 } })
    await Promise.all(Array.from({ length: 10 }, () => polite.checkAccess()))
    const statuses = sb.control.calls('/v1/roles').map((c) => c.status)
    expect(statuses).toHaveLength(10)
    expect(statuses.every((s) => s === 200)).toBe(true)
  })

  it('state persists in the data dir across a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ozon-sb-'))
    try {
      sb = await startTestSandbox({ dataDir: dir })
      const added = sb.control.addPosting({ integration: 'non_integrated', lines: 3 })
      const before = sb.control.state().accounts[0]!.postings
      await sb.close()
      sb = await startTestSandbox({ dataDir: dir })
      expect(sb.control.state().accounts[0]!.postings).toBe(before)
      expect(sb.control.posting(added.posting_number)?.products).toEqual(added.products)
      const got = await sb.client().getPosting(added.posting_number)
      expect(got.tpl_integration_type).toBe('non_integrated')
    } finally {
      await sb?.close()
      sb = null
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('polling a label task or an act rewrites the state file only when the answer changes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ozon-sb-'))
    const file = path.join(dir, 'ozon-sandbox.json')
    // Every save replaces the file (temp → rename): a new inode and modification time.
    const saved = async () => {
      await sb!.control.flush()
      const s = await stat(file, { bigint: true })
      return `${s.ino}:${s.mtimeNs}`
    }
    try {
      sb = await startTestSandbox({ dataDir: dir, demo: { postings: 0 }, labelTaskDelayMs: 2000, actDelayMs: 3000 })
      const client = sb.client()
      const p = sb.control.addPosting({ integration: 'ozon', lines: 1 })
      sb.control.setStatus(p.posting_number, { status: 'awaiting_deliver' })
      const [task] = await client.createLabelTask([p.posting_number])
      const carriage = await client.createCarriage(p.delivery_method_id)
      await client.approveCarriage(carriage)
      const before = await saved()
      for (let i = 0; i < 3; i++) {
        expect((await client.getLabelTask(task!.task_id)).code).toBe('in_progress')
        expect((await client.actStatus(carriage)).status).toBe('in_process')
      }
      expect(await saved()).toBe(before)

      sb.clock.advance(3000)
      expect((await client.getLabelTask(task!.task_id)).code).toBe('completed')
      expect((await client.actStatus(carriage)).status).toBe('ready')
      const decided = await saved()
      expect(decided).not.toBe(before)
      await client.getLabelTask(task!.task_id)
      await client.actStatus(carriage)
      expect(await saved()).toBe(decided)
    } finally {
      await sb?.close()
      sb = null
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a demo restarted days later has fresh work: new arrivals, stale postings cancelled by Ozon', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ozon-sb-'))
    const clock = new TestClock('2026-06-02T09:00:00Z')
    try {
      sb = await startTestSandbox({ dataDir: dir, demo: { arrivals: true } }, clock)
      const first = await collect(sb.client().unfulfilledPages({ ...wideWindow(clock), statuses: ['awaiting_packaging'] }))
      await sb.close()
      clock.advance(5 * 86_400_000) // the demo machine was off for five days
      sb = await startTestSandbox({ dataDir: dir, demo: { arrivals: true } }, clock)
      const later = await collect(sb.client().unfulfilledPages({ ...wideWindow(clock), statuses: ['awaiting_packaging'] }))
      const fresh = later.filter((p) => Date.parse(p.in_process_at) > clock.t - 86_400_000)
      expect(fresh.length).toBeGreaterThan(10)
      expect(later.some((p) => Date.parse(p.shipment_date) > clock.t)).toBe(true)
      // Ozon cancelled what stayed unpacked more than 72 h past its pack-by time; only the recent overdue remain
      const leftover = later.filter((p) => first.some((f) => f.posting_number === p.posting_number))
      expect(leftover.every((p) => Date.parse(p.shipment_date) > clock.t - 72 * 3_600_000)).toBe(true)
      const oldest = [...first].sort((a, b) => a.shipment_date.localeCompare(b.shipment_date))[0]!
      const stale = sb.control.posting(oldest.posting_number)!
      expect([stale.status, stale.cancellation?.cancellation_type]).toEqual(['cancelled', 'ozon'])
    } finally {
      await sb?.close()
      sb = null
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a request without a pack-by window is a validation error naming the filter', async () => {
    sb = await startTestSandbox()
    const res = await fetch(`${sb.url}/v4/posting/fbs/unfulfilled/list`, {
      method: 'POST',
      headers: { 'Client-Id': 'demo', 'Api-Key': 'demo' },
      body: JSON.stringify({ limit: 10, filter: {} }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 3, message: 'either filter.cutoff or filter.delivering_date must be specified' })
    const bad = await fetch(`${sb.url}/v4/posting/fbs/unfulfilled/list`, { method: 'POST', headers: { 'Client-Id': 'demo', 'Api-Key': 'demo' }, body: '{"limit": 10,' })
    expect(((await bad.json()) as { message: string }).message).toMatch(/^proto: syntax error/)
  })
})
