// Seeded randomness so demo data is the same on every machine and after every restart.

export type Rng = () => number

/** mulberry32: tiny, fast, good enough for demo data. Returns floats in [0, 1). */
export function rng(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seed derived from a base seed and a label, so each stream (arrival #17, account "demo") is independent. */
export function subSeed(seed: number, label: string | number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  return h
}

export const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1))
export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!
export const chance = (r: Rng, p: number): boolean => r() < p

/** Picks by weight: [[value, weight], …]. */
export function weighted<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0)
  let x = r() * total
  for (const [v, w] of table) {
    x -= w
    if (x < 0) return v
  }
  return table[table.length - 1]![0]
}

export function digits(r: Rng, n: number): string {
  let s = String(int(r, 1, 9))
  while (s.length < n) s += String(int(r, 0, 9))
  return s
}

/** EAN-13 with a correct check digit (prefix 460–469 = Russia). */
export function ean13(r: Rng): string {
  const body = `46${int(r, 0, 9)}${digits(r, 9)}`
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3)
  return body + String((10 - (sum % 10)) % 10)
}
