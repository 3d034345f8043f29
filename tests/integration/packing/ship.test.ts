// "Package the order" against the sandbox over loopback: a 5-line order split into 3 packages (one line 2+1),
// Ozon's side checked through the sandbox control, and the faults that tempt a client into a second ship.
import { describe, expect, it } from 'vitest'
import type { SbPosting } from '../../../electron/ozon/sandbox'
import type { PackingAreaOptions } from '../../../electron/station/packing'
import { openAuditLog } from '../../../electron/store'
import { StationError } from '../../../shared/errors'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { tempDir } from '../../support/temp-dir'
import { BENCH, OPERATOR, contents, fiveLineOrder, openPackingStation, orderPostings, packingSandbox, scanEverything, simpleOrder, splitIntoThree } from './support'

const SHIP = '/v4/posting/fbs/ship'

async function refusal(call: Promise<unknown>): Promise<StationError> {
  try {
    await call
  } catch (err) {
    if (err instanceof StationError) return err
    throw err
  }
  throw new Error('expected the station to refuse')
}

/** A fresh station with `order` open and every unit verified; `split` also splits the five-line order into three packages. */
async function verified(sb: TestSandbox, order: SbPosting, opts: { split?: boolean; area?: PackingAreaOptions } = {}) {
  const station = await openPackingStation(sb, await tempDir('packing-'), opts.area)
  const n = order.posting_number
  await station.call('packing.open', { postingNumber: n })
  await scanEverything(station, n)
  if (opts.split) await splitIntoThree(station, n)
  return { station, n }
}

