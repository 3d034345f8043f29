// A station made of the real packing and labels areas with the real store in a temp dir, talking to a sandbox
// (Ozon) on loopback whose clock the test moves by hand — so a test can keep a label "not ready", stop the station
// at an exact step of fetching a label (as a crash would) and open a new one on the same data dir.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { labelsArea, type LabelsArea, type LabelsAreaOptions } from '../../../electron/station/labels'
import { packingArea } from '../../../electron/station/packing'
import type { OzonLabelStatus } from '../../../shared/contract/labels'
import { openAreaStation, type AreaStation } from '../../support/area-station'
import type { TestSandbox } from '../../support/ozon-sandbox'

export interface LabelsStation extends AreaStation {
  /** Waits for a `labels.changed` after which `done` holds for the labels of these postings (checked on every event). */
  until(postingNumbers: string[], done: (items: OzonLabelStatus[]) => boolean): Promise<OzonLabelStatus[]>
  labels: LabelsArea | null
}

/** Test timings: labels asked at once after packing, retried every 30 ms while Ozon says "not ready". */
export const QUICK: LabelsAreaOptions['fetcher'] = { schedule: { readyAfterMs: 0, retryDelaysMs: [30], giveUpAfterMs: 3_600_000 }, pollIntervalMs: 10 }

export async function openLabelsStation(sb: TestSandbox, dataDir: string, opts: { labels?: LabelsAreaOptions | false } = {}): Promise<LabelsStation> {
  let labels: LabelsArea | null = null
  const station = await openAreaStation({
    ozonUrl: sb.url,
    dataDir,
    areas: async (ctx) => {
      const packing = await packingArea(ctx, { ship: { pollIntervalMs: 20 }, marks: { pollIntervalMs: 20, waitMs: 2000 } })
      labels = opts.labels === false ? null : await labelsArea(ctx, { fetcher: QUICK, ...opts.labels })
      return labels ? [packing, labels] : [packing]
    },
  })
  const latest = (numbers: string[]): OzonLabelStatus[] | null => {
    const byNumber = new Map<string, OzonLabelStatus>()
    for (const s of station.seen) if (s.event === 'labels.changed') for (const i of (s.payload as { items: OzonLabelStatus[] }).items) byNumber.set(i.postingNumber, i)
    const items = numbers.map((n) => byNumber.get(n))
    return items.every((i) => i) ? (items as OzonLabelStatus[]) : null
  }
  return Object.assign(station, {
    labels,
    until: (numbers: string[], done: (items: OzonLabelStatus[]) => boolean) => station.when(() => {
      const items = latest(numbers)
      return items && done(items) ? items : null
    }),
  })
}

/** Big-label tasks Ozon (the sandbox) was asked for that include this posting. */
export function labelAsks(sb: TestSandbox, postingNumber: string): number {
  return Object.values(sb.control.account().label_tasks).filter((t) => t.task_type === 'big_label' && t.posting_numbers.includes(postingNumber)).length
}

/** The cached Ozon label files on disk. */
export async function cachedLabels(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, 'labels', 'ozon'))).sort()
  } catch {
    return []
  }
}

/** Never settles: a checkpoint that stops the station right there. */
export const forever = () => new Promise<void>(() => undefined)

export { packPosting } from '../../support/demo-orders'
