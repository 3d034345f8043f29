import { describe, expect, it } from 'vitest'
import { dispatch, type Handlers } from '../../../electron/station/dispatch'
import { StationError } from '../../../shared/errors'
import { memoryLogger } from '../../../shared/log'

// Handlers for the contract's methods; only the ones a test calls need bodies.
function handlers(overrides: Partial<Handlers>): Handlers {
  const unused = async () => {
    throw new Error('not used in this test')
  }
  return new Proxy(overrides as Handlers, { get: (t, k) => (k in t ? t[k as keyof Handlers] : unused) })
}

async function failure(p: Promise<unknown>): Promise<StationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(StationError)
  return err as StationError
}

describe('contract dispatch', () => {
  const info = async () => ({ version: '1', mode: 'demo' as const, dataDir: '/d', ozonUrl: 'http://x' })

  it('rejects an unknown method', async () => {
    const err = await failure(dispatch(handlers({}), 'orders.explode', {}, memoryLogger()))
    expect(err.code).toBe('unknown_method')
    expect(err.message).toContain('orders.explode')
  })

  it('rejects bad arguments and names the field', async () => {
    const err = await failure(dispatch(handlers({}), 'orders.get', { postingNumber: 42 }, memoryLogger()))
    expect(err.code).toBe('invalid_args')
    expect(err.field).toBe('postingNumber')
    expect(err.message).toContain('"postingNumber"')

    const nested = await failure(dispatch(handlers({}), 'orders.list', { limit: 0 }, memoryLogger()))
    expect(nested.field).toBe('limit')
    const blank = await failure(dispatch(handlers({}), 'orders.get', { postingNumber: '   ' }, memoryLogger()))
    expect(blank.field).toBe('postingNumber')
  })

  it('fills defaults before the handler sees the arguments', async () => {
    const facets = { warehouse: [], carrier: [], deliveryMethod: [], status: [], integration: [], account: [] }
    const emptyList = {
      total: 0,
      postings: [],
      rows: [],
      lastSync: null,
      sync: { running: false, lastSync: null, lastGoodSyncAt: null, intervalMinutes: 0 },
      now: '2026-06-05T09:00:00.000Z',
      timeZone: 'Europe/Moscow',
      query: { filters: {}, search: '', sort: 'timeLeft' as const, direction: 'asc' as const },
      facets,
      summary: { dueWithinHour: 0, overdue: 0, atCancellationRisk: 0, packedToday: 0 },
      problems: 0,
    }
    let seen: unknown
    await dispatch(
      handlers({
        'orders.list': async (args) => {
          seen = args
          return emptyList
        },
      }),
      'orders.list',
      undefined,
      memoryLogger(),
    )
    expect(seen).toEqual({ offset: 0, limit: 200 })
  })

  it('never hands out a result that breaks the contract, and logs it', async () => {
    const log = memoryLogger()
    const broken = handlers({ 'station.info': async () => ({ version: 1 }) as never })
    const err = await failure(dispatch(broken, 'station.info', {}, log))
    expect(err.code).toBe('internal')
    expect(log.lines.some((l) => l.level === 'error' && l.message.includes('breaks the contract'))).toBe(true)
  })

  it('turns an unexpected exception into an internal error without leaking it', async () => {
    const log = memoryLogger()
    const err = await failure(dispatch(handlers({ 'station.info': async () => Promise.reject(new Error('secret path /x')) }), 'station.info', {}, log))
    expect(err.code).toBe('internal')
    expect(err.message).not.toContain('secret')
    expect(log.lines.some((l) => l.level === 'error')).toBe(true)
    expect(await dispatch(handlers({ 'station.info': info }), 'station.info', {}, log)).toMatchObject({ mode: 'demo' })
  })
})
