// How other screens open a posting for packing, and how the packing screen goes back to the inbox. The App
// switches screens on a `station:navigate` window event; the posting to open waits here until the packing
// screen takes it (it may not be mounted yet).
const NAVIGATE = 'station:navigate'
const OPEN = 'packing:open'
const CURRENT = 'station.packing.current'

let pending: string | null = null

/** Shows the packing screen with this posting (fresh from Ozon; a saved draft plan is restored). */
export function openPacking(postingNumber: string): void {
  pending = postingNumber
  window.dispatchEvent(new CustomEvent(OPEN, { detail: postingNumber }))
  navigateTo('packing')
}

export function navigateTo(screen: string): void {
  window.dispatchEvent(new CustomEvent(NAVIGATE, { detail: { screen } }))
}

/** The posting another screen asked to open, once. */
export function takePendingPosting(): string | null {
  const n = pending
  pending = null
  return n
}

/** Calls `fn` when another screen asks to open a posting while the packing screen is shown. */
export function onOpenRequest(fn: (postingNumber: string) => void): () => void {
  const listener = (e: Event) => {
    pending = null
    fn((e as CustomEvent<string>).detail)
  }
  window.addEventListener(OPEN, listener)
  return () => window.removeEventListener(OPEN, listener)
}

/** The posting the bench was packing, remembered across restarts so its draft reopens by itself. */
export function rememberCurrent(postingNumber: string | null): void {
  try {
    if (postingNumber) localStorage.setItem(CURRENT, postingNumber)
    else localStorage.removeItem(CURRENT)
  } catch {
    // storage unavailable: the drafts list still offers it
  }
}

export function rememberedCurrent(): string | null {
  try {
    return localStorage.getItem(CURRENT)
  } catch {
    return null
  }
}
