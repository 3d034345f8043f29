// Connecting Ozon accounts from the UI's contract, against the sandbox over loopback HTTP: the check at once
// (good key, wrong key 403/7, no network, too few roles, expiring), several accounts with their postings,
// switching demo ↔ live without a restart, removing (postings kept read-only) and deleting the data.
import { describe, expect, it } from 'vitest'
import { requireAccount } from '../../../electron/station/accounts'
import { createStation } from '../../../electron/station'
import { startSandbox } from '../../../electron/ozon/sandbox'
import { StationError } from '../../../shared/errors'
import { silentLogger } from '../../../shared/log'
import { startTestStation, testConfig } from '../../support/station'
import { freePort } from '../../e2e/support/web-station'
import { daysFromNow, startRolesServer } from './support'

async function sandboxWith(accounts: { clientId: string; apiKey: string; name: string }[]) {
  const sb = await startSandbox({ port: 0, accounts, demo: { arrivals: false } })
  return sb
}

const SHOP_A = { clientId: '1111111', apiKey: 'aaaaaaaa-1111-4aaa-8aaa-aaaaaaaaaaaa', name: 'Shop A' }
const SHOP_B = { clientId: '2222222', apiKey: 'bbbbbbbb-2222-4bbb-8bbb-bbbbbbbbbbbb', name: 'Shop B' }

describe('accounts: the check at once', () => {
  it('a good key: roles with FBS and the expiry date, nothing saved by a check', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A])
    try {
      const check = await station.call('accounts.check', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url })
      expect(check.outcome).toBe('ok')
      expect(check.roles).toContain('Posting FBS')
      expect(check.rolesKnown).toBe(true)
      expect(Date.parse(check.expiresAt!)).toBeGreaterThan(Date.now())
      expect(check.daysLeft).toBeGreaterThan(14)
      const list = await station.call('accounts.list', {})
      expect(list.mode).toBe('demo')
      expect(list.accounts.map((a) => a.source)).toEqual(['demo'])
    } finally {
      await sb.close()
    }
  })

  it('a wrong key: Ozon answers 403 code 7 and the verdict says wrong_key; the account is not saved', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A])
    try {
      const added = await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: 'not-the-key', url: sb.url })
      expect(added.saved).toBe(false)
      expect(added.account).toBeNull()
      expect(added.check.outcome).toBe('wrong_key')
      expect(added.check.detail).toMatch(/Invalid Api-Key/)
      // The sandbox really answered 403 with code 7 to the roles call.
      const roleCalls = sb.control.calls('/v1/roles')
      expect(roleCalls.length).toBeGreaterThan(0)
      expect(roleCalls.at(-1)!.status).toBe(403)
      expect((await station.call('accounts.list', {})).mode).toBe('demo')
    } finally {
      await sb.close()
    }
  })

  it('no network: unreachable; saved only when asked to save anyway', async () => {
    const { station } = await startTestStation()
    const port = await freePort() // nobody listens there
    const url = `http://127.0.0.1:${port}`
    const refused = await station.call('accounts.add', { clientId: '3333333', apiKey: 'cccccccc-3333', url })
    expect(refused).toMatchObject({ saved: false, check: { outcome: 'unreachable' } })
    const kept = await station.call('accounts.add', { clientId: '3333333', apiKey: 'cccccccc-3333', url, saveUnverified: true })
    expect(kept.saved).toBe(true)
    expect(kept.account).toMatchObject({ id: '3333333', state: 'active', source: 'ui', lastCheck: { outcome: 'unreachable' } })
  })

  it('a key without FBS roles is refused; one expiring soon is saved with a warning; an expired one is refused', async () => {
    const { station } = await startTestStation()
    const ozon = await startRolesServer({ status: 200, body: { roles: [{ name: 'Product read-only', methods: ['/v3/product/info/list'] }], expires_at: daysFromNow(90) } })
    const noFbs = await station.call('accounts.add', { clientId: '4444444', apiKey: 'dddd-4444', url: ozon.url })
    expect(noFbs).toMatchObject({ saved: false, check: { outcome: 'missing_roles', roles: ['Product read-only'] } })

    ozon.answer = { status: 200, body: { roles: ['Posting FBS'], expires_at: daysFromNow(5) } }
    const soon = await station.call('accounts.add', { clientId: '4444444', apiKey: 'dddd-4444', url: ozon.url })
    expect(soon.saved).toBe(true)
    expect(soon.check.outcome).toBe('expires_soon')
    expect(soon.check.daysLeft).toBe(4) // whole days left, rounded down
    expect(ozon.calls.every((c) => c.clientId === '4444444')).toBe(true)

    ozon.answer = { status: 200, body: { roles: ['Posting FBS'], expires_at: daysFromNow(-1) } }
    const expired = await station.call('accounts.add', { clientId: '5555555', apiKey: 'eeee-5555', url: ozon.url })
    expect(expired).toMatchObject({ saved: false, check: { outcome: 'expired' } })

    ozon.answer = { status: 403, body: { code: 7, message: 'Api-key is deactivated, use another one or generate a new one', details: [] } }
    const deactivated = await station.call('accounts.check', { clientId: '5555555', apiKey: 'eeee-5555', url: ozon.url })
    expect(deactivated.outcome).toBe('expired')
  })

  it('refuses plain http to another computer and names the field', async () => {
    const { station } = await startTestStation()
    const err = await station.call('accounts.check', { clientId: '1', apiKey: 'k', url: 'http://api-seller.ozon.ru' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StationError)
    expect(err).toMatchObject({ code: 'invalid_args', field: 'url' })
    expect((err as StationError).message).toMatch(/https/)
  })
})

