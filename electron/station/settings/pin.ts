// Operator PINs: only a salted scrypt hash is stored. Four digits are 10 000 possibilities, so this keeps a
// PIN out of plain sight in settings.json — it is not a security boundary between operators, and the UI says so.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 32
const COST = { N: 16_384, r: 8, p: 1 }

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_LENGTH, COST, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/** `scrypt$<salt>$<hash>`, both base64url. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(pin, salt)
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, saltText, hashText] = stored.split('$')
  if (scheme !== 'scrypt' || !saltText || !hashText) return false
  const expected = Buffer.from(hashText, 'base64url')
  const key = await derive(pin, Buffer.from(saltText, 'base64url'))
  return key.length === expected.length && timingSafeEqual(key, expected)
}
