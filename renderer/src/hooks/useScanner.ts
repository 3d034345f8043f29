// The keyboard-wedge barcode scanner: a USB scanner "types" its code as a fast burst of keys ending in Enter.
// This hook tells such a burst from a person typing, anywhere on the page, and reports the code.
//
// - Characters are decoded from `event.code` (the key's position), so a Russian layout, where `event.key`
//   would turn a Latin barcode into Cyrillic, does not change the code; `-` and digits are kept.
// - DataMatrix marking codes contain GS (0x1D), which scanners cannot type reliably: they are configured to send
//   a stand-in character (default `~`), turned back into GS here. Ctrl+] (the ASCII way to type GS) counts too.
// - A person typing into an input is left alone; if a scan lands in an input, its characters are taken out again.
// - Single key presses that are not part of a burst are handed to `onKey` a moment later (once it is clear no
//   burst follows), so a screen can use plain keys (digits, letters) as commands without a scan triggering them.
import { useEffect, useRef } from 'react'

export const DEFAULT_GS_STAND_IN = '~'
const GS = '\x1d'

export interface KeyPress {
  code: string
  key: string
  /** The character the key stands for (decoded like a scan), or null for Enter, arrows, F-keys, Escape… */
  char: string | null
  shift: boolean
  ctrl: boolean
  alt: boolean
  meta: boolean
  /** Focus was in a text field: printable keys belong to it, not to the screen. */
  editable: boolean
}

export interface ScannerOptions {
  onScan: (code: string) => void
  /**
   * A key press that is not part of a scan. Return true when the screen used it: for keys delivered at once
   * (arrows, Enter, Esc, F-keys, Ctrl+…) the browser's own action is then cancelled.
   */
  onKey?: (key: KeyPress) => boolean | void
  /** Shortest code that counts as a scan (default 4). */
  minLength?: number
  /** Longest pause between two keys of one burst, ms (default 50; wedge scanners send a key every 1–20 ms). */
  maxGapMs?: number
  /** What the scanner types instead of GS; '' turns the replacement off. */
  gsStandIn?: string
  enabled?: boolean
  now?: () => number
}

/** The part of a KeyboardEvent the decoder reads (tests build these by hand). */
export interface KeyLike {
  code: string
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  capsLock?: boolean
}

export type ScanAction =
  | { type: 'scan'; code: string; /** characters the burst put into a focused text field */ typed: number }
  | { type: 'key'; press: KeyPress }

// US layout: what each non-letter key types, unshifted and shifted. Scanners are set up for it.
const US: Record<string, [string, string]> = {
  Digit1: ['1', '!'], Digit2: ['2', '@'], Digit3: ['3', '#'], Digit4: ['4', '$'], Digit5: ['5', '%'],
  Digit6: ['6', '^'], Digit7: ['7', '&'], Digit8: ['8', '*'], Digit9: ['9', '('], Digit0: ['0', ')'],
  Minus: ['-', '_'], Equal: ['=', '+'], BracketLeft: ['[', '{'], BracketRight: [']', '}'], Backslash: ['\\', '|'],
  Semicolon: [';', ':'], Quote: ["'", '"'], Comma: [',', '<'], Period: ['.', '>'], Slash: ['/', '?'],
  Backquote: ['`', '~'], Space: [' ', ' '], IntlBackslash: ['\\', '|'],
  Numpad0: ['0', '0'], Numpad1: ['1', '1'], Numpad2: ['2', '2'], Numpad3: ['3', '3'], Numpad4: ['4', '4'],
  Numpad5: ['5', '5'], Numpad6: ['6', '6'], Numpad7: ['7', '7'], Numpad8: ['8', '8'], Numpad9: ['9', '9'],
  NumpadAdd: ['+', '+'], NumpadSubtract: ['-', '-'], NumpadMultiply: ['*', '*'], NumpadDivide: ['/', '/'], NumpadDecimal: ['.', '.'],
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph', 'NumLock', 'ScrollLock'])

/** The character a key press types on a US layout, whatever layout is active; null when it types none. */
export function decodeKey(e: KeyLike): string | null {
  if (e.ctrlKey && !e.altKey && e.code === 'BracketRight') return GS
  if (e.ctrlKey || e.metaKey || (e.altKey && !e.ctrlKey)) return null
  const letter = /^Key([A-Z])$/.exec(e.code)
  if (letter) {
    const single = e.key.length === 1 ? e.key : ''
    // The case the layout produced (Shift/Caps Lock applied) — `Ф` is an upper-case key press as much as `A`.
    const upper = single && single !== single.toLowerCase() ? true : single && single !== single.toUpperCase() ? false : e.shiftKey !== !!e.capsLock
    return upper ? letter[1]! : letter[1]!.toLowerCase()
  }
  const pair = US[e.code]
  if (pair) {
    if (e.key === pair[0] || e.key === pair[1]) return e.key
    return pair[e.shiftKey ? 1 : 0]
  }
  if (!e.code && e.key.length === 1) return e.key
  return null
}

/** Tells scanner bursts from people. Pure: time comes in with every key. */
export class ScanDecoder {
  private buffer: { char: string; press: KeyPress; typed: boolean }[] = []
  private last = -Infinity

  constructor(private readonly opts: { minLength: number; maxGapMs: number; gsStandIn: string }) {}

  keydown(e: KeyLike, t: number, editable: boolean): ScanAction[] {
    const out: ScanAction[] = []
    if (MODIFIERS.has(e.key) || MODIFIERS.has(e.code.replace(/(Left|Right)$/, ''))) return out
    const press: KeyPress = { code: e.code, key: e.key, char: null, shift: e.shiftKey, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey, editable }
    const gapOk = t - this.last <= this.opts.maxGapMs

    if (e.code === 'Enter' || e.code === 'NumpadEnter' || e.key === 'Enter') {
      if (gapOk && this.buffer.length >= this.opts.minLength && !e.ctrlKey && !e.altKey) {
        const code = this.buffer.map((b) => b.char).join('')
        const typed = editable ? this.buffer.filter((b) => b.typed).length : 0
        this.buffer = []
        this.last = -Infinity
        out.push({ type: 'scan', code: this.opts.gsStandIn ? code.split(this.opts.gsStandIn).join(GS) : code, typed })
        return out
      }
      out.push(...this.flush())
      out.push({ type: 'key', press })
      return out
    }

    const char = decodeKey(e)
    if (char === null) {
      out.push(...this.flush())
      out.push({ type: 'key', press })
      return out
    }
    if (!gapOk) out.push(...this.flush())
    // Ctrl+] types nothing into a text field; every other character did.
    this.buffer.push({ char, press: { ...press, char }, typed: char !== GS || !e.ctrlKey })
    this.last = t
    return out
  }

  /** Called when no key came for maxGapMs: what was buffered was a person pressing keys. */
  flush(): ScanAction[] {
    const out = this.buffer.map((b): ScanAction => ({ type: 'key', press: b.press }))
    this.buffer = []
    this.last = -Infinity
    return out
  }

  get pending(): boolean {
    return this.buffer.length > 0
  }
}

export function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false
  const el = target as HTMLElement
  if (el.isContentEditable) return true
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly
  if (el.tagName !== 'INPUT') return false
  const input = el as HTMLInputElement
  return !input.readOnly && !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(input.type)
}

