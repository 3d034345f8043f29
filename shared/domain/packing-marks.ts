// Marking codes (Честный ЗНАК): the DataMatrix on a marked unit holds GS1 data — `01` + GTIN-14, `21` + serial,
// then a GS (0x1D) and the crypto tail (`91`/`92`, or `93`). A keyboard-wedge scanner cannot type GS reliably, so
// benches configure the scanner to send a stand-in character; this module turns it back into GS, checks the
// shape, and says which product (GTIN) the code belongs to. Ozon re-checks the code itself (§6.5).

export const GS = '\x1d'

/** The default stand-in a scanner is configured to type for GS: never part of a GS1 code (not in CSET 82). */
export const DEFAULT_GS_STAND_IN = '~'

/** AIM symbology identifiers some scanners put in front of a DataMatrix/GS1 payload. */
const SYMBOLOGY_PREFIX = /^\](?:d2|C1|Q3|e0)/

/** GS1 CSET 82: the characters allowed in the serial number (AI 21). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/

/** AI 21 serial: up to 20 characters. 2 + 14 + 2 + 20 = 38 is the longest code without a separator. */
const MAX_WITHOUT_GS = 38

export type MarkProblem = 'not_a_mark' | 'bad_gtin' | 'bad_serial' | 'gs_missing'

export interface ParsedMark {
  ok: true
  /** The code as Ozon wants it: GS restored, scanner prefixes removed. */
  code: string
  gtin: string
  serial: string
}

export interface RejectedMark {
  ok: false
  problem: MarkProblem
  message: string
}

/** Replaces the scanner's stand-in with a real GS. */
export function restoreGs(raw: string, standIn: string = DEFAULT_GS_STAND_IN): string {
  return standIn ? raw.split(standIn).join(GS) : raw
}

/** Quick test used by scan matching: does this look like a GS1 marking code at all? */
export function looksLikeMark(raw: string): boolean {
  const s = stripPrefixes(raw)
  return /^01\d{14}21./.test(s) && s.length >= 20
}

/** Checks a scanned marking code (GS already restored) and splits out GTIN and serial. */
export function parseMark(raw: string): ParsedMark | RejectedMark {
  // FNC1 at the start arrives as a GS from some scanners; it is not part of the data.
  const code = stripPrefixes(raw.trim())
  if (!/^01/.test(code)) return reject('not_a_mark', 'A marking code starts with 01 followed by the 14-digit GTIN')
  const gtin = code.slice(2, 16)
  if (!/^\d{14}$/.test(gtin) || !gtinCheckDigitOk(gtin)) return reject('bad_gtin', `The GTIN in the code (${gtin}) is not a valid 14-digit GTIN`)
  if (code.slice(16, 18) !== '21') return reject('not_a_mark', 'After the GTIN a marking code has 21 and the serial number')
  const rest = code.slice(18)
  const gsAt = rest.indexOf(GS)
  if (gsAt < 0 && code.length > MAX_WITHOUT_GS) {
    return reject(
      'gs_missing',
      'The scanner dropped the GS separator of this DataMatrix. Configure it to send the stand-in character and scan again',
    )
  }
  const serial = gsAt < 0 ? rest : rest.slice(0, gsAt)
  if (serial.length < 1 || serial.length > 20 || !CSET82.test(serial)) return reject('bad_serial', `The serial number "${serial}" is not valid for a marking code`)
  return { ok: true, code, gtin, serial }
}

/** GTIN-14 of a product barcode (EAN-13, EAN-8, UPC-A or GTIN-14), or null when it is not one (e.g. `OZN…`). */
export function gtin14Of(barcode: string): string | null {
  const b = barcode.trim()
  if (!/^\d{8}$|^\d{12,14}$/.test(b)) return null
  const g = b.padStart(14, '0')
  return gtinCheckDigitOk(g) ? g : null
}

/** GS1 mod-10 check digit. */
export function gtinCheckDigitOk(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false
  let sum = 0
  const body = digits.slice(0, -1)
  for (let i = 0; i < body.length; i++) {
    const d = Number(body[body.length - 1 - i])
    sum += i % 2 === 0 ? d * 3 : d
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1))
}

/** Drops an AIM symbology identifier and leading GS characters (FNC1 at the start is not data). */
function stripPrefixes(raw: string): string {
  let s = raw.replace(SYMBOLOGY_PREFIX, '')
  while (s.startsWith(GS)) s = s.slice(1)
  return s
}

function reject(problem: MarkProblem, message: string): RejectedMark {
  return { ok: false, problem, message }
}
