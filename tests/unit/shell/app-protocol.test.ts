import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTrustedSenderUrl, resolveAppPath } from '../../../electron/main/app-protocol'

const root = path.resolve('/opt/station/renderer')

describe('app:// protocol path check', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppPath('app://station/index.html', root)).toBe(path.join(root, 'index.html'))
    expect(resolveAppPath('app://station/assets/index-abc.js', root)).toBe(path.join(root, 'assets', 'index-abc.js'))
  })

  it('gives the app shell for client routes', () => {
    expect(resolveAppPath('app://station/', root)).toBe(path.join(root, 'index.html'))
    expect(resolveAppPath('app://station/orders', root)).toBe(path.join(root, 'index.html'))
  })

  it('refuses to leave the folder, other hosts and other schemes', () => {
    // The URL parser already folds encoded dot segments, so this stays inside the folder.
    expect(resolveAppPath('app://station/%2e%2e/%2e%2e/etc/passwd.txt', root)).toBe(path.join(root, 'etc', 'passwd.txt'))
    expect(resolveAppPath('app://station/..%2f..%2fetc%2fpasswd.txt', root)).toBeNull()
    expect(resolveAppPath('app://station/a%00.js', root)).toBeNull()
    expect(resolveAppPath('app://evil/index.html', root)).toBeNull()
    expect(resolveAppPath('file:///etc/passwd', root)).toBeNull()
    expect(resolveAppPath('not a url', root)).toBeNull()
  })

  it('trusts IPC only from our own page', () => {
    expect(isTrustedSenderUrl('app://station/index.html')).toBe(true)
    expect(isTrustedSenderUrl('https://example.com/')).toBe(false)
    expect(isTrustedSenderUrl('app://other/index.html')).toBe(false)
    expect(isTrustedSenderUrl(undefined)).toBe(false)
  })
})