/** Takes the last `count` characters before the caret out of a text field (a scan typed them there). */
export function removeTyped(target: EventTarget | null, count: number): void {
  if (count <= 0 || !target) return
  const el = target as HTMLInputElement | HTMLTextAreaElement
  if (typeof el.value !== 'string' || typeof el.selectionStart !== 'number') return
  const end = el.selectionStart ?? el.value.length
  const start = Math.max(0, end - count)
  const next = el.value.slice(0, start) + el.value.slice(end)
  // React tracks the value through the native setter; set it there and announce the change.
  const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, next)
  el.setSelectionRange?.(start, start)
  el.dispatchEvent(new Event('input', { bubbles: true }))
}

export function useScanner(opts: ScannerOptions): void {
  const latest = useRef(opts)
  useEffect(() => {
    latest.current = opts
  })
  const { enabled = true, minLength = 4, maxGapMs = 50, gsStandIn = DEFAULT_GS_STAND_IN } = opts

  useEffect(() => {
    if (!enabled) return
    const decoder = new ScanDecoder({ minLength, maxGapMs, gsStandIn })
    // When the key was pressed: the event's own time stamp, so a busy page (a render after the last scan) that
    // handles a burst late still sees the scanner's real pace.
    const timeOf = (e: KeyboardEvent) => latest.current.now?.() ?? (e.timeStamp > 0 ? e.timeStamp : performance.now())
    let timer: ReturnType<typeof setTimeout> | null = null
    let burstTarget: EventTarget | null = null

    /** Returns whether a screen used a key of this batch. */
    const run = (actions: ScanAction[], target: EventTarget | null): boolean => {
      let used = false
      for (const a of actions) {
        if (a.type === 'scan') {
          removeTyped(target, a.typed)
          latest.current.onScan(a.code)
        } else if (latest.current.onKey?.(a.press) === true) {
          used = true
        }
      }
      return used
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) return
      const editable = isEditable(e.target)
      if (!decoder.pending) burstTarget = e.target
      const actions = decoder.keydown({ code: e.code, key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, capsLock: e.getModifierState?.('CapsLock') ?? false }, timeOf(e), editable)
      if (actions.some((a) => a.type === 'scan')) {
        // The Enter that ends a scan must not also submit a form or press a focused button.
        e.preventDefault()
        e.stopPropagation()
      }
      if (timer) clearTimeout(timer)
      timer = decoder.pending ? setTimeout(() => run(decoder.flush(), burstTarget), maxGapMs + 5) : null
      if (run(actions, burstTarget)) e.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      if (timer) clearTimeout(timer)
    }
  }, [enabled, minLength, maxGapMs, gsStandIn])
}
