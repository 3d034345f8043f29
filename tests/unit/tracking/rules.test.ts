// Tracking number format rules: defaults per carrier, clean-up of scanned/typed text, and errors that say what is
// wrong and what a good number looks like.
import { describe, expect, it } from 'vitest'
import {
  checkTrackingNumber,
  defaultTrackingRules,
  normalizeTrackingNumber,
  ruleForCarrier,
  TrackingRules,
  type TrackingRule,
} from '../../../shared/domain/tracking-rules'

const rules = defaultTrackingRules()
const rule = (carrier: { id: string; name: string }) => ruleForCarrier(carrier, rules)
const check = (raw: string, carrier: { id: string; name: string }) => checkTrackingNumber(raw, rule(carrier))

const CDEK = { id: '1101', name: 'СДЭК' }
const POST = { id: '1200', name: 'Почта России' }
const OTHER = { id: '1300', name: 'Доставка продавца' }

describe('which rule a carrier gets', () => {
  it('by the words of its name, case-insensitively, else the generic rule', () => {
    expect(rule(CDEK).id).toBe('cdek')
    expect(rule({ id: '9', name: 'CDEK Express' }).id).toBe('cdek')
    expect(rule(POST).id).toBe('russian-post')
    expect(rule(OTHER).id).toBe('generic')
  })

  it('a rule naming the carrier id wins over a name match', () => {
    const custom: TrackingRule[] = TrackingRules.parse([...rules, { id: 'own', label: 'Свой курьер', carrierIds: ['1101'], charset: 'digits', minLength: 4, maxLength: 4 }])
    expect(ruleForCarrier(CDEK, custom).id).toBe('own')
  })
})

describe('checking a number', () => {
  it('CDEK: exactly 10 digits', () => {
    expect(check('1234567890', CDEK)).toMatchObject({ ok: true, value: '1234567890' })
    expect(check('123456789', CDEK)).toMatchObject({ ok: false, problem: 'too_short', params: { length: 9, min: 10, max: 10 } })
    expect(check('12345678901', CDEK)).toMatchObject({ ok: false, problem: 'too_long' })
    const letters = check('12345A7890', CDEK)
    expect(letters).toMatchObject({ ok: false, problem: 'bad_chars', params: { char: 'A' } })
    if (!letters.ok) expect(letters.message).toBe('СДЭК: "12345A7890" contains "A" — a tracking number has digits only (e.g. 1234567890)')
  })

  it('Russian Post: 14 digits or two letters, nine digits, two letters', () => {
    expect(check('80082198765432', POST).ok).toBe(true)
    expect(check('ra123456789ru', POST)).toMatchObject({ ok: true, value: 'RA123456789RU' })
    expect(check('8008219876543', POST)).toMatchObject({ ok: false, problem: 'pattern' })
    expect(check('RA12345678RUU', POST)).toMatchObject({ ok: false, problem: 'pattern' })
  })

  it('generic: 6–40 of A–Z, 0–9 and "-"', () => {
    expect(check('trk-00042', OTHER)).toMatchObject({ ok: true, value: 'TRK-00042' })
    expect(check('AB12', OTHER)).toMatchObject({ ok: false, problem: 'too_short' })
    expect(check('AB_123456', OTHER)).toMatchObject({ ok: false, problem: 'bad_chars', params: { char: '_' } })
    expect(check('A'.repeat(41), OTHER)).toMatchObject({ ok: false, problem: 'too_long' })
    expect(check('   ', OTHER)).toMatchObject({ ok: false, problem: 'empty' })
  })

  it('cleans up what people type: spaces out, upper case, the Russian layout undone', () => {
    expect(normalizeTrackingNumber(' 8008 2198\u00a07654 32 ')).toBe('80082198765432')
    // "RA…RU" typed with the Russian layout on comes out as "КФ…КГ".
    expect(normalizeTrackingNumber('КФ123456789КГ')).toBe('RA123456789RU')
    expect(check('кф123456789кг', POST)).toMatchObject({ ok: true, value: 'RA123456789RU' })
  })
})

describe('rules as settings', () => {
  it('refuses a broken rule list with the field named', () => {
    const noGeneric = TrackingRules.safeParse(rules.filter((r) => r.id !== 'generic'))
    expect(noGeneric.success).toBe(false)
    expect(noGeneric.error!.issues[0]!.message).toContain('generic')
    const badRegex = TrackingRules.safeParse([...rules, { id: 'x', label: 'X', pattern: '(' }])
    expect(badRegex.error!.issues[0]).toMatchObject({ path: [3, 'pattern'] })
    const lengths = TrackingRules.safeParse([...rules, { id: 'y', label: 'Y', minLength: 9, maxLength: 3 }])
    expect(lengths.error!.issues[0]).toMatchObject({ path: [3, 'minLength'] })
    const twice = TrackingRules.safeParse([...rules, { ...rules[0]! }])
    expect(twice.error!.issues[0]!.message).toContain('used twice')
  })
})
