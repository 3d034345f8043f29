// Staging orders for tests: the sandbox's `/__sandbox/*` control API, and packing a posting through the station
// as a packer would. Node's own HTTP is used on purpose: the renderer tests run in happy-dom, whose fetch applies
// a browser's CORS rules to the sandbox's port.
import { request } from 'node:http'
import type { Args, MethodName, Result } from '../../shared/contract'

/** Anything with the station's typed `call`: a whole station or a test harness of a few areas. */
export interface Caller {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>
}

/** One call of a sandbox's control API: GET without a body, POST with one; anything but 200 throws. */
export function sandboxAt(baseUrl: string, path: string, body?: unknown): Promise<any> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/__sandbox/${path}`, baseUrl), { method: payload ? 'POST' : 'GET', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`sandbox ${path}: HTTP ${res.statusCode} ${text}`))))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/** The control API of the sandbox a demo station runs inside. */
export async function sandbox(station: Caller, path: string, body?: unknown): Promise<any> {
  const { ozonUrl } = await station.call('station.info', {})
  return sandboxAt(ozonUrl, path, body)
}

/** A new posting of goods without marking codes (every unit verifies by its barcode alone); `spec` as the sandbox takes it. */
export async function addUnmarkedPosting(station: Caller, spec: Record<string, unknown> = { integration: 'ozon', lines: 1 }): Promise<string> {
  for (;;) {
    const { added } = await sandbox(station, 'postings', { spec })
    const n = added[0] as string
    if ((await sandbox(station, `postings/${n}`)).mandatory_mark_skus.length === 0) return n
  }
}

/**
 * Packs a posting as a packer would: open, scan every unit, move the lines after the first into packages of their
 * own (at most `packages`), "Package the order". Returns the new postings in package order.
 */
export async function packPosting(station: Caller, postingNumber: string, packages = 1): Promise<string[]> {
  await station.call('packing.open', { postingNumber })
  const session = await station.call('packing.get', { postingNumber })
  for (const item of session.posting.items) {
    const product = session.products.find((p) => p.sku === item.sku)!
    for (let i = 0; i < item.quantity; i++) {
      const { outcome } = await station.call('packing.scan', { postingNumber, code: product.barcodes[0] ?? item.offerId })
      if (!outcome.ok) throw new Error(`scan of ${item.offerId} refused: ${outcome.message}`)
    }
  }
  for (const item of session.posting.items.slice(1, packages)) {
    await station.call('packing.move', { postingNumber, sku: item.sku, from: 0, to: 'new', quantity: item.quantity })
  }
  const packed = await station.call('packing.ship', { postingNumber })
  if (packed.state !== 'packed') throw new Error(`packing ${postingNumber} ended ${packed.state}: ${packed.lastError?.message}`)
  return packed.result!.packages.map((p) => p.postingNumber)
}

/** `count` postings of the first delivery method of a scheme, already packed at Ozon (`awaiting_deliver`). */
export async function addPackedPostings(station: Caller, integration: string, count: number): Promise<{ numbers: string[]; method: { id: string; name: string } }> {
  const state = await sandbox(station, 'state')
  const method = state.accounts[0].deliveryMethods.find((d: { tpl_integration_type: string }) => d.tpl_integration_type === integration)
  const { added } = await sandbox(station, 'postings', { count, spec: { deliveryMethodId: method.id, lines: 1 } })
  for (const n of added as string[]) await sandbox(station, `postings/${n}/status`, { status: 'awaiting_deliver' })
  return { numbers: added, method }
}