describe('Package the order (sandbox)', () => {
  it('splits a 5-line order into 3 packages, one line 2+1: Ozon has 3 postings awaiting shipment with those contents', async () => {
    const sb = await packingSandbox()
    const order = fiveLineOrder(sb)
    const dataDir = await tempDir('packing-')
    const station = await openPackingStation(sb, dataDir)
    const n = order.posting_number

    const opened = await station.call('packing.open', { postingNumber: n })
    expect(opened.state).toBe('draft')
    expect(opened.products.every((p) => p.barcodes.some((b) => b.startsWith('OZN')))).toBe(true)
    expect(opened.check.errors.map((e) => e.code)).toContain('not_verified')

    await scanEverything(station, n)
    await splitIntoThree(station, n)
    const ready = await station.call('packing.get', { postingNumber: n })
    expect(ready.check).toEqual({ errors: [], warnings: [] })
    const [a, b, c, d, e] = ready.posting.items
    const plan = ready.plan.packages.map((p) => contents(p.lines))
    expect(plan).toEqual([contents([{ sku: a!.sku, quantity: 2 }, { sku: b!.sku, quantity: 1 }]), contents([{ sku: a!.sku, quantity: 1 }, { sku: c!.sku, quantity: 1 }]), contents([{ sku: d!.sku, quantity: 1 }, { sku: e!.sku, quantity: 1 }])])

    const packed = await station.call('packing.ship', { postingNumber: n })
    expect(packed.state).toBe('packed')
    expect(packed.result!.packages).toHaveLength(3)
    expect(packed.result!.shipCalls).toBe(1)

    // Ozon's side: three postings of the order, all awaiting shipment, with exactly the planned contents.
    const atOzon = orderPostings(sb, order.order_number).filter((p) => p.status === 'awaiting_deliver')
    expect(atOzon).toHaveLength(3)
    expect(atOzon.map((p) => contents(p.products)).sort()).toEqual([...plan].sort())
    expect(sb.control.calls(SHIP)).toHaveLength(1)

    // The result names Ozon's posting numbers, one per package, with their contents.
    for (const pkg of packed.result!.packages) {
      const server = sb.control.posting(pkg.postingNumber)!
      expect(server.status).toBe('awaiting_deliver')
      expect(contents(pkg.items)).toBe(contents(server.products))
      expect(pkg.count).toBe(3)
      expect(pkg.items.every((i) => i.offerId && i.name)).toBe(true)
    }
    expect(packed.result!.packages.map((p) => p.index)).toEqual([1, 2, 3])

    // The inbox sees the packed postings without waiting for a sync.
    for (const pkg of packed.result!.packages) {
      const inInbox = Object.values(station.ctx.orders.data.postings).find((p) => p.postingNumber === pkg.postingNumber)
      expect(inInbox?.status).toBe('awaiting_deliver')
    }

    // Labels and printing hook onto this event.
    const shipped = await station.next('packing.shipped')
    expect(shipped).toMatchObject({ postingNumber: n, orderNumber: order.order_number, operator: OPERATOR, bench: BENCH })
    expect(shipped.packages.map((p) => p.postingNumber)).toEqual(packed.result!.packages.map((p) => p.postingNumber))

    // Who did what, when and where.
    const audit = await openAuditLog(dataDir).read({ postingNumber: n })
    const actions = audit.map((x) => x.action)
    for (const action of ['packing.open', 'packing.scan', 'packing.move', 'packing.ship_started', 'packing.shipped']) expect(actions).toContain(action)
    expect(audit.every((x) => x.operator === OPERATOR && x.bench === BENCH)).toBe(true)
    expect(actions.filter((x) => x === 'packing.scan')).toHaveLength(7)

    // The journal entry is closed as confirmed.
    const entry = station.ctx.journal.latest('ship', n)!
    expect(entry).toMatchObject({ closed: true, state: 'confirmed', operator: OPERATOR, bench: BENCH })
  })

  it('a packed posting refuses every change with a clear conflict, as Ozon does', async () => {
    const sb = await packingSandbox()
    const order = simpleOrder(sb, 1)
    const { station, n } = await verified(sb, order)
    expect((await station.call('packing.ship', { postingNumber: n })).state).toBe('packed')

    const sku = order.products[0]!.sku
    for (const call of [
      station.call('packing.scan', { postingNumber: n, code: String(sku) }),
      station.call('packing.move', { postingNumber: n, sku, from: 0, to: 'new', quantity: 1 }),
      station.call('packing.newPackage', { postingNumber: n }),
      station.call('packing.manualCount', { postingNumber: n, sku }),
      station.call('packing.reset', { postingNumber: n }),
      station.call('packing.ship', { postingNumber: n }),
    ]) {
      const e = await refusal(call)
      expect(e.code).toBe('conflict')
      expect(e.message).toContain(`Posting ${n} is already packed`)
    }
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    // Reopening shows the read-only result again.
    const again = await station.call('packing.open', { postingNumber: n })
    expect(again.state).toBe('packed')
    expect(again.result!.packages[0]!.postingNumber).toBe(n)
  })

  it('an injected ship_failed ends in exactly one successful ship', async () => {
    const sb = await packingSandbox()
    const order = fiveLineOrder(sb)
    const { station, n } = await verified(sb, order, { split: true })
    sb.control.injectShipFailure(n, 1)

    const packed = await station.call('packing.ship', { postingNumber: n })
    expect(packed.state).toBe('packed')
    // The first ship was accepted and then failed at Ozon; the second one packed it. No third, no extra postings.
    expect(sb.control.calls(SHIP)).toHaveLength(2)
    expect(sb.control.posting(n)!.ship_accepted).toBe(2)
    const postings = orderPostings(sb, order.order_number)
    expect(postings.filter((p) => p.status === 'awaiting_deliver')).toHaveLength(3)
    expect(postings).toHaveLength(3)
    expect(packed.result!.packages.map((p) => p.postingNumber).sort()).toEqual(postings.map((p) => p.posting_number).sort())
  })

  it('a connection dropped after Ozon packed ends in exactly one ship (the answer is recovered by reading)', async () => {
    const sb = await packingSandbox()
    const order = fiveLineOrder(sb)
    const { station, n } = await verified(sb, order, { split: true })
    sb.control.injectFault({ kind: 'drop', path: SHIP, phase: 'after' })

    const packed = await station.call('packing.ship', { postingNumber: n })
    expect(packed.state).toBe('packed')
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    expect(sb.control.posting(n)!.ship_accepted).toBe(1)
    expect(orderPostings(sb, order.order_number).filter((p) => p.status === 'awaiting_deliver')).toHaveLength(3)
    expect(packed.result!.packages).toHaveLength(3)
  })

  it('with Ozon unreachable the operation waits, nothing is lost, and pressing again finishes the same one', async () => {
    const sb = await packingSandbox()
    const { station, n } = await verified(sb, simpleOrder(sb, 2), { area: { ship: { retryDelaysMs: [60_000] } } })
    sb.control.injectFault({ kind: 'drop', path: '*', times: 1000 })

    const waiting = await station.call('packing.ship', { postingNumber: n })
    expect(waiting.state).toBe('shipping')
    expect(waiting.lastError?.code).toBe('waiting_for_ozon')
    expect(waiting.operation).toMatchObject({ state: 'called' })
    expect(station.ctx.journal.openEntries('ship')).toHaveLength(1)
    const edit = await refusal(station.call('packing.newPackage', { postingNumber: n }))
    expect(edit.code).toBe('conflict')

    sb.control.clearFaults()
    const packed = await station.call('packing.ship', { postingNumber: n })
    expect(packed.state).toBe('packed')
    expect(station.ctx.journal.entries('ship')).toHaveLength(1)
    expect(sb.control.posting(n)!.ship_accepted).toBe(1)
    expect(sb.control.posting(n)!.status).toBe('awaiting_deliver')
  })

  it('the core re-validates: an unverified plan is refused without calling Ozon; advisory verification lets it through', async () => {
    const sb = await packingSandbox()
    const order = simpleOrder(sb, 1)
    const station = await openPackingStation(sb, await tempDir('packing-'))
    const n = order.posting_number
    await station.call('packing.open', { postingNumber: n })
    const e = await refusal(station.call('packing.ship', { postingNumber: n }))
    expect(e.code).toBe('conflict')
    expect(e.message).toContain('not verified by a scan yet')
    expect((e.details as { violations: { code: string }[] }).violations.map((v) => v.code)).toEqual(['not_verified'])
    expect(sb.control.calls(SHIP)).toHaveLength(0)
    expect(station.ctx.journal.entries('ship')).toHaveLength(0)

    await station.ctx.settings.update((s) => {
      s.bench.verification = 'advisory'
    })
    const session = await station.call('packing.get', { postingNumber: n })
    expect(session.check.errors).toEqual([])
    expect(session.check.warnings.map((w) => w.code)).toEqual(['not_verified'])
    expect((await station.call('packing.ship', { postingNumber: n })).state).toBe('packed')
  })

  it('Ozon refusing the plan (posting cancelled meanwhile) closes the operation as failed with Ozon’s reason', async () => {
    const sb = await packingSandbox()
    const order = simpleOrder(sb, 1)
    const { station, n } = await verified(sb, order)
    sb.control.setStatus(n, { status: 'cancelled' })

    const failed = await station.call('packing.ship', { postingNumber: n })
    expect(failed.state).toBe('failed')
    expect(failed.lastError?.code).toBe('POSTING_ALREADY_CANCELLED')
    expect(failed.posting.status).toBe('cancelled')
    expect(station.ctx.journal.latest('ship', n)).toMatchObject({ closed: true, state: 'failed' })
    expect(sb.control.calls(SHIP)).toHaveLength(0)
  })
})
