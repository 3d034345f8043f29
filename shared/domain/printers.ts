// A printer on the packing bench, as the settings screen edits it and the print queue uses it.
// Pure TypeScript + zod (shared by the core, the contract and the renderer): no Node imports here.
//
// Geometry words used everywhere in printing:
// - the label *stock* is widthMm across the print head × heightMm along the feed direction;
// - a *dot* is one heating element of the head: 203 dpi heads have exactly 8 dots/mm, "300 dpi" heads 12 dots/mm
//   (that is how Zebra, TSC and Xprinter build them), so 58×40 mm at 203 dpi is 464×320 dots.
import { z } from 'zod'

/** How the station talks to the printer. */
export const PRINTER_DRIVERS = ['escpos-epson', 'escpos-star', 'zpl', 'tspl', 'cups', 'windows', 'folder'] as const
export type PrinterDriverName = (typeof PRINTER_DRIVERS)[number]

/** Drivers that receive a raster image over raw TCP (port 9100) and so need the label rasterised by us. */
export const RAW_TCP_DRIVERS = ['escpos-epson', 'escpos-star', 'zpl', 'tspl'] as const satisfies readonly PrinterDriverName[]
export const isRawTcpDriver = (d: PrinterDriverName): d is (typeof RAW_TCP_DRIVERS)[number] =>
  (RAW_TCP_DRIVERS as readonly string[]).includes(d)

/** What a printer is used for at its bench: the station's own bag labels, Ozon's official labels, or both. */
export const PRINTER_PURPOSES = ['bag-label', 'ozon-label'] as const
export type PrinterPurpose = (typeof PRINTER_PURPOSES)[number]

/** Code pages for ESC/POS text (captions under a label). Both carry Cyrillic. */
export const ESC_POS_CODE_PAGES = ['PC866', 'WPC1251'] as const
export type EscPosCodePage = (typeof ESC_POS_CODE_PAGES)[number]

/** Darkness ranges of each printer language: ZPL ~SD 00–30, TSPL DENSITY 0–15. */
export const DARKNESS_RANGE = { zpl: [0, 30], tspl: [0, 15] } as const
/** Print speed in inches per second: ZPL ^PR 2–14, TSPL SPEED 1–14 (what a model accepts varies). */
export const SPEED_RANGE_IPS = { zpl: [2, 14], tspl: [1, 14] } as const

/** The largest print head we expect on a bench: 4.65 inch (118 mm) — wider labels are a configuration mistake. */
export const MAX_HEAD_WIDTH_MM = 118

const TCP_URL = /^tcp:\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/

export const LabelStock = z.object({
  /** Across the print head, mm. */
  widthMm: z.number().min(10).max(300),
  /** Along the feed direction, mm. */
  heightMm: z.number().min(10).max(600),
  /** Gap between labels on the roll (TSPL GAP); 0 for continuous paper. */
  gapMm: z.number().min(0).max(20).default(2),
})
export type LabelStock = z.infer<typeof LabelStock>

export const Printer = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(80),
    driver: z.enum(PRINTER_DRIVERS),
    /**
     * Where the printer is, by driver: `tcp://host:9100` (escpos-*, zpl, tspl), a CUPS queue name (cups),
     * a Windows device name (windows), an absolute folder path (folder).
     */
    connection: z.string().trim().min(1).max(500),
    label: LabelStock,
    /**
     * portrait: the label is printed as designed; landscape: turned 90° clockwise onto the stock. Either way a page
     * whose long side would run across the stock's short side is turned to fit (never upside down).
     */
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
    dpi: z.union([z.literal(203), z.literal(300)]).default(203),
    /** ZPL 0–30, TSPL 0–15; unset = keep what the printer is set to. */
    darkness: z.number().int().optional(),
    /** Inches per second (ZPL ^PR, TSPL SPEED); unset = keep what the printer is set to. */
    speedIps: z.number().int().optional(),
    /** Code page of ESC/POS text captions (Cyrillic). */
    codePage: z.enum(ESC_POS_CODE_PAGES).default('PC866'),
    /** Largest ESC/POS raster band in bytes: cheap printers drop data when a band overflows their buffer. */
    maxBandBytes: z.number().int().min(256).max(65_536).default(4096),
    purposes: z.array(z.enum(PRINTER_PURPOSES)).default([]),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (isRawTcpDriver(p.driver)) {
      const m = TCP_URL.exec(p.connection)
      if (!m) issue('connection', `"${p.connection}" is not a network printer address; write it as tcp://192.168.1.50:9100`)
      else if (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 65_535)) issue('connection', `port ${m[2]} is out of range 1–65535`)
      if (p.label.widthMm > MAX_HEAD_WIDTH_MM) {
        issue('label', `a ${p.label.widthMm} mm wide label does not fit a thermal print head (at most ${MAX_HEAD_WIDTH_MM} mm); check width and height`)
      }
    }
    if (p.driver === 'folder' && !ABSOLUTE_PATH.test(p.connection)) {
      issue('connection', `the folder "${p.connection}" must be a full path, e.g. /home/packer/labels or C:\\Labels`)
    }
    if (p.driver === 'cups' && /[\s/#]/.test(p.connection)) {
      issue('connection', `"${p.connection}" is not a CUPS queue name (no spaces, "/" or "#"); see lpstat -p`)
    }
    if (p.darkness !== undefined) {
      const range = p.driver === 'zpl' || p.driver === 'tspl' ? DARKNESS_RANGE[p.driver] : undefined
      if (!range) issue('darkness', `darkness can only be set for ZPL and TSPL printers`)
      else if (p.darkness < range[0] || p.darkness > range[1]) issue('darkness', `darkness must be ${range[0]}–${range[1]} for ${p.driver.toUpperCase()}`)
    }
    if (p.speedIps !== undefined) {
      const range = p.driver === 'zpl' || p.driver === 'tspl' ? SPEED_RANGE_IPS[p.driver] : undefined
      if (!range) issue('speedIps', `speed can only be set for ZPL and TSPL printers`)
      else if (p.speedIps < range[0] || p.speedIps > range[1]) issue('speedIps', `speed must be ${range[0]}–${range[1]} inches/s for ${p.driver.toUpperCase()}`)
    }
  })
