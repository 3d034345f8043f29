// The keyboard-wedge scanner hook: bursts ending in Enter are scans, decoded from key positions (a Russian layout
// does not turn Latin codes Cyrillic), GS stand-ins become GS, people typing are left alone.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { decodeKey, ScanDecoder, useScanner, type KeyLike, type KeyPress, type ScanAction } from '../../renderer/src/hooks/useScanner'

// What a US-layout and a Russian-layout keyboard report for a character the scanner "types".
const US_KEYS: Record<string, [string, boolean]> = {}
for (let c = 65; c <= 90; c++) {
  const ch = String.fromCharCode(c)
  US_KEYS[ch] = [`Key${ch}`, true]
  US_KEYS[ch.toLowerCase()] = [`Key${ch}`, false]
}
for (let d = 0; d <= 9; d++) US_KEYS[String(d)] = [`Digit${d}`, false]
Object.assign(US_KEYS, { '-': ['Minus', false], '~': ['Backquote', true], '%': ['Digit5', true], '/': ['Slash', false], '!': ['Digit1', true], '#': ['Digit3', true] })

const RU_LETTERS: Record<string, string> = { Q: 'й', W: 'ц', E: 'у', R: 'к', T: 'е', Y: 'н', U: 'г', I: 'ш', O: 'щ', P: 'з', A: 'ф', S: 'ы', D: 'в', F: 'а', G: 'п', H: 'р', J: 'о', K: 'л', L: 'д', Z: 'я', X: 'ч', C: 'с', V: 'м', B: 'и', N: 'т', M: 'ь' }
const RU_SHIFTED: Record<string, string> = { Digit3: '№', Digit5: '%', Digit1: '!', Backquote: 'Ё', Slash: ',', Minus: '_' }
const RU_PLAIN: Record<string, string> = { Slash: '.', Backquote: 'ё', Minus: '-' }

function keyFor(ch: string, layout: 'us' | 'ru'): KeyLike {
  const [code, shift] = US_KEYS[ch]!
  let key = ch
  if (layout === 'ru') {
    const letter = /^Key([A-Z])$/.exec(code)?.[1]
    if (letter) key = shift ? RU_LETTERS[letter]!.toUpperCase() : RU_LETTERS[letter]!
    else key = (shift ? RU_SHIFTED[code] : RU_PLAIN[code]) ?? ch
  }
  return { code, key, shiftKey: shift, ctrlKey: false, altKey: false, metaKey: false }
}

const ENTER: KeyLike = { code: 'Enter', key: 'Enter', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }

/** Feeds a string as key presses `gap` ms apart, then Enter; returns every action. */
function feed(decoder: ScanDecoder, text: string, opts: { layout?: 'us' | 'ru'; gap?: number; t0?: number; editable?: boolean } = {}): ScanAction[] {
  const { layout = 'us', gap = 8, editable = false } = opts
  let t = opts.t0 ?? 1000
  const out: ScanAction[] = []
  for (const ch of text) {
    out.push(...decoder.keydown(keyFor(ch, layout), t, editable))
    t += gap
  }
  out.push(...decoder.keydown(ENTER, t, editable))
  return out
}

const decoder = () => new ScanDecoder({ minLength: 4, maxGapMs: 50, gsStandIn: '~' })

describe('decodeKey', () => {
  it('reads the key position, not the layout: Cyrillic key values give the Latin code', () => {
    for (const ch of 'MUG-RED-350abcXYZ') expect(decodeKey(keyFor(ch, 'ru'))).toBe(ch)
    expect(decodeKey(keyFor('#', 'ru'))).toBe('#') // '№' on the Russian layout
    expect(decodeKey(keyFor('/', 'ru'))).toBe('/') // '.' on the Russian layout
  })

  it('keeps the character a synthetic event names when it fits the key (no Shift reported)', () => {
    expect(decodeKey({ code: 'KeyA', key: 'A', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false })).toBe('A')
    expect(decodeKey({ code: 'Digit1', key: '!', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false })).toBe('!')
    expect(decodeKey({ code: 'KeyA', key: 'Unidentified', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, capsLock: true })).toBe('A')
  })

  it('Ctrl+] is GS; other control combinations and non-printing keys type nothing', () => {
    expect(decodeKey({ code: 'BracketRight', key: ']', shiftKey: false, ctrlKey: true, altKey: false, metaKey: false })).toBe('\x1d')
    expect(decodeKey({ code: 'KeyC', key: 'c', shiftKey: false, ctrlKey: true, altKey: false, metaKey: false })).toBeNull()
    expect(decodeKey({ code: 'ArrowUp', key: 'ArrowUp', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false })).toBeNull()
  })
})

