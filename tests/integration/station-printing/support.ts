// A station made of the real packing, labels and printing areas with the real store in a temp dir, talking to a
// sandbox (Ozon) on loopback whose clock the test moves by hand — so a test can keep Ozon's label "not ready",
// hold a print job in 'sending' and look at the data dir as a crash leaves it.
import { cp } from 'node:fs/promises'
import { labelsArea } from '../../../electron/station/labels'
import { packingArea } from '../../../electron/station/packing'
import { printingArea, type PrintingArea, type PrintingAreaOptions } from '../../../electron/station/printing'
import { settingsArea } from '../../../electron/station/settings'
import { openAreaStation, type AreaStation } from '../../support/area-station'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { tempDir } from '../../support/temp-dir'

export interface PrintingStation extends AreaStation {
  printing: PrintingArea
  dataDir: string
}

/** The settings, packing, labels and printing areas, labels asked at once after packing and every 30 ms while not ready. */
export async function openPrintingStation(sb: TestSandbox, dataDir: string, opts: PrintingAreaOptions = {}): Promise<PrintingStation> {
  let printing: PrintingArea | undefined
  const station = await openAreaStation({
    ozonUrl: sb.url,
    dataDir,
    areas: async (ctx) => {
      const packing = await packingArea(ctx, { ship: { pollIntervalMs: 20 }, marks: { pollIntervalMs: 20, waitMs: 2000 } })
      const labels = await labelsArea(ctx, { fetcher: { schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10 } })
      printing = await printingArea(ctx, labels.service, { queue: { retry: { baseDelayMs: 20, maxDelayMs: 100 } }, ...opts })
      return [settingsArea(ctx), packing, labels, printing]
    },
  })
  return Object.assign(station, { printing: printing!, dataDir })
}

/**
 * The data dir as a crash right now would leave it: every document is written whole (temp file, rename), so a
 * copy of the folder is what the next start finds on disk.
 */
export async function snapshotDataDir(dataDir: string): Promise<string> {
  const copy = await tempDir('printing-crash-')
  await cp(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith('.lock') })
  return copy
}

/** A ZPL printer on a fake printer's address, for these labels. */
export function zplPrinter(url: string, purposes: Array<'bag-label' | 'ozon-label'>, size = { widthMm: 58, heightMm: 40 }) {
  return { name: `Zebra ${purposes.join('+')}`, driver: 'zpl' as const, connection: url, label: size, purposes }
}

export { packPosting } from '../../support/demo-orders'