export type Printer = z.infer<typeof Printer>
/** What a caller hands in (defaults not yet applied). */
export type PrinterInput = z.input<typeof Printer>

/** Dots per mm of a head: 203 dpi = 8, 300 dpi = 12. */
export function dotsPerMm(dpi: Printer['dpi']): number {
  return dpi === 203 ? 8 : 12
}

/** The stock in whole dots (width across the head, height along the feed). */
export function labelDots(printer: Pick<Printer, 'dpi' | 'label'>): { width: number; height: number } {
  const k = dotsPerMm(printer.dpi)
  return { width: Math.round(printer.label.widthMm * k), height: Math.round(printer.label.heightMm * k) }
}

/** What a printer can say about itself. `offline` also covers "not reachable". */
export const PRINTER_PROBLEMS = ['offline', 'paper-out', 'cover-open', 'paused', 'ribbon-out', 'head-error', 'busy-error'] as const
export type PrinterProblem = (typeof PRINTER_PROBLEMS)[number]

export const PrinterStatus = z.object({
  printerId: z.string(),
  reachable: z.boolean(),
  /** Empty when the printer is ready (or cannot say more than that it is reachable). */
  problems: z.array(z.enum(PRINTER_PROBLEMS)),
  /** Paper is running low (ESC/POS near-end sensor): still prints. */
  paperLow: z.boolean(),
  /** false when the driver can only tell reachability (folder, Windows, Star) — the dot shows "reachable". */
  detailed: z.boolean(),
  /** One line for the status dot's tooltip, in the packer's words. */
  message: z.string(),
  checkedAt: z.string(),
})
export type PrinterStatus = z.infer<typeof PrinterStatus>

export const canPrint = (s: PrinterStatus) => s.reachable && s.problems.length === 0

// ---------------------------------------------------------------------------------------------------------------
// Print jobs (the print queue's journal and history)

/**
 * queued → sending → sent | failed | unknown.
 * - failed: nothing reached the printer and the queue gave up retrying (or the label is unusable); safe to retry.
 * - unknown: the connection broke mid-job — the label may be on the roll. "Check the printer"; only a person's
 *   reprint sends it again.
 */
export const PRINT_JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown'] as const
export type PrintJobState = (typeof PRINT_JOB_STATES)[number]
export const isFinalJobState = (s: PrintJobState) => s === 'sent' || s === 'failed' || s === 'unknown'

/** What a job carries: the station's bag labels, Ozon's labels, or a printer test page. */
export const PRINT_JOB_KINDS = ['bag-label', 'ozon-label', 'test'] as const
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number]

export const PrintJobError = z.object({
  code: z.string(),
  message: z.string(),
  problems: z.array(z.enum(PRINTER_PROBLEMS)).default([]),
})
export type PrintJobError = z.infer<typeof PrintJobError>

export const PrintJob = z.object({
  id: z.string(),
  printerId: z.string(),
  /** The printer's name when the job was made (history stays readable after a printer is renamed or removed). */
  printerName: z.string(),
  kind: z.enum(PRINT_JOB_KINDS),
  state: z.enum(PRINT_JOB_STATES),
  title: z.string(),
  postingNumbers: z.array(z.string()),
  labelCount: z.number().int().positive(),
  /** Folder under <dataDir>/print-jobs holding the labels (shared by a job and its reprints). */
  payloadId: z.string(),
  /** sha256 of the labels: the same labels to the same printer within seconds are one job. */
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  /** Send attempts so far (a retry after "not sent" counts). */
  attempts: z.number().int().nonnegative(),
  /** While queued after a failed attempt: not before this time. */
  nextAttemptAt: z.string().nullable(),
  bytesWritten: z.number().int().nonnegative(),
  error: PrintJobError.nullable(),
  /** Set on a reprint: the job it repeats, and the person's reason. */
  reprintOf: z.string().nullable(),
  reason: z.string().nullable(),
  operator: z.string(),
  bench: z.string(),
})
export type PrintJob = z.infer<typeof PrintJob>

export const PrintHistoryQuery = z.object({
  /** ISO times, inclusive, on createdAt. */
  from: z.string().optional(),
  to: z.string().optional(),
  printerId: z.string().optional(),
  postingNumber: z.string().optional(),
  states: z.array(z.enum(PRINT_JOB_STATES)).optional(),
  limit: z.number().int().positive().max(10_000).optional(),
})
export type PrintHistoryQuery = z.infer<typeof PrintHistoryQuery>
