// JSON parsing that never silently rounds an int64. Ozon sends warehouse, delivery-method and task ids as JSON
// numbers up to ~1e15 today; a number beyond 2^53 would be rounded by JSON.parse and we would then act on the
// wrong id. Integer literals beyond Number.MAX_SAFE_INTEGER (outside strings) are therefore turned into strings
// before parsing (the schemas accept numeric strings everywhere an int64 may appear). The fast path skips the
// scan unless the text holds a digit run that could be beyond 2^53 − 1: 17 digits or more, or 16 starting with 9.
// Ozon's 16-digit ids today (warehouses, delivery methods ~1.02e15) are below that and take the fast path.

const MAYBE_UNSAFE = /\d{17}|9\d{15}/

export function parseJsonLossless(text: string): unknown {
  if (!MAYBE_UNSAFE.test(text)) return JSON.parse(text)
  return JSON.parse(quoteLongIntegers(text))
}

const MAX_SAFE = String(Number.MAX_SAFE_INTEGER) // 16 digits

function unsafe(digits: string): boolean {
  return digits.length > MAX_SAFE.length || (digits.length === MAX_SAFE.length && digits > MAX_SAFE)
}

/** Wraps integer literals beyond 2^53 − 1 (outside strings) in quotes. Leaves everything else alone. */
export function quoteLongIntegers(text: string): string {
  let out = ''
  let last = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c /* \ */) i++
      else if (c === 0x22 /* " */) inString = false
      continue
    }
    if (c === 0x22) {
      inString = true
      continue
    }
    const isStart = c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)
    if (!isStart) continue
    let j = i + (c === 0x2d ? 1 : 0)
    while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++
    const next = text.charCodeAt(j)
    const isInteger = next !== 0x2e /* . */ && next !== 0x65 /* e */ && next !== 0x45 /* E */
    if (isInteger && unsafe(text.slice(c === 0x2d ? i + 1 : i, j))) {
      out += text.slice(last, i) + '"' + text.slice(i, j) + '"'
      last = j
    } else if (!isInteger) {
      // skip the fraction and exponent so their digits are not mistaken for a new number
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++
    }
    i = j - 1
  }
  return last === 0 ? text : out + text.slice(last)
}
