// One driver per printer, chosen by the printer's `driver` field.
import type { Printer } from '../../../shared/domain/printers'
import { createCupsDriver } from './cups'
import { createEscPosDriver } from './escpos'
import { createFolderDriver } from './folder'
import { createSystemDriver } from './system'
import { createTsplDriver } from './tspl'
import type { DriverContext, PrinterDriver } from './types'
import { createZplDriver } from './zpl'

export function createDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  switch (printer.driver) {
    case 'escpos-epson':
      return createEscPosDriver(printer, 'epson', ctx)
    case 'escpos-star':
      return createEscPosDriver(printer, 'star', ctx)
    case 'zpl':
      return createZplDriver(printer, ctx)
    case 'tspl':
      return createTsplDriver(printer, ctx)
    case 'cups':
      return createCupsDriver(printer, ctx)
    case 'windows':
      return createSystemDriver(printer, ctx)
    case 'folder':
      return createFolderDriver(printer, ctx)
  }
}

export type { DriverContext, DriverJob, PrinterDriver, SystemPrintShell } from './types'
