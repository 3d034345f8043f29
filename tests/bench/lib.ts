// Small helpers shared by the benches: timing, percentiles and one printed line per figure.
import { performance } from 'node:perf_hooks'

export interface Bench {
  /** Short name used to pick one bench: `npm run bench -- <name>`. */
  name: string
  run(report: Reporter): Promise<void>
}

export interface Stats {
  runs: number
  median: number
  p95: number
  min: number
  max: number
}

export function stats(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('stats: no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  return { runs: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0]!, max: sorted.at(-1)! }
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns the wall-clock statistics in ms. */
export async function time(fn: () => unknown | Promise<unknown>, runs: number, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  return stats(samples)
}

export class Reporter {
  constructor(private readonly bench: string) {}

  /** One measured figure, e.g. figure('label 58x40', 3.1, 'ms'). */
  figure(what: string, value: number, unit: string): void {
    console.log(`${this.bench.padEnd(10)} ${what.padEnd(58)} ${fmt(value).padStart(12)} ${unit}`)
  }

  timing(what: string, s: Stats, unit = 'ms'): void {
    console.log(
      `${this.bench.padEnd(10)} ${what.padEnd(58)} median ${fmt(s.median)} ${unit}, p95 ${fmt(s.p95)} ${unit} (n=${s.runs})`,
    )
  }

  /** Ratio of a naive baseline to ours, both measured in this process. */
  ratio(what: string, naive: number, ours: number): void {
    console.log(`${this.bench.padEnd(10)} ${what.padEnd(58)} ${fmt(naive / ours).padStart(12)} × faster than naive`)
  }

  note(text: string): void {
    console.log(`${this.bench.padEnd(10)} ${text}`)
  }
}

function fmt(n: number): string {
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}
