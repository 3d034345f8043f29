import { describe, expect, it } from 'vitest'
import { accountIdFor, ApiUrl, ClientId, hasFbsRole, judgeAccess, outcomeOfFailure } from '../../../shared/domain/accounts'

const NOW = new Date('2026-06-02T09:00:00Z')

describe('the verdict on a key', () => {
  it('ok with FBS roles and a distant expiry; the days left are whole days', () => {
    expect(judgeAccess({ roles: ['Posting FBS', 'Warehouse'], expiresAt: '2026-10-01T00:00:00Z' }, NOW)).toEqual({
      outcome: 'ok',
      roles: ['Posting FBS', 'Warehouse'],
      rolesKnown: true,
      expiresAt: '2026-10-01T00:00:00.000Z',
      daysLeft: 120,
    })
  })

  it('warns ahead of the expiry, and refuses an expired key', () => {
    expect(judgeAccess({ roles: ['Posting FBS'], expiresAt: '2026-06-10T00:00:00Z' }, NOW)).toMatchObject({ outcome: 'expires_soon', daysLeft: 7 })
    expect(judgeAccess({ roles: ['Posting FBS'], expiresAt: '2026-06-16T09:00:00Z' }, NOW)).toMatchObject({ outcome: 'ok', daysLeft: 14 })
    expect(judgeAccess({ roles: ['Posting FBS'], expiresAt: '2026-06-01T00:00:00Z' }, NOW)).toMatchObject({ outcome: 'expired', daysLeft: -2 })
  })

  it('refuses a key without FBS rights; unknown roles (none listed) block nothing', () => {
    expect(judgeAccess({ roles: ['Product read-only', 'Finance'], expiresAt: null }, NOW).outcome).toBe('missing_roles')
    expect(judgeAccess({ roles: [], expiresAt: null }, NOW)).toMatchObject({ outcome: 'ok', rolesKnown: false, daysLeft: null })
  })

  it('recognises FBS roles by name; a read-only admin cannot pack', () => {
    expect(hasFbsRole(['Posting FBS'])).toBe(true)
    expect(hasFbsRole(['Admin'])).toBe(true)
    expect(hasFbsRole(['Администратор'])).toBe(true)
    expect(hasFbsRole(['Admin read only'])).toBe(false)
    expect(hasFbsRole(['Posting FBO', 'Warehouse'])).toBe(false)
  })

  it('sorts failures into what a person can act on', () => {
    expect(outcomeOfFailure('auth', 'Invalid Api-Key, please contact support')).toBe('wrong_key')
    expect(outcomeOfFailure('auth', 'Api-key is deactivated, use another one or generate a new one')).toBe('expired')
    expect(outcomeOfFailure('forbidden', 'Api-Key is missing a required role for a method')).toBe('missing_roles')
    expect(outcomeOfFailure('forbidden', 'Api-Key is restricted to specific IP addresses')).toBe('restricted')
    expect(outcomeOfFailure('network')).toBe('unreachable')
    expect(outcomeOfFailure('timeout')).toBe('unreachable')
    expect(outcomeOfFailure('server')).toBe('ozon_unavailable')
    expect(outcomeOfFailure('rate_limit')).toBe('ozon_unavailable')
  })
})

describe('what a person types', () => {
  it('API address: https anywhere, plain http only to this computer', () => {
    expect(ApiUrl.parse('https://api-seller.ozon.ru/')).toBe('https://api-seller.ozon.ru')
    expect(ApiUrl.parse('http://127.0.0.1:5198')).toBe('http://127.0.0.1:5198')
    expect(ApiUrl.parse('http://localhost:5198')).toBe('http://localhost:5198')
    expect(ApiUrl.safeParse('http://api-seller.ozon.ru').error?.issues[0]?.message).toMatch(/use https/)
    expect(ApiUrl.safeParse('api-seller.ozon.ru').error?.issues[0]?.message).toMatch(/full address/)
    expect(ApiUrl.safeParse('ftp://127.0.0.1').success).toBe(false)
  })

  it('Client-Id: trimmed, no spaces or punctuation', () => {
    expect(ClientId.parse(' 123456 ')).toBe('123456')
    expect(ClientId.safeParse('123 456').success).toBe(false)
    expect(ClientId.safeParse('').error?.issues[0]?.message).toMatch(/seller cabinet/)
  })

  it('account ids: the Client-Id, except that "demo" belongs to the built-in demo', () => {
    expect(accountIdFor('123456', 'https://api-seller.ozon.ru')).toBe('123456')
    expect(accountIdFor('demo', 'http://127.0.0.1:5198')).toBe('demo@127.0.0.1:5198')
  })
})