describe('accounts: several, switching at run time, removing', () => {
  it('leaves demo mode when the first account is connected, without a restart; a second account\'s postings show with their account', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A, SHOP_B])
    const changes: unknown[] = []
    station.subscribe((event, payload) => {
      if (event === 'accounts.changed') changes.push(payload)
    })
    try {
      await station.call('orders.sync', {})
      expect((await station.call('station.info', {})).mode).toBe('demo')

      const a = await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url, label: 'Магазин А' })
      expect(a.saved).toBe(true)
      expect(changes.at(-1)).toEqual({ mode: 'live', activeIds: [SHOP_A.clientId] })
      const info = await station.call('station.info', {})
      expect(info).toMatchObject({ mode: 'live', ozonUrl: sb.url })

      await station.call('accounts.add', { clientId: SHOP_B.clientId, apiKey: SHOP_B.apiKey, url: sb.url, label: 'Магазин Б' })
      const sync = await station.call('orders.sync', {})
      expect(sync.ok).toBe(true)

      const { postings } = await station.call('orders.list', { limit: 1000, statuses: [] })
      const byAccount = new Map<string, number>()
      for (const p of postings) byAccount.set(p.accountId, (byAccount.get(p.accountId) ?? 0) + 1)
      expect(byAccount.get(SHOP_A.clientId)).toBeGreaterThan(0)
      expect(byAccount.get(SHOP_B.clientId)).toBeGreaterThan(0)
      // Both shops' numbers are Ozon's: each posting is the one its own account's sandbox holds.
      const fromB = postings.find((p) => p.accountId === SHOP_B.clientId)!
      expect(sb.control.posting(fromB.postingNumber, SHOP_B.clientId)).not.toBeNull()

      const list = await station.call('accounts.list', {})
      expect(list.mode).toBe('live')
      const labels = Object.fromEntries(list.accounts.map((x) => [x.id, x.label]))
      expect(labels).toMatchObject({ [SHOP_A.clientId]: 'Магазин А', [SHOP_B.clientId]: 'Магазин Б' })
      expect(list.accounts.find((x) => x.id === SHOP_B.clientId)!.postings).toBe(byAccount.get(SHOP_B.clientId))
      // Connecting the first real account cleared the demo's made-up postings.
      expect(byAccount.has('demo')).toBe(false)
      expect(list.accounts.some((x) => x.id === 'demo')).toBe(false)
    } finally {
      await sb.close()
    }
  })

  it('removing keeps the postings read-only until their data is deleted; the last removal brings the demo back', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A])
    try {
      await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url })
      const synced = await station.call('orders.sync', {})
      expect(synced.fetched).toBeGreaterThan(0)

      const unconfirmed = await station.dispatch('accounts.remove', { id: SHOP_A.clientId }).catch((e: unknown) => e)
      expect(unconfirmed).toMatchObject({ code: 'invalid_args', field: 'confirm' })

      const after = await station.call('accounts.remove', { id: SHOP_A.clientId, confirm: true })
      const removed = after.accounts.find((a) => a.id === SHOP_A.clientId)!
      expect(removed).toMatchObject({ state: 'removed', postings: synced.fetched })
      expect(removed.removedAt).toBeTruthy()
      expect(after.mode).toBe('demo')
      expect((await station.call('station.info', {})).mode).toBe('demo')

      // Still listed (read-only), and a sync no longer touches them.
      const listed = await station.call('orders.list', { limit: 1000, statuses: [] })
      const theirs = listed.postings.filter((p) => p.accountId === SHOP_A.clientId)
      expect(theirs).toHaveLength(synced.fetched)
      // Read-only means the packing bench refuses them, naming why (never tries them under another account).
      const refused = await station.call('packing.open', { postingNumber: theirs[0]!.postingNumber }).catch((e: unknown) => e)
      expect(refused).toMatchObject({ code: 'conflict' })
      expect(String((refused as Error).message)).toMatch(/removed: its postings are read-only/)

      const gone = await station.call('accounts.deleteData', { id: SHOP_A.clientId, confirm: true })
      expect(gone.accounts.some((a) => a.id === SHOP_A.clientId)).toBe(false)
      const left = await station.call('orders.list', { limit: 1000, statuses: [] })
      expect(left.postings.some((p) => p.accountId === SHOP_A.clientId)).toBe(false)
    } finally {
      await sb.close()
    }
  })

  it('a removed account\'s packages are neither scanned into a hand-over batch nor given a tracking number', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A])
    try {
      const shop = sb.control.account(SHOP_A.clientId)
      const goods = shop.catalog.filter((g) => !g.requires_mark)
      const methodOf = (type: string) => shop.delivery_methods.find((d) => d.tpl_integration_type === type)!.id
      const packed = (type: string) => {
        const p = sb.control.addPosting({ deliveryMethodId: methodOf(type), products: [{ sku: goods[0]!.sku, quantity: 1 }] }, SHOP_A.clientId)
        return sb.control.setStatus(p.posting_number, { status: 'awaiting_deliver' }, SHOP_A.clientId).posting_number
      }
      // Ozon logistics takes no tracking number: only the account can stand in the way of these scans.
      const [first, second] = [packed('ozon'), packed('ozon')]
      const [cdek, rejected] = [packed('3pl_tracking'), packed('3pl_tracking')]
      const ownDelivery = packed('non_integrated')
      await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url })
      expect((await station.call('orders.sync', {})).ok).toBe(true)

      const batch = await station.call('dispatch.open', { deliveryMethodId: methodOf('ozon'), accountId: SHOP_A.clientId })
      expect((await station.call('dispatch.scan', { batchId: batch.id, code: first })).outcome).toMatchObject({ ok: true, postingNumber: first })
      // The seller's own delivery, handed over (moved to delivering) while the account was connected.
      const own = await station.call('dispatch.open', { deliveryMethodId: methodOf('non_integrated'), accountId: SHOP_A.clientId })
      expect((await station.call('dispatch.scan', { batchId: own.id, code: ownDelivery })).outcome.ok).toBe(true)
      const handed = await station.call('dispatch.close', { batchId: own.id, courierName: 'Свой курьер' })
      expect(handed.handover).toMatchObject({ kind: 'delivering', state: 'done' })
      // A number Ozon rejects (the bench's rule made looser than Ozon's), to be sent again later.
      const { rules } = await station.call('tracking.rules', {})
      await station.call('tracking.setRules', { rules: rules.map((r) => (r.id === 'cdek' ? { ...r, charset: 'alnum' as const, minLength: 3 } : r)) })
      const bad = await station.call('tracking.set', { entries: [{ postingNumber: rejected, trackingNumber: 'AB1' }] })
      expect(bad.results[0]!.row).toMatchObject({ state: 'rejected' })
      const trackingCalls = () => sb.control.calls('/v2/fbs/posting/tracking-number/set').length
      const callsBefore = trackingCalls()

      await station.call('accounts.remove', { id: SHOP_A.clientId, confirm: true })
      const readOnly = /removed: its postings are read-only/

      // Hand-over: no scan into the account's batch, no closing it, no new batch for it.
      const scan = await station.call('dispatch.scan', { batchId: batch.id, code: second }).catch((e: unknown) => e)
      expect(scan).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.removed' })
      expect(String((scan as Error).message)).toMatch(readOnly)
      expect((await station.call('dispatch.get', { batchId: batch.id })).packageList.map((p) => p.postingNumber)).toEqual([first])
      const close = await station.call('dispatch.close', { batchId: batch.id, courierName: 'Курьер', overrideReason: 'тест' }).catch((e: unknown) => e)
      expect(close).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.removed' })
      expect((await station.call('dispatch.get', { batchId: batch.id })).state).toBe('open')
      const open = await station.call('dispatch.open', { deliveryMethodId: methodOf('ozon'), accountId: SHOP_A.clientId, departureDate: '2099-01-02' }).catch((e: unknown) => e)
      expect(open).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.removed' })
      const advance = await station.call('dispatch.advance', { batchId: own.id, step: 'last_mile' }).catch((e: unknown) => e)
      expect(advance).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.removed' })
      expect(sb.control.posting(ownDelivery, SHOP_A.clientId)!.substatus).not.toBe('posting_transferred_to_courier_service')

      // Tracking: a number is refused with the reason (it would wait for Ozon forever), nothing is queued or sent.
      const check = await station.call('tracking.check', { postingNumber: cdek, trackingNumber: '4100000001' })
      expect(check).toMatchObject({ ok: false, problem: 'read_only' })
      expect(check.message).toMatch(readOnly)
      const set = await station.call('tracking.set', { entries: [{ postingNumber: cdek, trackingNumber: '4100000001' }] })
      expect(set.results[0]).toMatchObject({ ok: false, check: { problem: 'read_only' } })
      const retry = await station.call('tracking.retry', { postingNumbers: [rejected] }).catch((e: unknown) => e)
      expect(retry).toMatchObject({ code: 'conflict', key: 'settings:accounts.errors.removed' })
      expect((await station.call('tracking.list', { show: 'all' })).queued).toBe(0)
      expect(trackingCalls()).toBe(callsBefore)
      expect(sb.control.posting(cdek, SHOP_A.clientId)!.tracking_number).toBe('')
    } finally {
      await sb.close()
    }
  })

  it('a removed account refuses work on its postings with a clear message, and can be connected again', async () => {
    const config = await testConfig()
    const station = await createStation(config, { logger: silentLogger })
    const sb = await sandboxWith([SHOP_A])
    try {
      await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url, label: 'Склад Север' })
      await station.call('accounts.remove', { id: SHOP_A.clientId, confirm: true })
      await station.close()

      // Across a restart: the removal holds; the core refuses to act for the account.
      const { openAccounts } = await import('../../../electron/station/accounts')
      const accounts = await openAccounts(config, silentLogger)
      try {
        expect(() => requireAccount(accounts, SHOP_A.clientId)).toThrow(/Склад Север was removed: its postings are read-only/)
      } finally {
        await accounts.close()
      }

      const again = await createStation(config, { logger: silentLogger })
      try {
        const back = await again.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url })
        expect(back.account).toMatchObject({ state: 'active', label: 'Склад Север' })
        expect((await again.call('station.info', {})).mode).toBe('live')
      } finally {
        await again.close()
      }
    } finally {
      await station.close()
      await sb.close()
    }
  })

  it('started live on a demo data dir: the demo postings are listed read-only until their data is deleted', async () => {
    const sb = await sandboxWith([SHOP_A])
    try {
      const { station: demo, config } = await startTestStation()
      const demoSync = await demo.call('orders.sync', {})
      await demo.close()
      const live = await createStation({ ...config, ozon: { mode: 'live', url: sb.url, clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey } }, { logger: silentLogger })
      try {
        const list = await live.call('accounts.list', {})
        expect(list.accounts.find((x) => x.id === 'demo')).toMatchObject({ source: 'demo', state: 'removed', postings: demoSync.fetched })
        const cleared = await live.call('accounts.deleteData', { id: 'demo', confirm: true })
        expect(cleared.accounts.some((x) => x.id === 'demo')).toBe(false)
        const left = await live.call('orders.list', { limit: 1000, statuses: [] })
        expect(left.postings.some((p) => p.accountId === 'demo')).toBe(false)
      } finally {
        await live.close()
      }
    } finally {
      await sb.close()
    }
  })

  it('refuses to connect the same Client-Id twice, naming the field', async () => {
    const { station } = await startTestStation()
    const sb = await sandboxWith([SHOP_A])
    try {
      await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url })
      const err = await station.call('accounts.add', { clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey, url: sb.url }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'conflict', field: 'clientId' })
    } finally {
      await sb.close()
    }
  })

  it('the environment account still works for automation and cannot be removed from the UI', async () => {
    const sb = await sandboxWith([SHOP_A])
    try {
      const { station } = await startTestStation({ ozon: { mode: 'live', url: sb.url, clientId: SHOP_A.clientId, apiKey: SHOP_A.apiKey } })
      const list = await station.call('accounts.list', {})
      expect(list.mode).toBe('live')
      expect(list.accounts).toEqual([expect.objectContaining({ id: SHOP_A.clientId, source: 'env', state: 'active' })])
      const check = await station.call('accounts.recheck', { id: SHOP_A.clientId })
      expect(check.outcome).toBe('ok')
      const err = await station.call('accounts.remove', { id: SHOP_A.clientId, confirm: true }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'conflict' })
      expect((err as StationError).message).toMatch(/OZON_CLIENT_ID/)
      expect((await station.call('orders.sync', {})).ok).toBe(true)
    } finally {
      await sb.close()
    }
  })
})
