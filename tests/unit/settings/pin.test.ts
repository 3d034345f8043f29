import { describe, expect, it } from 'vitest'
import { hashPin, pinMatches } from '../../../electron/station/settings/pin'

describe('operator PIN', () => {
  it('stores a salted hash that matches only the same PIN', async () => {
    const a = await hashPin('4821')
    const b = await hashPin('4821')
    expect(a).toMatch(/^scrypt\$[\w-]+\$[\w-]+$/)
    expect(a).not.toContain('4821')
    expect(a).not.toBe(b) // different salt each time
    expect(await pinMatches('4821', a)).toBe(true)
    expect(await pinMatches('4821', b)).toBe(true)
    expect(await pinMatches('4822', a)).toBe(false)
    expect(await pinMatches('4821', 'garbage')).toBe(false)
  })
})
