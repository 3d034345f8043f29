// The bench sounds in resources/public/sounds are exactly what tests/support/packing-sounds.ts makes, valid PCM
// WAVs, short, and told apart by pitch: the refusal is low, the good scan high.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderSounds, SAMPLE_RATE, SOUNDS_DIR } from '../../support/packing-sounds'

function readWav(bytes: Buffer) {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE')
  expect(bytes.readUInt16LE(20)).toBe(1) // PCM
  expect(bytes.readUInt16LE(22)).toBe(1) // mono
  expect(bytes.readUInt32LE(24)).toBe(SAMPLE_RATE)
  expect(bytes.readUInt16LE(34)).toBe(16)
  const size = bytes.readUInt32LE(40)
  expect(size).toBe(bytes.length - 44)
  const samples = new Int16Array(bytes.buffer.slice(bytes.byteOffset + 44, bytes.byteOffset + 44 + size))
  return { samples, seconds: samples.length / SAMPLE_RATE }
}

/** Dominant pitch of the first 50 ms of sound, from zero crossings. */
function pitch(samples: Int16Array): number {
  const start = samples.findIndex((s) => Math.abs(s) > 1000)
  const window = samples.slice(start, start + Math.round(0.05 * SAMPLE_RATE))
  let crossings = 0
  for (let i = 1; i < window.length; i++) if ((window[i - 1]! < 0) !== (window[i]! < 0)) crossings++
  return crossings / 2 / 0.05
}

describe('packing sounds', () => {
  const made = renderSounds()

  it.each(Object.keys(made))('%s is the generated file, a short PCM WAV', async (name) => {
    const onDisk = await readFile(path.join(SOUNDS_DIR, name))
    expect(onDisk.equals(made[name as keyof typeof made])).toBe(true)
    const { seconds, samples } = readWav(onDisk)
    expect(seconds).toBeGreaterThan(0.1)
    expect(seconds).toBeLessThan(0.7)
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(10_000) // audible
    expect(Math.abs(samples[0]!)).toBeLessThan(200) // fades in: no click
  })

  it('the refusal buzz is low and the good-scan beep high', () => {
    const ok = pitch(readWav(made['scan-ok.wav']).samples)
    const error = pitch(readWav(made['scan-error.wav']).samples)
    expect(ok).toBeGreaterThan(1000)
    expect(error).toBeLessThan(600)
  })
})
