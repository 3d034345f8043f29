// Short sounds that let a packer keep their eyes on the goods: a bright beep for a good scan, a low buzz for a
// refused one, a chime when a posting is packed. Files live in resources/public/sounds (the build root).
export type SoundName = 'ok' | 'error' | 'packed'

const FILES: Record<SoundName, string> = { ok: 'sounds/scan-ok.wav', error: 'sounds/scan-error.wav', packed: 'sounds/packed.wav' }

let settings = { enabled: true, volume: 0.8 }
const players = new Map<SoundName, HTMLAudioElement>()
const listeners = new Set<(name: SoundName) => void>()

/** The bench's sound settings (on/off, volume 0..1). */
export function configureSounds(next: { enabled: boolean; volume: number }): void {
  settings = { enabled: next.enabled, volume: Math.max(0, Math.min(1, next.volume)) }
}

export function playSound(name: SoundName): void {
  for (const l of listeners) l(name)
  if (!settings.enabled || settings.volume === 0 || typeof Audio === 'undefined') return
  try {
    let player = players.get(name)
    if (!player) {
      player = new Audio(new URL(FILES[name], document.baseURI).href)
      player.preload = 'auto'
      players.set(name, player)
    }
    player.volume = settings.volume
    player.currentTime = 0
    // A browser may refuse sound before the first user gesture; the banner still says it.
    void player.play()?.catch(() => undefined)
  } catch {
    // no audio device: the screen still shows everything
  }
}

/** Tells who is interested (tests, a visual flash) which sound was asked for, even when sounds are off. */
export function onSound(listener: (name: SoundName) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
