// The packing screen's conversation with the station: the open session, every action as a contract call, scan
// outcomes turned into a banner and a sound, and the station's events (marking-code verdict, a resumed
// "Package the order", another window) folded back in.
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Args, MethodName } from '../../../../shared/contract'
import type { PackingSession, ScanOutcome } from '../../../../shared/contract/packing'
import { StationError } from '../../../../shared/errors'
import { useStation, useStationEvent } from '../../api/StationContext'
import { configureSounds, playSound } from '../../sound'
import { rememberCurrent } from './navigation'
import { scanMessage } from './scanMessage'

export interface Banner {
  tone: 'ok' | 'error' | 'info'
  text: string
  /** Second line: what the bench still expects (after a refused scan). */
  detail?: string
}

export type Stage = 'idle' | 'working' | 'waiting'

type SessionMethod = Exclude<
  Extract<MethodName, `packing.${string}`>,
  'packing.open' | 'packing.get' | 'packing.drafts' | 'packing.scan' | 'packing.ship'
>

export function usePackingSession() {
  const { t } = useTranslation('packing')
  const station = useStation()
  const [session, setSessionState] = useState<PackingSession | null>(null)
  const [banner, setBanner] = useState<Banner | null>(null)
  const [loading, setLoading] = useState(false)
  const [stage, setStage] = useState<Stage>('idle')
  const current = useRef<PackingSession | null>(null)

  const setSession = useCallback((s: PackingSession | null) => {
    current.current = s
    setSessionState(s)
    if (s) configureSounds(s.sounds)
  }, [])

  const errorText = useCallback(
    (err: unknown): string => {
      if (err instanceof StationError) return err.key ? t(err.key, { ...err.params, defaultValue: err.message }) : err.message
      return String(err)
    },
    [t],
  )

  const fail = useCallback(
    (err: unknown) => {
      playSound('error')
      setBanner({ tone: 'error', text: errorText(err) })
    },
    [errorText],
  )

  const open = useCallback(
    async (args: Args<'packing.open'>) => {
      setLoading(true)
      try {
        const s = await station.call('packing.open', args)
        setSession(s)
        rememberCurrent(s.state === 'packed' ? null : s.postingNumber)
        setBanner(s.stale ? { tone: 'error', text: t('header.stale') } : null)
        return s
      } catch (err) {
        fail(err)
        return null
      } finally {
        setLoading(false)
      }
    },
    [station, setSession, fail, t],
  )

  const reload = useCallback(async () => {
    const s = current.current
    if (!s) return
    try {
      setSession(await station.call('packing.get', { postingNumber: s.postingNumber, accountId: s.accountId }))
    } catch (err) {
      fail(err)
    }
  }, [station, setSession, fail])

  /** Any plan edit: the answer replaces the session; a refusal becomes a red banner. */
  const edit = useCallback(
    async <M extends SessionMethod>(method: M, args: Omit<Args<M>, 'postingNumber' | 'accountId'>) => {
      const s = current.current
      if (!s) return
      try {
        const next = await station.call(method, { ...args, postingNumber: s.postingNumber, accountId: s.accountId } as Args<M>)
        setSession(next as PackingSession)
        setBanner(null)
      } catch (err) {
        fail(err)
      }
    },
    [station, setSession, fail],
  )

  const scan = useCallback(
    async (code: string, selectedSku: number | null): Promise<ScanOutcome | null> => {
      const s = current.current
      if (!s || s.state === 'packed') {
        // Nothing open, or the last posting is done: a scan opens the posting it names (the next order's label).
        await open({ code })
        return null
      }
      try {
        const { outcome, session: next } = await station.call('packing.scan', { postingNumber: s.postingNumber, accountId: s.accountId, code, selectedSku })
        setSession(next)
        if (outcome.kind === 'open_posting' && outcome.openPostingNumber) {
          await open({ code: outcome.openPostingNumber })
          return outcome
        }
        playSound(outcome.ok ? 'ok' : 'error')
        setBanner(scanMessage(outcome, next, t))
        return outcome
      } catch (err) {
        fail(err)
        return null
      }
    },
    [station, setSession, open, fail, t],
  )

  const ship = useCallback(async () => {
    const s = current.current
    if (!s || stage === 'working') return
    if (s.check.errors.length > 0) {
      playSound('error')
      setBanner({ tone: 'error', text: t('errors.planNotReady', { count: s.check.errors.length }), detail: s.check.errors.map((e) => t(`violations.${e.code}`, { ...e.params, defaultValue: e.message })).join(' · ') })
      return
    }
    setStage('working')
    setBanner({ tone: 'info', text: t('ship.working') })
    try {
      const next = await station.call('packing.ship', { postingNumber: s.postingNumber, accountId: s.accountId })
      setSession(next)
      if (next.state === 'packed') {
        playSound('packed')
        setBanner(null)
        rememberCurrent(null)
      } else if (next.state === 'shipping') {
        setBanner({ tone: 'error', text: t('ship.waiting', { message: next.lastError?.message ?? '' }) })
      } else {
        playSound('error')
        setBanner({ tone: 'error', text: t('ship.failed', { message: next.lastError?.message ?? '' }) })
      }
    } catch (err) {
      fail(err)
    } finally {
      setStage('idle')
    }
  }, [station, setSession, fail, stage, t])

  const close = useCallback(() => {
    setSession(null)
    setBanner(null)
  }, [setSession])

  useStationEvent('packing.changed', (e) => {
    const s = current.current
    if (!s || e.postingNumber !== s.postingNumber || e.accountId !== s.accountId) return
    // Our own plan edits already came back as the answer; the rest (Ozon's verdict, a resumed ship) is news.
    if (e.what !== 'plan' || e.state !== s.state) void reload()
    if (e.what === 'marks') playSound('ok')
  })
  useStationEvent('packing.progress', (e) => {
    const s = current.current
    if (!s || e.postingNumber !== s.postingNumber) return
    if (e.stage === 'waiting') setStage('waiting')
  })

  return { session, banner, setBanner, loading, stage, open, reload, edit, scan, ship, close, errorText }
}
