// Printing over the contract: the bench's printers (add, edit, remove, live status, test print), the print queue's
// jobs (history, "check the printer", reprint with a reason, retry), labels of selected postings printed as one job
// per printer, auto-print after packing (what still waits for Ozon's label), and the label check (scan the label
// just printed: is it this package's?).
import { z } from 'zod'
import { AutoPrintPlan } from '../domain/auto-print'
import {
  ESC_POS_CODE_PAGES,
  PRINT_JOB_STATES,
  PRINTER_DRIVERS,
  PRINTER_PURPOSES,
  PrintJob,
  Printer,
  PrinterStatus,
} from '../domain/printers'
import { method } from './define'

export { AutoPrintPlan }

/**
 * A printer as the settings form sends it. Only the types are checked here; the rules (address format, ranges,
 * what each driver accepts) are checked when it is saved, and every wrong field is named at once.
 */
export const PrinterDraft = z.object({
  /** Absent for a new printer. */
  id: z.string().trim().min(1).max(64).optional(),
  name: z.string().max(200),
  driver: z.enum(PRINTER_DRIVERS),
  connection: z.string().max(1000),
  label: z.object({ widthMm: z.number(), heightMm: z.number(), gapMm: z.number().optional() }),
  orientation: z.enum(['portrait', 'landscape']).optional(),
  dpi: z.union([z.literal(203), z.literal(300)]).optional(),
  /** null clears it (keep what the printer is set to). */
  darkness: z.number().int().nullable().optional(),
  speedIps: z.number().int().nullable().optional(),
  codePage: z.enum(ESC_POS_CODE_PAGES).optional(),
  maxBandBytes: z.number().int().optional(),
  purposes: z.array(z.enum(PRINTER_PURPOSES)).optional(),
})
export type PrinterDraft = z.infer<typeof PrinterDraft>

export const PrinterAssignments = z.object({ 'bag-label': z.string().nullable(), 'ozon-label': z.string().nullable() })

export const PrintersView = z.object({
  printers: z.array(Printer),
  /** Which printer prints which labels at this bench (null: none set). */
  assignments: PrinterAssignments,
  /** Where the demo "save to folder" printers put their files. */
  demoFolder: z.string(),
  /** The desktop app can print to Windows/system printers; the web host cannot. */
  systemPrint: z.boolean(),
})
export type PrintersView = z.infer<typeof PrintersView>

export const SystemPrinters = z.object({
  /** CUPS queues (`lpstat -e`), for the "CUPS" printer type. */
  cups: z.array(z.string()),
  /** The OS printers the desktop shell sees (for the "Windows / system" printer type). */
  system: z.array(z.object({ name: z.string(), isDefault: z.boolean(), status: z.string() })),
})

export const EnqueuedJob = z.object({ job: PrintJob, duplicate: z.boolean() })

export const LabelsPrinted = z.object({
  /** One job per printer (a repeated request within seconds gives the same job back: duplicate). */
  jobs: z.array(EnqueuedJob),
  /** Labels left out, and why (Ozon's label not ready or refused, no printer for them…). */
  missing: z.array(z.object({ postingNumber: z.string(), kind: z.enum(['ozon', 'bag']), reason: z.string() })),
})
export type LabelsPrinted = z.infer<typeof LabelsPrinted>

export const AttentionList = z.object({
  /** Jobs a person must look at, newest first: 'unknown' (check the printer) and 'failed'. */
  jobs: z.array(PrintJob),
  /** Auto-prints that cannot go on by themselves (no printer, Ozon refused a label…). */
  autoPrints: z.array(AutoPrintPlan),
})
export type AttentionList = z.infer<typeof AttentionList>

export const CheckedLabel = z.object({
  postingNumber: z.string(),
  packageIndex: z.number().int().positive(),
  packageCount: z.number().int().positive(),
  confirmed: z.boolean(),
})

/** A label check waiting for the packer's scan: the labels of one job just printed. */
export const LabelCheck = z.object({
  /** = the print job's id. */
  id: z.string(),
  kind: z.enum(['bag-label', 'ozon-label']),
  orderNumber: z.string(),
  printerName: z.string(),
  labels: z.array(CheckedLabel),
  createdAt: z.string(),
})
export type LabelCheck = z.infer<typeof LabelCheck>

export const LabelCheckState = z.object({
  /** The check to do now (the oldest waiting), or null. */
  check: LabelCheck.nullable(),
  /** Checks waiting in all, this one included. */
  waiting: z.number().int().nonnegative(),
})
export type LabelCheckState = z.infer<typeof LabelCheckState>

export const LabelScanResult = z.object({
  /** match: this label is confirmed; repeat: it was already; mismatch: not a label of this package set. */
  verdict: z.enum(['match', 'repeat', 'mismatch']),
  code: z.string(),
  /** The label the code belongs to (match/repeat), or the posting Ozon says the code belongs to (mismatch), if any. */
  postingNumber: z.string().nullable(),
  /** The check after this scan (null once every label of it is confirmed), and how many wait. */
  state: LabelCheckState,
})
export type LabelScanResult = z.infer<typeof LabelScanResult>

const JobRef = { jobId: z.string().trim().min(1, 'give the print job') }
const Reason = z.string().trim().min(1, 'say why (e.g. "label torn", "nothing came out")').max(300)