describe('ScanDecoder', () => {
  it('a fast burst ending in Enter is one scan, on either layout', () => {
    expect(feed(decoder(), '4601234567893')).toEqual([{ type: 'scan', code: '4601234567893', typed: 0 }])
    expect(feed(decoder(), 'MUG-RED-350', { layout: 'ru' })).toEqual([{ type: 'scan', code: 'MUG-RED-350', typed: 0 }])
  })

  it('turns the GS stand-in back into GS', () => {
    const [a] = feed(decoder(), '0104601234567893215Abc!~93dGVz')
    expect(a).toEqual({ type: 'scan', code: '0104601234567893215Abc!\x1d93dGVz', typed: 0 })
  })

  it('a person typing slowly is not a scan: each key is handed over as a key press', () => {
    const d = decoder()
    const out = feed(d, 'N12', { gap: 180 })
    expect(out.filter((a) => a.type === 'scan')).toEqual([])
    const keys = [...out, ...d.flush()].filter((a): a is { type: 'key'; press: KeyPress } => a.type === 'key').map((a) => a.press.char ?? a.press.code)
    expect(keys).toEqual(['N', '1', '2', 'Enter'])
  })

  it('a burst shorter than the minimum is key presses, not a scan', () => {
    const out = feed(decoder(), '12')
    expect(out.map((a) => (a.type === 'key' ? (a.press.char ?? a.press.code) : 'scan'))).toEqual(['1', '2', 'Enter'])
  })

  it('a burst right after a slow key still scans cleanly, the slow key comes out first', () => {
    const d = decoder()
    const first = d.keydown(keyFor('N', 'us'), 0, false)
    expect(first).toEqual([])
    const out = feed(d, 'OZN1400000101', { t0: 500 })
    expect(out[0]).toMatchObject({ type: 'key', press: { char: 'N' } })
    expect(out[1]).toEqual({ type: 'scan', code: 'OZN1400000101', typed: 0 })
  })

  it('counts the characters a scan typed into a text field so they can be taken out again', () => {
    expect(feed(decoder(), 'ABC-123', { editable: true })).toEqual([{ type: 'scan', code: 'ABC-123', typed: 7 }])
  })

  it('arrows and F-keys are handed over at once, flushing what was buffered', () => {
    const d = decoder()
    d.keydown(keyFor('2', 'us'), 0, false)
    const out = d.keydown({ code: 'ArrowDown', key: 'ArrowDown', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }, 10, false)
    expect(out.map((a) => (a.type === 'key' ? (a.press.char ?? a.press.code) : 'scan'))).toEqual(['2', 'ArrowDown'])
  })
})

/** A text field and the scans/keys the hook reported, as a screen would use it. */
function Probe({ clock }: { clock: { t: number } }) {
  const [scans, setScans] = useState<string[]>([])
  const [keys, setKeys] = useState<string[]>([])
  const [text, setText] = useState('')
  useScanner({
    onScan: (c) => setScans((s) => [...s, c]),
    onKey: (k) => setKeys((s) => [...s, k.char ?? k.code]),
    now: () => clock.t,
    maxGapMs: 50,
  })
  return (
    <div>
      <input data-testid="field" value={text} onChange={(e) => setText(e.target.value)} />
      <output data-testid="scans">{scans.join('|')}</output>
      <output data-testid="keys">{keys.join(',')}</output>
    </div>
  )
}

function press(target: Element | Window, k: KeyLike, clock: { t: number }, gap: number) {
  clock.t += gap
  fireEvent.keyDown(target, { ...k })
}

describe('useScanner in a page', () => {
  it('reports a scan made while focus is in a text field and takes its characters back out of the field', () => {
    const clock = { t: 0 }
    render(<Probe clock={clock} />)
    const field = screen.getByTestId('field') as HTMLInputElement
    field.focus()
    fireEvent.change(field, { target: { value: 'note ' } })
    // The browser types each key into the focused field (Cyrillic on a Russian layout) while the hook listens.
    let typed = 'note '
    for (const ch of 'MUG-RED-350') {
      const k = keyFor(ch, 'ru')
      press(field, k, clock, 5)
      typed += k.key
      fireEvent.change(field, { target: { value: typed } })
    }
    act(() => press(field, ENTER, clock, 5))
    expect(screen.getByTestId('scans').textContent).toBe('MUG-RED-350')
    expect(field.value).toBe('note ')
  })

  it('hands single keys to the screen once no burst follows', async () => {
    const clock = { t: 0 }
    render(<Probe clock={clock} />)
    press(window, keyFor('N', 'us'), clock, 1000)
    expect(screen.getByTestId('keys').textContent).toBe('') // held back until it is clear no scan follows
    await act(() => new Promise((r) => setTimeout(r, 80)))
    expect(screen.getByTestId('keys').textContent).toBe('N')
    act(() => press(window, { code: 'Escape', key: 'Escape', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }, clock, 1000))
    expect(screen.getByTestId('keys').textContent).toBe('N,Escape')
    expect(screen.getByTestId('scans').textContent).toBe('')
  })
})
