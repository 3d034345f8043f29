// "Test print" from the printer settings: a label naming the printer, the bench and the time, with a barcode,
// laid out for that printer's stock and dots and sent through the print queue like any label (so the history
// shows it and a raw printer gets it dot for dot).
import { bwipBarcodeEncoder, loadLabelFonts, renderLabelLayoutsPdf } from '../../labels'
import { layoutTestLabel, testLabelCode } from '../../../shared/domain/printer-test-label'
import type { Printer } from '../../../shared/domain/printers'
import type { BenchLanguage } from '../../../shared/domain/settings'
import type { EnqueueResult, PrintQueue } from '../../printing'
import type { StationContext } from '../context'

const HEADING: Record<BenchLanguage, string> = { ru: 'Тестовая печать', en: 'Test print', zh: '测试打印' }
const BENCH: Record<BenchLanguage, string> = { ru: 'Стол', en: 'Bench', zh: '工作台' }
const LOCALE: Record<BenchLanguage, string> = { ru: 'ru-RU', en: 'en-GB', zh: 'zh-CN' }

export async function printTestLabel(ctx: StationContext, queue: PrintQueue, printer: Printer, fontsDir?: string): Promise<EnqueueResult> {
  const bench = ctx.settings.data.bench
  const at = ctx.now()
  const printedAt = new Intl.DateTimeFormat(LOCALE[bench.language], { timeZone: bench.timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(at)
  const fonts = await loadLabelFonts(fontsDir)
  // Laid out the way the label will be read: a landscape printer turns the stock a quarter.
  const size =
    printer.orientation === 'landscape'
      ? { widthMm: printer.label.heightMm, heightMm: printer.label.widthMm }
      : { widthMm: printer.label.widthMm, heightMm: printer.label.heightMm }
  const layout = layoutTestLabel(
    { heading: HEADING[bench.language], printerName: printer.name, bench: `${BENCH[bench.language]}: ${bench.benchName}`, printedAt, code: testLabelCode(at) },
    { size, dpi: printer.dpi, measureText: fonts.measureText, barcodes: bwipBarcodeEncoder },
  )
  const pdf = await renderLabelLayoutsPdf([layout], fonts)
  const { operator } = ctx.actor()
  return queue.print({
    kind: 'test',
    printerId: printer.id,
    pdf,
    layouts: [layout],
    postingNumbers: [],
    title: `Test print — ${printer.name}`,
    operator,
    bench: bench.benchName,
  })
}
