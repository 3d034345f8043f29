// A station in live mode against a sandbox this test owns (so it can change Ozon's side at will), and the
// sandbox control over HTTP for the station's own embedded demo sandbox.
import { afterEach } from 'vitest'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../electron/ozon/sandbox'
import type { Station, StationConfig } from '../../../electron/station'
import type { SyncProgress } from '../../../shared/contract'
import { startTestStation } from '../../support/station'

export const SHOP = { clientId: '2222222', apiKey: 'bbbbbbbb-2222-4bbb-8bbb-bbbbbbbbbbbb', name: 'Магазин «Север»' }

/** Packing and labels are instant here, so a test can pack a posting without waiting. */
export async function sandboxFor(opts: { postings?: number } = {}, more: SandboxOptions = {}): Promise<RunningSandbox> {
  const sb = await startSandbox({
    port: 0,
    accounts: [SHOP],
    shipDelayMs: 0,
    labelReadyDelayMs: 0,
    ...more,
    demo: { arrivals: false, postings: opts.postings, autoCancelOverdueAfterHours: null },
  })
  afterEach(() => sb.close())
  return sb
}

export async function liveStation(sb: RunningSandbox, overrides: Partial<StationConfig> = {}): Promise<{ station: Station; config: StationConfig }> {
  return startTestStation({ ozon: { mode: 'live', url: sb.url, clientId: SHOP.clientId, apiKey: SHOP.apiKey }, ...overrides })
}

/** The `/__sandbox/*` control of the station's embedded demo sandbox, over HTTP as a tool would use it. */
export async function demoControl(station: Station) {
  const { ozonUrl } = await station.call('station.info', {})
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${ozonUrl}/__sandbox/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json: unknown = await res.json()
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  return {
    setStatus: (postingNumber: string, change: { status: string; cancelReason?: string }) => call('POST', `postings/${encodeURIComponent(postingNumber)}/status`, change),
    addPostings: (count: number, spec: Record<string, unknown> = {}) => call('POST', 'postings', { count, spec }) as Promise<{ added: string[] }>,
    posting: (postingNumber: string) => call('GET', `postings/${encodeURIComponent(postingNumber)}`) as Promise<{ barcodes: { upper_barcode: string; lower_barcode: string } }>,
    fault: (spec: Record<string, unknown>) => call('POST', 'faults', spec),
    clearFaults: () => call('POST', 'faults/clear'),
  }
}

export function recordProgress(station: Station): SyncProgress[] {
  const seen: SyncProgress[] = []
  station.subscribe((event, payload) => {
    if (event === 'sync.progress') seen.push(payload as SyncProgress)
  })
  return seen
}
