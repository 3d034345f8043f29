// TSPL (TSC, Xprinter and other label printers in label mode) over raw TCP 9100: the stock's size and gap, darkness
// (DENSITY) and SPEED once, then per label CLS, the label as a BITMAP, PRINT.
// TSPL's BITMAP is the one raster in this folder where a 1 bit is *white*: the rows are sent inverted.
import type { Printer } from '../../../shared/domain/printers'
import type { LabelBitmap } from '../bitmap'
import { createRawTcpDriver } from './raw-tcp'
import { parseTsplStatus, TSPL_STATUS_REQUEST } from './status'
import type { DriverContext, PrinterDriver } from './types'

const CRLF = '\r\n'
const num = (n: number) => String(Math.round(n * 100) / 100)

export function tsplProgram(printer: Printer, bitmaps: LabelBitmap[]): Buffer {
  const head = [
    `SIZE ${num(printer.label.widthMm)} mm,${num(printer.label.heightMm)} mm`,
    `GAP ${num(printer.label.gapMm)} mm,0 mm`,
    'DIRECTION 0,0',
    'REFERENCE 0,0',
    ...(printer.darkness !== undefined ? [`DENSITY ${printer.darkness}`] : []),
    ...(printer.speedIps !== undefined ? [`SPEED ${printer.speedIps}`] : []),
  ]
  const parts: Buffer[] = [Buffer.from(head.join(CRLF) + CRLF, 'latin1')]
  for (const b of bitmaps) {
    const inverted = Buffer.allocUnsafe(b.bits.length)
    for (let i = 0; i < b.bits.length; i++) inverted[i] = ~b.bits[i]! & 0xff
    parts.push(
      Buffer.from(`CLS${CRLF}BITMAP 0,0,${b.bytesPerRow},${b.height},0,`, 'latin1'),
      inverted,
      Buffer.from(`${CRLF}PRINT 1,1${CRLF}`, 'latin1'),
    )
  }
  return Buffer.concat(parts)
}

export function createTsplDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  return createRawTcpDriver(
    printer,
    {
      program: (bitmaps) => [tsplProgram(printer, bitmaps)],
      probe: { request: TSPL_STATUS_REQUEST, complete: (a) => a.length >= 1, parse: parseTsplStatus },
    },
    ctx,
  )
}
