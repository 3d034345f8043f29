// Building a PrinterStatus the same way in every driver, and the reply parsers of the printer languages that can
// say what is wrong: ESC/POS real-time status (DLE EOT n), ZPL host status (~HS), TSPL status (ESC ! ?).
import type { Printer, PrinterProblem, PrinterStatus } from '../../../shared/domain/printers'

const PROBLEM_WORDS: Record<PrinterProblem, string> = {
  offline: 'offline',
  'paper-out': 'out of paper',
  'cover-open': 'cover open',
  paused: 'paused',
  'ribbon-out': 'out of ribbon',
  'head-error': 'print head error',
  'busy-error': 'printer error',
}

export function makeStatus(
  printer: Printer,
  s: { reachable: boolean; problems?: PrinterProblem[]; paperLow?: boolean; detailed: boolean; note?: string },
  now: () => Date = () => new Date(),
): PrinterStatus {
  const problems = s.reachable ? [...new Set(s.problems ?? [])] : ['offline' as const]
  let message: string
  if (!s.reachable) message = `${printer.name}: not reachable${s.note ? ` (${s.note})` : ''}`
  else if (problems.length) message = `${printer.name}: ${problems.map((p) => PROBLEM_WORDS[p]).join(', ')}`
  else message = `${printer.name}: ${s.detailed ? 'ready' : 'reachable'}${s.paperLow ? ', paper running low' : ''}`
  return {
    printerId: printer.id,
    reachable: s.reachable,
    problems,
    paperLow: s.paperLow ?? false,
    detailed: s.detailed,
    message,
    checkedAt: now().toISOString(),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ESC/POS: DLE EOT 1 (printer), DLE EOT 2 (offline cause), DLE EOT 4 (paper roll sensor), one byte each.

export const ESCPOS_STATUS_REQUEST = Uint8Array.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04])

/** Each status byte has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not a status answer. */
const isStatusByte = (b: number) => (b & 0x93) === 0x12

export function parseEscPosStatus(answer: Uint8Array): { problems: PrinterProblem[]; paperLow: boolean } | null {
  if (answer.length < 3 || ![answer[0]!, answer[1]!, answer[2]!].every(isStatusByte)) return null
  const [printer, offlineCause, paper] = [answer[0]!, answer[1]!, answer[2]!]
  const problems: PrinterProblem[] = []
  if (offlineCause & 0x04) problems.push('cover-open')
  if (offlineCause & 0x20 || paper & 0x60) problems.push('paper-out')
  if (offlineCause & 0x40) problems.push('busy-error')
  if (printer & 0x08 && problems.length === 0) problems.push('offline')
  return { problems, paperLow: (paper & 0x0c) !== 0 }
}

// ---------------------------------------------------------------------------------------------------------------
// ZPL ~HS: three lines, each <STX>fields<ETX><CR><LF>.
//   line 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   b = paper out, c = pause, k/l = head under/over temperature
//   line 2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   o = head up (cover open), p = ribbon out, q = thermal-transfer mode

export const ZPL_STATUS_REQUEST = new TextEncoder().encode('~HS\r\n')

export const zplStatusComplete = (answer: Uint8Array) => answer.filter((b) => b === 0x03).length >= 3

export function parseZplHostStatus(answer: Uint8Array): { problems: PrinterProblem[] } | null {
  // Each line sits between STX (0x02) and ETX (0x03).
  const lines: string[][] = []
  let start = -1
  answer.forEach((b, i) => {
    if (b === 0x02) start = i + 1
    else if (b === 0x03 && start >= 0) {
      lines.push(Buffer.from(answer.subarray(start, i)).toString('latin1').split(','))
      start = -1
    }
  })
  const [one, two] = lines
  if (!one || !two || one.length < 3 || two.length < 5) return null
  const flag = (v: string | undefined) => v?.trim() === '1'
  const problems: PrinterProblem[] = []
  if (flag(one[1])) problems.push('paper-out')
  if (flag(one[2])) problems.push('paused')
  if (flag(one[10]) || flag(one[11])) problems.push('head-error')
  if (flag(two[2])) problems.push('cover-open')
  if (flag(two[3]) && flag(two[4])) problems.push('ribbon-out')
  return { problems }
}

// ---------------------------------------------------------------------------------------------------------------
// TSPL: ESC ! ? answers one byte — bit 0 head open, 1 paper jam, 2 paper out, 3 ribbon out, 4 pause,
// 5 printing, 6 cover open, 7 temperature.

export const TSPL_STATUS_REQUEST = Uint8Array.from([0x1b, 0x21, 0x3f])

export function parseTsplStatus(answer: Uint8Array): { problems: PrinterProblem[] } | null {
  if (answer.length < 1) return null
  const b = answer[0]!
  const problems: PrinterProblem[] = []
  if (b & 0x01 || b & 0x40) problems.push('cover-open')
  if (b & 0x02) problems.push('busy-error')
  if (b & 0x04) problems.push('paper-out')
  if (b & 0x08) problems.push('ribbon-out')
  if (b & 0x10) problems.push('paused')
  if (b & 0x80) problems.push('head-error')
  return { problems }
}
