// "Scan the tracking number now": right after "Package the order", the packages whose carrier needs a tracking
// number from the seller (3PL) ask for it. For the packing screen's result view:
//
//   const prompt = useRef<TrackingPromptHandle>(null)
//   <TrackingPrompt ref={prompt} accountId={session.accountId} postingNumbers={result.packages.map((p) => p.postingNumber)} />
//   // in the screen's onScan, before its own handling:  if (prompt.current?.scan(code)) return
//
// It renders nothing when no package needs a number. A scan goes to the first package still without an accepted
// number; the answer is shown per package (accepted, waiting for Ozon, Ozon's refusal or a format problem).
import { forwardRef, useCallback, useEffect, useImperativeHandle, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrackingRow } from '../../../../shared/contract/tracking'
import { useStation, useStationEvent } from '../../api/StationContext'
import { playSound } from '../../sound'
import { StateBadge } from './StateBadge'
import { errorText } from '../settings/errors'
import { blockText, problemText } from './words'

export interface TrackingPromptHandle {
  /** Offers a scanned code; true when it was taken as a tracking number. */
  scan(code: string): boolean
}

export const TrackingPrompt = forwardRef<TrackingPromptHandle, { accountId: string; postingNumbers: string[] }>(function TrackingPrompt({ accountId, postingNumbers }, ref) {
  const { t } = useTranslation('tracking')
  const station = useStation()
  const [rows, setRows] = useState<TrackingRow[]>([])
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [messages, setMessages] = useState<Record<string, string>>({})
  const numbersKey = postingNumbers.join(',')

  const load = useCallback(() => {
    const numbers = numbersKey ? numbersKey.split(',') : []
    void Promise.all(numbers.map((n) => station.call('tracking.get', { postingNumber: n, accountId }).catch(() => null))).then((list) =>
      setRows(list.filter((r): r is TrackingRow => r !== null && r.need !== 'none')),
    )
  }, [station, accountId, numbersKey])
  useEffect(load, [load])
  useStationEvent('tracking.changed', load)

  const save = useCallback(
    async (row: TrackingRow, value: string) => {
      try {
        const { results } = await station.call('tracking.set', { entries: [{ postingNumber: row.postingNumber, accountId, trackingNumber: value }] })
        const r = results[0]!
        const text = !r.ok ? problemText(t, r.check) : r.row?.state === 'rejected' ? blockText(t, r.row) : r.row?.state === 'waiting' ? t('saved.waitingShort') : ''
        playSound(r.ok && r.row?.state !== 'rejected' ? 'ok' : 'error')
        setMessages((m) => ({ ...m, [row.postingNumber]: text }))
        if (r.ok) setTyped((m) => ({ ...m, [row.postingNumber]: '' }))
        load()
      } catch (err) {
        playSound('error')
        setMessages((m) => ({ ...m, [row.postingNumber]: errorText(err, t) }))
      }
    },
    [station, accountId, t, load],
  )

  useImperativeHandle(
    ref,
    () => ({
      scan(code) {
        const target = rows.find((r) => r.state !== 'accepted' && r.state !== 'waiting')
        if (!target || postingNumbers.includes(code)) return false
        void save(target, code)
        return true
      },
    }),
    [rows, postingNumbers, save],
  )

  if (rows.length === 0) return null
  return (
    <section className="tracking-prompt" data-testid="tracking-prompt" aria-label={t('prompt.title')}>
      <h2>{t('prompt.title')}</h2>
      <p className="muted">{t('prompt.hint')}</p>
      <ul>
        {rows.map((r) => (
          <li key={r.postingNumber}>
            <span className="mono">{r.postingNumber}</span> <StateBadge row={r} />
            {r.state === 'accepted' ? (
              <strong className="mono">{r.trackingNumber}</strong>
            ) : (
              <input
                className="mono"
                value={typed[r.postingNumber] ?? ''}
                placeholder={r.rule.example}
                aria-label={t('entry.number', { rule: r.rule.label, example: r.rule.example })}
                onChange={(e) => setTyped((m) => ({ ...m, [r.postingNumber]: e.target.value }))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void save(r, typed[r.postingNumber] ?? '')
                }}
              />
            )}
            {messages[r.postingNumber] && <span className="tracking-problem">{messages[r.postingNumber]}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
})
