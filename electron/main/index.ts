// The desktop shell: one hardened window showing the renderer from app://station, the station core
// in this main process, and IPC between them. Everything else lives in the core (electron/station).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, net, protocol } from 'electron'
import { configFromEnv, createStation, type Station } from '../station'
import { APP_ORIGIN, APP_SCHEME, resolveAppPath } from './app-protocol'
import { forwardEvents, registerIpc } from './ipc'
import { safeStorageCipher } from './secrets'
import { createSystemPrintShell } from './system-print'
import { CSP, hardenSessions } from './security'

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

// Two stations on one data dir would fight over the same files: the second start focuses the first.
if (!app.requestSingleInstanceLock()) app.quit()

let station: Station | null = null
let mainWindow: BrowserWindow | null = null
const rendererDir = path.join(import.meta.dirname, '..', 'renderer')

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Ozon Station',
    webPreferences: {
      preload: path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`)
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})

app.whenReady().then(async () => {
  hardenSessions()
  serveApp()
  // Api-Keys are sealed with the OS keychain (safeStorage, usable only after app ready) and never leave this process.
  station = await createStation(configFromEnv(process.env, app.getPath('userData'), app.getVersion()), { secretCipher: safeStorageCipher(), systemPrint: createSystemPrintShell() })
  registerIpc(ipcMain, station)
  forwardEvents(station, () => BrowserWindow.getAllWindows().map((w) => w.webContents))
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
}, (err: unknown) => {
  console.error('The station could not start:', err)
  app.exit(1)
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !station) return
  event.preventDefault()
  quitting = true
  void station.close().finally(() => app.quit())
})


