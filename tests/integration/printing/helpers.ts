// Shared bits of the printing integration tests: a printer config pointing at a fake printer, a driver context
// with short waits, and "decode the barcodes in this printed image".
import { Printer, type PrinterInput } from '../../../shared/domain/printers'
import { memoryLogger } from '../../../shared/log'
import type { DriverContext } from '../../../electron/printing/drivers'
import { decodeBarcodes } from '../../support/barcode-decode'
import { dotImageToPng, type DotImage } from '../../support/printer-decoders'

export function printerConfig(overrides: Partial<PrinterInput> & Pick<PrinterInput, 'driver' | 'connection'>): Printer {
  return Printer.parse({
    id: overrides.id ?? `${overrides.driver}-1`,
    name: overrides.name ?? `Test ${overrides.driver}`,
    label: { widthMm: 58, heightMm: 40 },
    ...overrides,
  })
}

export function testContext(): DriverContext & { log: ReturnType<typeof memoryLogger> } {
  return { log: memoryLogger(), tcpTimeouts: { connectMs: 1000, stallMs: 3000, closeWaitMs: 500 } }
}

/** Code 128 texts a scanner reads off the printed image. */
export async function code128In(image: DotImage): Promise<string[]> {
  return (await decodeBarcodes(dotImageToPng(image))).filter((b) => b.format === 'CODE_128').map((b) => b.text)
}
