// Pure helpers of the app:// protocol (no electron import, so they are unit-tested in plain Node).
import path from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'station'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Maps app://station/<path> to a file inside `root`, or null when the URL is for another host or tries to
 * leave the folder (../, encoded traversal, absolute paths). Routes without an extension get the app shell.
 */
export function resolveAppPath(url: string, root: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const base = path.resolve(root)
  const file = path.resolve(base, `.${pathname}`)
  if (file !== base && !file.startsWith(base + path.sep)) return null
  if (file === base || !path.extname(file)) return path.join(base, 'index.html')
  return file
}

/** Only our own page may call the station over IPC. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  } catch {
    return false
  }
}
