// The Electron shell's IPC path, with only the `electron` module replaced (its binary cannot exist here):
// preload → ipcRenderer.invoke → ipcMain.handle (sender check, contract parse) → a real demo station.
import { describe, expect, it, vi } from 'vitest'
import type { StationBridge } from '../../../shared/bridge'
import { startTestStation } from '../../support/station'

type Handler = (event: { senderFrame: { url: string } | null }, args: unknown) => Promise<unknown>
const handlers = new Map<string, Handler>()
const rendererListeners = new Map<string, Set<(...a: unknown[]) => void>>()
const exposed: Record<string, unknown> = {}
let pageUrl = 'app://station/index.html'

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => handlers.get(channel)!({ senderFrame: { url: pageUrl } }, args),
    on: (channel: string, fn: (...a: unknown[]) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set())
      rendererListeners.get(channel)!.add(fn)
    },
    removeListener: (channel: string, fn: (...a: unknown[]) => void) => rendererListeners.get(channel)?.delete(fn),
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
}))

async function wire() {
  const electron = await import('electron')
  const { registerIpc, forwardEvents, EVENT_CHANNEL } = await import('../../../electron/main/ipc')
  const { station } = await startTestStation()
  const unregister = registerIpc(electron.ipcMain, station)
  // A stand-in for webContents.send: deliver to the preload's listeners.
  const webContents = { isDestroyed: () => false, send: (ch: string, ...a: unknown[]) => rendererListeners.get(ch)?.forEach((l) => l({}, ...a)) }
  forwardEvents(station, () => [webContents as never])
  await import('../../../electron/preload/index')
  return { bridge: exposed.station as StationBridge, unregister, EVENT_CHANNEL }
}

describe('Electron IPC and preload', () => {
  it('exposes named functions that reach the station, with contract errors intact', async () => {
    const { bridge, unregister } = await wire()
    try {
      // one object per contract area, one function per method, plus on()
      const { methodNames } = await import('../../../shared/contract')
      for (const name of methodNames) {
        const [area, verb] = name.split('.') as [string, string]
        expect(typeof (bridge as unknown as Record<string, Record<string, unknown>>)[area]?.[verb], name).toBe('function')
      }
      expect(typeof bridge.on).toBe('function')
      expect(await bridge.station.info({})).toMatchObject({ ok: true, result: { mode: 'demo' } })

      const bad = await bridge.orders.get({ postingNumber: 5 as never })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_args', field: 'postingNumber' } })

      const events: unknown[] = []
      const off = bridge.on('sync.progress', (p) => events.push(p))
      expect(await bridge.orders.sync({})).toMatchObject({ ok: true, result: { ok: true } })
      expect(events.length).toBeGreaterThan(1)
      off()
      const before = events.length
      await bridge.orders.sync({})
      expect(events.length).toBe(before)
    } finally {
      unregister()
    }
  })

  it('refuses calls from any page other than app://station', async () => {
    const { bridge, unregister } = await wire()
    pageUrl = 'https://evil.example/'
    try {
      expect(await bridge.station.info({})).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    } finally {
      pageUrl = 'app://station/index.html'
      unregister()
    }
  })
})
