// Every injected fault ends in success or a clear typed error — and a ship is never carried out twice.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OzonError } from '../../../electron/ozon/index'
import type { FaultSpec } from '../../../electron/ozon/sandbox/index'
import { failure, collect, recordingLogger, startTestSandbox, wideWindow, type TestSandbox } from '../../support/ozon-sandbox'

let sb: TestSandbox | null = null
afterEach(async () => {
  await sb?.close()
  sb = null
})

const SHIP = '/v4/posting/fbs/ship'
const LIST = '/v4/posting/fbs/unfulfilled/list'

describe('reads survive transient faults', () => {
  const transient: [string, FaultSpec][] = [
    ['a slow answer (client timeout)', { kind: 'latency', latencyMs: 600, path: LIST }],
    ['two 500s', { kind: 'http5xx', times: 2, path: LIST }],
    ['a 503', { kind: 'http5xx', status: 503, path: LIST }],
    ['a 429 burst with Retry-After', { kind: 'rate_limit', times: 2, retryAfterSec: 1, path: LIST }],
    ['a dropped connection', { kind: 'drop', path: LIST }],
    ['broken JSON', { kind: 'malformed', path: LIST }],
    ['a fault on every method', { kind: 'http5xx', path: '*' }],
  ]
  it.each(transient)('%s → the full list anyway', async (_name, fault) => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.addPostings(30)
    const logger = recordingLogger()
    sb.control.injectFault(fault)
    const list = await collect(sb.client({ timeoutMs: 300, logger }).unfulfilledPages({ ...wideWindow(sb.clock) }))
    expect(list).toHaveLength(30)
    expect(sb.control.state().faults).toEqual([]) // the fault was used up
    expect(logger.lines.some((l) => l.startsWith('warn ozon request will be retried'))).toBe(true)
  })

  it('a fault that outlasts the retries ends in a typed, retryable server error', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.injectFault({ kind: 'http5xx', times: 10, path: '/v3/posting/fbs/get' })
    const e = await failure(sb.client({ locale: 'en' }).getPosting('12345678-0001-1'))
    expect(e).toBeInstanceOf(OzonError)
    expect([e.kind, e.httpStatus, e.code, e.retryable]).toEqual(['server', 500, 13, true])
    expect(e.human).toMatch(/nothing is lost/)
    expect(sb.control.calls('/v3/posting/fbs/get')).toHaveLength(4)
  })

  it('a Retry-After longer than the client will wait comes back as a rate-limit error at once', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    sb.control.injectFault({ kind: 'rate_limit', retryAfterSec: 120, path: '/v1/roles' })
    const e = await failure(sb.client().checkAccess())
    expect([e.kind, e.code, e.retryAfterMs]).toEqual(['rate_limit', 8, 120_000])
    expect(sb.control.calls('/v1/roles')).toHaveLength(1)
  })

  it('a refused connection is a network error', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const url = sb.url
    await sb.close()
    sb = null
    const { createOzonClient } = await import('../../../electron/ozon/index')
    const client = createOzonClient({ baseUrl: url, clientId: 'demo', apiKey: 'demo', shareLimiter: false, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } })
    const e = await failure(client.checkAccess())
    client.close()
    expect([e.kind, e.retryable, e.outcomeUnknown]).toEqual(['network', true, false])
    expect(e.ozonMessage).toMatch(/ECONNREFUSED/)
  })
})

