// The HTTP core's pure parts: error classification and messages, Retry-After, secret scrubbing, the limiter
// (driven by a fake clock — no real waiting, no timed assertions).
import { describe, expect, it } from 'vitest'
import { OzonError, humanMessage } from '../../../electron/ozon/index'
import { assertPdf, type MethodContext } from '../../../electron/ozon/context'
import { classifyHttpError } from '../../../electron/ozon/errors'
import { RateLimiter, SlidingWindow, type Clock } from '../../../electron/ozon/rate-limiter'
import { parseRetryAfter, scrubSecret } from '../../../electron/ozon/transport'

describe('classifyHttpError', () => {
  it.each([
    [429, 8, 'You have reached request rate limit per second', 'rate_limit', true],
    [403, 7, 'Invalid Api-Key, please contact support', 'auth', false],
    [401, 16, 'Client-Id and Api-Key headers are required', 'auth', false],
    [403, 7, 'Api-Key is missing a required role for a method', 'forbidden', false],
    [400, 3, 'POSTING_ALREADY_SHIPPED', 'business', false],
    [409, 3, 'HAS_INCORRECT_STATUS', 'business', false],
    [404, 5, 'POSTING_NOT_FOUND', 'not_found', false],
    [400, 3, 'Request validation error: invalid X.Limit: value must be inside range [1, 100]', 'validation', false],
    [400, 3, 'proto: syntax error (line 1:13): unexpected token {', 'validation', false],
    [500, 13, 'Internal error', 'server', true],
    [503, null, 'HTTP 503: <html>', 'server', true],
    [500, 13, 'Circle is open', 'rate_limit', true],
  ] as const)('%i %s %s → %s', (status, code, message, kind, retryable) => {
    expect(classifyHttpError(status, code, message)).toEqual({ kind, retryable })
  })
})

describe('human messages', () => {
  it('speak the UI language and name the posting', () => {
    expect(humanMessage('business', 'POSTING_ALREADY_SHIPPED', 'ru', '123-1')).toBe('123-1: Отправление уже собрано — повторная сборка не нужна.')
    expect(humanMessage('business', 'POSTING_ALREADY_SHIPPED', 'en')).toMatch(/already packed/)
    expect(humanMessage('business', 'POSTING_ALREADY_SHIPPED', 'zh')).toMatch(/打包/)
    expect(humanMessage('rate_limit', '', 'en')).toMatch(/rate/)
    // an unknown refusal shows Ozon's reason so support can act on it
    expect(humanMessage('business', 'SOMETHING_NEW', 'en')).toBe('Ozon refused the operation. Ozon reason: SOMETHING_NEW')
  })

  it('OzonError serialises without secrets it never held', () => {
    const e = new OzonError({ kind: 'auth', httpStatus: 403, code: 7, ozonMessage: 'Invalid Api-Key', method: '/v1/roles', retryable: false, locale: 'en' })
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ kind: 'auth', httpStatus: 403, code: 7, method: '/v1/roles' })
  })
})

describe('file answers', () => {
  it('pass a PDF through and turn anything else into a retryable "malformed" error in the UI language', () => {
    const ctx = { locale: 'en' } as MethodContext
    const pdf = Buffer.from('%PDF-1.7\n…')
    expect(assertPdf(ctx, '/v2/posting/fbs/act/get-pdf', pdf, 'act of carriage 7')).toBe(pdf)
    let e: unknown
    try {
      assertPdf(ctx, '/v2/posting/fbs/act/get-pdf', Buffer.from('<html>busy</html>'), 'act of carriage 7')
    } catch (err) {
      e = err
    }
    expect(e).toBeInstanceOf(OzonError)
    expect(e).toMatchObject({ kind: 'malformed', retryable: true, method: '/v2/posting/fbs/act/get-pdf', ozonMessage: 'act of carriage 7 is not a PDF (17 bytes)' })
    expect((e as OzonError).human).toMatch(/cannot read/)
  })
})

describe('Retry-After and scrubbing', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000)
    expect(parseRetryAfter('0.5', 0)).toBe(500)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000)
    expect(parseRetryAfter(undefined, 0)).toBeNull()
    expect(parseRetryAfter('soon', 0)).toBeNull()
  })

  it('removes the key from any text', () => {
    expect(scrubSecret('bad key abc-123-secret in header abc-123-secret', 'abc-123-secret')).toBe('bad key *** in header ***')
  })
})

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { log: number[] } {
  let t = 0
  const log: number[] = []
  return {
    log,
    now: () => t,
    sleep: async (ms) => {
      t += ms
    },
  }
}

describe('rate limiter', () => {
  it('never grants more than max in any window, counting a slot until its request finished', async () => {
    const clock = fakeClock()
    const limiter = new RateLimiter({ max: 5, perMs: 1000 }, {}, clock)
    const grants: number[] = []
    for (let i = 0; i < 23; i++) {
      const done = await limiter.acquire('/v3/posting/fbs/get')
      grants.push(clock.now())
      done()
    }
    for (const g of grants) expect(grants.filter((x) => x >= g && x < g + 1000).length).toBeLessThanOrEqual(5)
    expect(grants.at(-1)).toBe(4000) // 23 grants at 5 per second: the last one in the fifth second
  })

  it('applies stricter per-method limits on top of the global one', async () => {
    const clock = fakeClock()
    const limiter = new RateLimiter({ max: 50, perMs: 1000 }, { '/v1/warehouse/list': { max: 1, perMs: 60_000 } }, clock)
    ;(await limiter.acquire('/v1/warehouse/list'))()
    ;(await limiter.acquire('/v1/roles'))()
    expect(clock.now()).toBe(0)
    ;(await limiter.acquire('/v1/warehouse/list'))()
    expect(clock.now()).toBe(60_000)
  })

  it('a slot held by a request in flight is not released by time alone', () => {
    const w = new SlidingWindow({ max: 1, perMs: 1000 })
    const finish = w.hold()
    expect(w.waitMs(5000)).toBeGreaterThan(0)
    finish(5000)
    expect(w.waitMs(5500)).toBe(500)
    expect(w.waitMs(6000)).toBe(0)
  })

  it('rejects a limit that allows nothing', () => {
    expect(() => new SlidingWindow({ max: 0, perMs: 1000 })).toThrow(/at least 1/)
  })
})
