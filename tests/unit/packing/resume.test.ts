// The journal's resume logic: the station dies at each step of "Package the order" and a new one is opened on the
// same data dir. Ozon (the sandbox) lives on, as it would. Whatever the step, the posting ends packed with the
// plan, exactly one ship reached Ozon, and the result, the inbox and `packing.shipped` are there.
import { describe, expect, it } from 'vitest'
import type { ShipStep } from '../../../electron/station/packing/ship'
import { openJournal, type JournalEntry } from '../../../electron/store'
import { silentLogger } from '../../../shared/log'
import { tempDir } from '../../support/temp-dir'
import type { TestSandbox } from '../../support/ozon-sandbox'
import { contents, fiveLineOrder, openPackingStation, orderPostings, packingSandbox, scanEverything, splitIntoThree, type PackingStation } from '../../integration/packing/support'

const SHIP = '/v4/posting/fbs/ship'

/** Opens a station that freezes for good right after `step` was recorded, and presses "Package the order". */
async function crashAt(sb: TestSandbox, dataDir: string, step: ShipStep): Promise<{ station: PackingStation; postingNumber: string; orderNumber: string; entry: JournalEntry }> {
  let reached: (e: JournalEntry) => void = () => {}
  const atStep = new Promise<JournalEntry>((r) => (reached = r))
  const station = await openPackingStation(sb, dataDir, {
    ship: {
      checkpoint: (s, entry) => {
        if (s !== step) return Promise.resolve()
        reached(entry)
        return new Promise<void>(() => {}) // the process is gone: this step never continues
      },
    },
  })
  const order = fiveLineOrder(sb)
  const n = order.posting_number
  await station.call('packing.open', { postingNumber: n })
  await scanEverything(station, n)
  await splitIntoThree(station, n)
  void station.call('packing.ship', { postingNumber: n })
  const entry = await atStep
  station.crash()
  return { station, postingNumber: n, orderNumber: order.order_number, entry }
}

async function expectResumedAndPacked(sb: TestSandbox, dataDir: string, postingNumber: string, orderNumber: string) {
  const plan = (await recordedPlan(dataDir, postingNumber)).sort()
  const again = await openPackingStation(sb, dataDir)
  const shipped = await again.next('packing.shipped', (p) => p.postingNumber === postingNumber)
  const session = await again.call('packing.get', { postingNumber })
  expect(session.state).toBe('packed')
  expect(session.result!.packages).toHaveLength(3)
  expect(shipped.packages.map((p) => p.postingNumber)).toEqual(session.result!.packages.map((p) => p.postingNumber))

  const atOzon = orderPostings(sb, orderNumber)
  expect(atOzon).toHaveLength(3)
  expect(atOzon.every((p) => p.status === 'awaiting_deliver')).toBe(true)
  expect(atOzon.map((p) => contents(p.products)).sort()).toEqual(plan)
  expect(session.result!.packages.map((p) => contents(p.items)).sort()).toEqual(plan)

  expect(again.ctx.journal.openEntries('ship')).toEqual([])
  expect(again.ctx.journal.entries('ship')).toHaveLength(1)
  for (const pkg of session.result!.packages) {
    expect(Object.values(again.ctx.orders.data.postings).some((p) => p.postingNumber === pkg.postingNumber && p.status === 'awaiting_deliver')).toBe(true)
  }
  return { session, again }
}

/** The plan as the first station recorded it in its journal. */
async function recordedPlan(dataDir: string, postingNumber: string): Promise<string[]> {
  const journal = await openJournal(dataDir, silentLogger)
  const entry = journal.latest('ship', postingNumber)!
  return (entry.intent as { packages: { products: { sku: number; quantity: number }[] }[] }).packages.map((p) => contents(p.products))
}

describe('journal resume of "Package the order"', () => {
  it('crash after the intent was written: the new station ships once', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('packing-')
    const { postingNumber, orderNumber, entry } = await crashAt(sb, dataDir, 'intent')
    expect(entry.state).toBe('intent')
    expect(sb.control.calls(SHIP)).toHaveLength(0)

    const { session } = await expectResumedAndPacked(sb, dataDir, postingNumber, orderNumber)
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    expect(session.result!.shipCalls).toBe(1)
  })

  it('crash after "ship called" recorded, before the request left: the new station reads, then ships once', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('packing-')
    const { postingNumber, orderNumber, entry } = await crashAt(sb, dataDir, 'called')
    expect(entry.state).toBe('called')
    expect(sb.control.calls(SHIP)).toHaveLength(0)

    await expectResumedAndPacked(sb, dataDir, postingNumber, orderNumber)
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    // The posting was read before anything was sent.
    const paths = sb.control.calls().map((c) => c.path)
    expect(paths.indexOf('/v3/posting/fbs/get')).toBeLessThan(paths.indexOf(SHIP))
  })

  it('crash after "ship called" while Ozon carried it out (answer lost): the new station finds it packed and never ships again', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('packing-')
    const { postingNumber, orderNumber, entry } = await crashAt(sb, dataDir, 'called')
    // The request had reached Ozon before the process died.
    const intent = entry.intent as { packages: { products: { sku: number; quantity: number }[] }[] }
    await sb.client().ship(postingNumber, intent.packages)
    expect(sb.control.calls(SHIP)).toHaveLength(1)

    const { session } = await expectResumedAndPacked(sb, dataDir, postingNumber, orderNumber)
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    expect(sb.control.posting(postingNumber)!.ship_accepted).toBe(1)
    expect(session.result!.shipCalls).toBe(0)
    expect(session.result!.resumed).toBe(true)
  })

  it('crash after Ozon answered, before the bookkeeping: the new station learns the answer by reading and never ships again', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('packing-')
    const { postingNumber, orderNumber, entry } = await crashAt(sb, dataDir, 'replied')
    // The answer itself is not journaled: the entry is still at "called".
    expect(entry.state).toBe('called')
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    const callsBefore = sb.control.calls().length

    const { session } = await expectResumedAndPacked(sb, dataDir, postingNumber, orderNumber)
    expect(sb.control.calls(SHIP)).toHaveLength(1)
    // Only reads after the restart (the posting and its packages, as Ozon has them).
    expect(sb.control.calls().slice(callsBefore).every((c) => c.path !== SHIP)).toBe(true)
    expect(session.result).toMatchObject({ shipCalls: 0, resumed: true })
  })

  it('the draft plan survives a restart mid-packing', async () => {
    const sb = await packingSandbox()
    const dataDir = await tempDir('packing-')
    const first = await openPackingStation(sb, dataDir)
    const order = fiveLineOrder(sb)
    const n = order.posting_number
    await first.call('packing.open', { postingNumber: n })
    await scanEverything(first, n)
    await splitIntoThree(first, n)
    await first.call('packing.newPackage', { postingNumber: n })
    const before = await first.call('packing.get', { postingNumber: n })
    first.crash()

    const second = await openPackingStation(sb, dataDir)
    const restored = await second.call('packing.open', { postingNumber: n })
    expect(restored.plan).toEqual(before.plan)
    expect(restored.plan.packages).toHaveLength(4)
    expect(restored.plan.active).toBe(3)
    expect(restored.state).toBe('draft')
    expect((await second.call('packing.drafts', {})).map((d) => [d.postingNumber, d.verified, d.units])).toEqual([[n, 7, 7]])
  })
})
