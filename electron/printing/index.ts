// Printing: printers (registry + drivers), the journaled print queue, and rasterising labels to printer dots.
export { openPrinterRegistry, demoPrinters, PrinterConfigError, type PrinterRegistry } from './registry'
export {
  openPrintQueue,
  PrintRequestError,
  DEFAULT_RETRY,
  type PrintQueue,
  type PrintQueueOptions,
  type PrintQueueEvent,
  type PrintRequest,
  type ReprintRequest,
  type EnqueueResult,
  type RetryPolicy,
} from './queue'
export { rasterisePdf, previewPngs, countPdfPages, LabelPdfError, type RasterTarget } from './raster'
export { bitmapToPng, type LabelBitmap } from './bitmap'
export { PrintFailure, type FailureCode, type SendOutcome } from './failures'
export { createDriver, type DriverContext, type DriverJob, type PrinterDriver, type SystemPrintShell } from './drivers'
