// ESC/POS label printing over TCP (EPSON and STAR dialects) with node-thermal-printer.
//
// Per label: the raster in bands, an optional caption in the printer's own font, a cut. node-thermal-printer builds
// the text parts (code page, Cyrillic through iconv, cut). Two things are done here instead:
// - Sending: our transport sends the finished buffer, because the library's TCP interface cannot tell whether any
//   byte left before a failure — the one question the print queue must answer.
// - Raster: its printImageBuffer sends the whole label as a single GS v 0 block (a 75×120 mm label is 72 KB — more
//   than cheap printers buffer; they print garbage or drop it), re-thresholds an RGBA PNG pixel by pixel, and its
//   STAR variant sends 24-dot bit-image bands in a layout the STAR raster command does not use. We already hold the
//   exact 1-bit rows, so the bands are built here and appended to the library's buffer.
//
// Traps handled (see docs/toolchain.md): the library's cut() appends ESC @, which resets the code page without the
// library sending it again — so the code page is set again after every cut; its append() silently switches to
// another code page for a character the current one lacks — so captions are reduced to what PC866/WPC1251 hold.
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer'
import type { EscPosCodePage, Printer } from '../../../shared/domain/printers'
import type { LabelBitmap } from '../bitmap'
import { createRawTcpDriver, type RawTcpLanguage } from './raw-tcp'
import { ESCPOS_STATUS_REQUEST, parseEscPosStatus } from './status'
import type { DriverContext, DriverJob, PrinterDriver } from './types'

export type EscPosDialect = 'epson' | 'star'

const ESC_INIT = Buffer.from([0x1b, 0x40])

const CHARACTER_SET: Record<EscPosCodePage, CharacterSet> = {
  PC866: CharacterSet.PC866_CYRILLIC2,
  WPC1251: CharacterSet.WPC1251_CYRILLIC,
}

/**
 * Raster bands of at most `maxBandBytes` bytes each:
 *   EPSON  GS v 0 m xL xH yL yH d…        (1D 76 30 00 …)
 *   STAR   ESC GS S m xL xH yL yH n d…    (1B 1D 53 01 … 00, StarPRNT raster)
 */
export function rasterBands(bitmap: LabelBitmap, dialect: EscPosDialect, maxBandBytes: number): Buffer[] {
  const rowsPerBand = Math.max(1, Math.floor(maxBandBytes / bitmap.bytesPerRow))
  const bands: Buffer[] = []
  for (let y = 0; y < bitmap.height; y += rowsPerBand) {
    const rows = Math.min(rowsPerBand, bitmap.height - y)
    const data = bitmap.bits.subarray(y * bitmap.bytesPerRow, (y + rows) * bitmap.bytesPerRow)
    const xL = bitmap.bytesPerRow & 0xff
    const xH = bitmap.bytesPerRow >> 8
    const header =
      dialect === 'epson'
        ? Buffer.from([0x1d, 0x76, 0x30, 0x00, xL, xH, rows & 0xff, rows >> 8])
        : Buffer.from([0x1b, 0x1d, 0x53, 0x01, xL, xH, rows & 0xff, rows >> 8, 0x00])
    bands.push(Buffer.concat([header, data]))
  }
  return bands
}

/**
 * A caption as both Cyrillic code pages can hold it: Latin, Cyrillic (with Ё/ё), digits, common punctuation and №.
 * Typographic quotes and dashes become their plain forms; anything else becomes "?".
 */
export function captionForCodePage(text: string): string {
  return text
    .replace(/[«»„“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e\u0410-\u044f\u0401\u0451\u2116]/g, '?')
}

/** The whole ESC/POS job: reset, code page, then per label raster bands, caption, cut, code page again. */
export function escPosProgram(printer: Printer, dialect: EscPosDialect, bitmaps: LabelBitmap[], captions: DriverJob['captions'] = []): Buffer {
  const builder = new ThermalPrinter({
    type: dialect === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR,
    // A custom interface (the library's hook for other transports) that refuses: the bytes go out through our own
    // transport, which knows whether any byte left before a failure — the library's TCP interface cannot say.
    interface: {
      execute: () => Promise.reject(new Error('ESC/POS jobs are sent by the print queue, not by node-thermal-printer')),
      isPrinterConnected: async () => false,
    } as unknown as string,
    characterSet: CHARACTER_SET[printer.codePage],
    // Font A is 12 dots wide: as many columns as the label has room for.
    width: Math.max(8, Math.floor((bitmaps[0]?.width ?? 384) / 12)),
  })
  builder.setBuffer(Buffer.alloc(0))
  builder.append(ESC_INIT) // whatever the last job left behind is cleared
  builder.setCharacterSet(CHARACTER_SET[printer.codePage])
  bitmaps.forEach((bitmap, i) => {
    for (const band of rasterBands(bitmap, dialect, printer.maxBandBytes)) builder.append(band)
    const caption = captions[i]
    if (caption) builder.println(captionForCodePage(caption))
    builder.cut()
    builder.setCharacterSet(CHARACTER_SET[printer.codePage]) // cut() ended with ESC @, which reset the code page
  })
  return builder.getBuffer()
}

export function createEscPosDriver(printer: Printer, dialect: EscPosDialect, ctx: DriverContext): PrinterDriver {
  const language: RawTcpLanguage = {
    program: (bitmaps, job) => [escPosProgram(printer, dialect, bitmaps, job.captions)],
    // EPSON-compatible printers answer DLE EOT on port 9100. STAR printers in Star mode do not (their status
    // comes through StarIO / port 9101), so for them the station can only tell reachability.
    probe:
      dialect === 'epson'
        ? { request: ESCPOS_STATUS_REQUEST, complete: (a) => a.length >= 3, parse: parseEscPosStatus }
        : undefined,
  }
  return createRawTcpDriver(printer, language, ctx)
}