describe('ship under faults: success, never a duplicate', () => {
  const faults: [string, FaultSpec][] = [
    ['500 before Ozon acted', { kind: 'http5xx', path: SHIP }],
    ['500 after Ozon acted (answer lost)', { kind: 'http5xx', path: SHIP, phase: 'after' }],
    ['502 after Ozon acted', { kind: 'http5xx', status: 502, path: SHIP, phase: 'after' }],
    ['connection dropped before', { kind: 'drop', path: SHIP }],
    ['connection dropped after Ozon acted', { kind: 'drop', path: SHIP, phase: 'after' }],
    ['broken JSON after Ozon acted', { kind: 'malformed', path: SHIP, phase: 'after' }],
    ['broken JSON before', { kind: 'malformed', path: SHIP }],
    ['timeout after Ozon acted', { kind: 'latency', latencyMs: 800, path: SHIP, phase: 'after' }],
    ['timeout before Ozon acted', { kind: 'latency', latencyMs: 800, path: SHIP }],
    ['429 burst', { kind: 'rate_limit', times: 2, retryAfterSec: 1, path: SHIP }],
    ['500 on the re-read too', { kind: 'http5xx', times: 2, path: '*', phase: 'after' }],
  ]
  it.each(faults)('%s', async (_name, fault) => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a, b] = sb.control.account().catalog.filter((p) => !p.requires_mark).map((p) => p.sku)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 2 }, { sku: b!, quantity: 1 }] })
    sb.control.injectFault(fault)
    const client = sb.client({ timeoutMs: 400 })
    const plan = [{ products: [{ sku: a!, quantity: 1 }] }, { products: [{ sku: a!, quantity: 1 }, { sku: b!, quantity: 1 }] }]
    const out = await client.shipIdempotent(p.posting_number, plan, { pollIntervalMs: 20 })
    expect(out.postings).toHaveLength(2)
    expect(out.postings.every((x) => x.status === 'awaiting_deliver')).toBe(true)
    // Exactly one ship was carried out by "Ozon", and exactly one split child exists.
    expect(sb.control.posting(p.posting_number)!.ship_accepted).toBe(1)
    const children = Object.values(sb.control.account().postings).filter((x) => x.parent_posting_number === p.posting_number)
    expect(children).toHaveLength(1)
    expect(out.postings.map((x) => x.posting_number).sort()).toEqual([p.posting_number, children[0]!.posting_number].sort())
    if (fault.kind === 'latency' && fault.phase !== 'after') {
      // The slow first request still reaches "Ozon" after the client gave up and shipped again: it must be refused.
      await vi.waitFor(() => expect(sb!.control.calls(SHIP)).toHaveLength(2), { timeout: 5000 })
      expect(sb.control.calls(SHIP).map((c) => c.status).sort()).toEqual([200, 400])
      expect(sb.control.posting(p.posting_number)!.ship_accepted).toBe(1)
    }
  })

  it('ship_failed together with a lost answer still ends packed once', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const [a] = sb.control.account().catalog.filter((p) => !p.requires_mark).map((p) => p.sku)
    const p = sb.control.addPosting({ products: [{ sku: a!, quantity: 3 }] })
    sb.control.injectShipFailure(p.posting_number, 1)
    sb.control.injectFault({ kind: 'drop', path: SHIP, phase: 'after' })
    const out = await sb.client().shipIdempotent(p.posting_number, [{ products: [{ sku: a!, quantity: 2 }] }, { products: [{ sku: a!, quantity: 1 }] }], { pollIntervalMs: 10 })
    expect(out.postings.map((x) => x.products[0]!.quantity)).toEqual([2, 1])
    const live = Object.values(sb.control.account().postings).filter((x) => x.order_number === p.order_number)
    expect(live.map((x) => x.status)).toEqual(['awaiting_deliver', 'awaiting_deliver'])
    expect(sb.control.posting(p.posting_number)!.ship_accepted).toBe(2) // the failed one + the successful retry
  })
})

describe('sandbox controls over HTTP', () => {
  it('drives faults, postings, statuses, timings and reset through /__sandbox', async () => {
    sb = await startTestSandbox({ demo: { postings: 0 } })
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sb!.url}/__sandbox${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) })
      return { status: res.status, json: (await res.json()) as Record<string, unknown> }
    }
    const added = await call('POST', '/postings', { count: 3, spec: { integration: 'non_integrated' } })
    const numbers = added.json.added as string[]
    expect(numbers).toHaveLength(3)
    const one = await call('GET', `/postings/${numbers[0]}`)
    expect(one.json.tpl_integration_type).toBe('non_integrated')
    const cancelled = await call('POST', `/postings/${numbers[1]}/status`, { status: 'cancelled', cancellationType: 'client' })
    expect(cancelled.json.status).toBe('cancelled')
    expect((await call('POST', '/faults', { kind: 'http5xx', path: '/v1/roles' })).json.kind).toBe('http5xx')
    const res = await fetch(`${sb.url}/v1/roles`, { method: 'POST', headers: { 'Client-Id': 'demo', 'Api-Key': 'demo' }, body: '{}' })
    expect(res.status).toBe(500)
    expect((await call('POST', '/ship-failure', { posting_number: numbers[0], times: 2 })).status).toBe(200)
    expect((await call('POST', '/label-delay', { ms: 5000 })).json.labelReadyDelayMs).toBe(5000)
    const state = await call('GET', '/state')
    const account = (state.json.accounts as { postings: number; byStatus: Record<string, number>; pendingShipFailures: Record<string, number> }[])[0]!
    expect(account.postings).toBe(3)
    expect(account.byStatus.cancelled).toBe(1)
    expect(account.pendingShipFailures[numbers[0]!]).toBe(2)
    expect(((await call('GET', '/calls')).json as unknown as { path: string; status: number }[]).some((c) => c.path === '/v1/roles' && c.status === 500)).toBe(true)
    expect((await call('POST', '/faults', { kind: 'teleport' })).status).toBe(400)
    expect((await call('GET', '/nonsense')).status).toBe(404)
    await call('POST', '/reset', {})
    expect(((await call('GET', '/state')).json.accounts as { postings: number }[])[0]!.postings).toBe(0)
  })
})