export const printingMethods = {
  'printing.printers': method('The bench\'s printers, which prints what, and where the demo printer saves labels.', z.object({}), PrintersView),
  'printing.savePrinter': method(
    'Add or change a printer; every wrong field is named. Its purposes are taken from any other printer that had them.',
    z.object({ printer: PrinterDraft }),
    Printer,
  ),
  'printing.removePrinter': method('Remove a printer from this bench (its jobs stay in the history).', z.object({ printerId: z.string().trim().min(1) }), PrintersView),
  'printing.status': method(
    'Ask a printer how it is: reachable, paper out, cover open, offline — as far as it can tell.',
    z.object({ printerId: z.string().trim().min(1) }),
    PrinterStatus,
  ),
  'printing.systemPrinters': method('CUPS queues and the system\'s printers, to choose from when adding one.', z.object({}), SystemPrinters),
  'printing.testPrint': method('Print a test label naming the printer, the bench and the time, with a barcode.', z.object({ printerId: z.string().trim().min(1) }), EnqueuedJob),
  'printing.printLabels': method(
    'Print the labels of these postings (bag / Ozon / both per the bench): one job per printer, labels in the order given.',
    z.object({
      postingNumbers: z
        .array(z.string().trim().min(1, 'a posting number is empty'))
        .min(1, 'select at least one posting')
        .max(1000, 'at most 1000 postings at a time; split the batch'),
      accountId: z.string().min(1).optional(),
      choice: z.enum(['ozon', 'bag', 'both']).optional(),
    }),
    LabelsPrinted,
  ),
  'printing.history': method(
    'Print jobs, newest first: time, printer, postings, result.',
    z.object({
      from: z.string().optional(),
      to: z.string().optional(),
      printerId: z.string().optional(),
      postingNumber: z.string().trim().optional(),
      states: z.array(z.enum(PRINT_JOB_STATES)).optional(),
      limit: z.number().int().positive().max(2000).default(200),
    }),
    z.object({
      jobs: z.array(PrintJob),
      /** Jobs of this list a person has dealt with after "check the printer" or a failure: reprinted or dismissed. */
      resolved: z.record(z.string(), z.object({ how: z.enum(['dismissed', 'reprinted']), at: z.string(), detail: z.string() })),
    }),
  ),
  'printing.attention': method('Jobs and auto-prints that need a person ("check the printer", failed, no printer…).', z.object({}), AttentionList),
  'printing.reprint': method(
    'Print a job\'s labels again (any job, any state); the reason is kept with the new job and in the audit log.',
    z.object({ ...JobRef, reason: Reason, printerId: z.string().trim().min(1).optional() }),
    PrintJob,
  ),
  'printing.retry': method('Send a failed job again (nothing of it was printed, so this cannot double a label).', z.object(JobRef), PrintJob),
  'printing.dismiss': method(
    'A person looked: the job needs nothing more (it did print, or is not wanted). Kept in the audit log.',
    z.object({ ...JobRef, note: z.string().trim().max(300).default('') }),
    AttentionList,
  ),
  'printing.dismissAutoPrint': method(
    'A person dealt with a stopped auto-print (printed the labels another way, or they are not wanted).',
    z.object({ operationId: z.string().trim().min(1), note: z.string().trim().max(300).default('') }),
    AttentionList,
  ),
  'printing.preview': method(
    'The exact dots a job prints, one PNG per label (base64); null for printers that take the PDF themselves.',
    z.object(JobRef),
    z.object({ pngs: z.array(z.string()).nullable() }),
  ),
  'printing.autoPrints': method(
    'Recent auto-prints after packing, newest first: what is printed, what waits for Ozon\'s label, what failed.',
    z.object({ limit: z.number().int().positive().max(500).default(50) }),
    z.object({ plans: z.array(AutoPrintPlan) }),
  ),
  'printing.resumeAutoPrint': method(
    'Try an auto-print again after fixing what stopped it (a printer set, Ozon asked again for refused labels).',
    z.object({ operationId: z.string().trim().min(1) }),
    AutoPrintPlan,
  ),
  'printing.labelCheck': method('The label check waiting for a scan, if the bench checks labels.', z.object({}), LabelCheckState),
  'printing.checkLabel': method(
    'The packer scanned a printed label: is it a label of the package set just printed?',
    z.object({ code: z.string().trim().min(1, 'scan the label').max(200) }),
    LabelScanResult,
  ),
  'printing.skipLabelCheck': method(
    'Skip the waiting label check (recorded in the audit log with the reason).',
    z.object({ reason: Reason }),
    LabelCheckState,
  ),
}

export const printingEvents = {
  /** A print job changed state (queued → sending → sent / failed / unknown). */
  'printing.jobChanged': z.object({ job: PrintJob }),
  /** Printers were added, changed or removed, or their purposes moved. */
  'printing.printersChanged': z.object({ assignments: PrinterAssignments }),
  /** An auto-print after packing moved on (printed, waiting for Ozon, failed). */
  'printing.autoPrintChanged': z.object({ plan: AutoPrintPlan }),
  /** A label check is waiting, was passed, skipped or failed a scan. */
  'printing.labelCheckChanged': LabelCheckState,
}
