// The packing bench's sounds, made here rather than downloaded: short PCM WAVs a packer can tell apart without
// looking — a bright double beep for a good scan, a low double buzz for a refused one, a rising chime when a
// posting is packed. `npx tsx tests/support/packing-sounds.ts` writes them to resources/public/sounds.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const SAMPLE_RATE = 22_050

interface Tone {
  hz: number
  ms: number
  /** Odd harmonics make a buzz (a softened square wave); 1 = a pure tone. */
  harmonics?: number
  gain?: number
}

/** Silence between tones is a tone of 0 Hz. */
function render(tones: Tone[]): Int16Array {
  const samples: number[] = []
  for (const tone of tones) {
    const n = Math.round((tone.ms / 1000) * SAMPLE_RATE)
    const fade = Math.min(Math.round(0.005 * SAMPLE_RATE), Math.floor(n / 2)) // 5 ms ramps: no clicks
    for (let i = 0; i < n; i++) {
      let v = 0
      if (tone.hz > 0) {
        const h = tone.harmonics ?? 1
        for (let k = 0; k < h; k++) {
          const m = 2 * k + 1
          v += Math.sin((2 * Math.PI * tone.hz * m * i) / SAMPLE_RATE) / m
        }
      }
      const envelope = Math.min(1, i / fade, (n - 1 - i) / fade)
      samples.push(Math.round(v * envelope * (tone.gain ?? 0.5) * 32767))
    }
  }
  return Int16Array.from(samples, (s) => Math.max(-32768, Math.min(32767, s)))
}

/** A RIFF/WAVE file: PCM, 16-bit, mono. */
export function wav(pcm: Int16Array): Buffer {
  const data = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(SAMPLE_RATE, 24)
  header.writeUInt32LE(SAMPLE_RATE * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

export const SOUNDS = {
  'scan-ok.wav': [
    { hz: 1320, ms: 60 },
    { hz: 0, ms: 25 },
    { hz: 1760, ms: 70 },
  ],
  'scan-error.wav': [
    { hz: 196, ms: 200, harmonics: 4, gain: 0.6 },
    { hz: 0, ms: 70 },
    { hz: 165, ms: 260, harmonics: 4, gain: 0.6 },
  ],
  'packed.wav': [
    { hz: 880, ms: 90 },
    { hz: 1175, ms: 90 },
    { hz: 1568, ms: 160 },
  ],
} satisfies Record<string, Tone[]>

export function renderSounds(): Record<keyof typeof SOUNDS, Buffer> {
  return Object.fromEntries(Object.entries(SOUNDS).map(([name, tones]) => [name, wav(render(tones))])) as Record<keyof typeof SOUNDS, Buffer>
}

export const SOUNDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'public', 'sounds')

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, bytes] of Object.entries(renderSounds())) {
    await writeFile(path.join(SOUNDS_DIR, name), bytes)
    console.log(`${name}: ${bytes.length} bytes`)
  }
}
