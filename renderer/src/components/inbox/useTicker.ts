// A clock for the countdowns: this machine's time, re-read every `everyMs`, so rows tick without asking the
// station again.
import { useEffect, useState } from 'react'

export function useTicker(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}
