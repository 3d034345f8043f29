// Where the data comes from and how fresh it is: the sync button, a progress bar while Ozon is read, "updated
// 12:40" — or, after a failed sync, "data from 12:40 — Ozon unreachable" — and how often it syncs by itself.
import { useTranslation } from 'react-i18next'
import type { OrdersList, SyncProgress } from '../../../../shared/contract'
import { localTime } from './clock-text'

interface Props {
  head: OrdersList | null
  progress: SyncProgress | null
  syncing: boolean
  nowMs: number
  onSync: () => void
}

export function SyncBar({ head, progress, syncing, nowMs, onSync }: Props) {
  const { t, i18n } = useTranslation('inbox')
  const tz = head?.timeZone ?? 'Europe/Moscow'
  const time = (iso: string) => localTime(iso, tz, i18n.language, nowMs)
  const last = head?.sync.lastSync ?? null
  const good = head?.sync.lastGoodSyncAt ?? null
  const interval = head?.sync.intervalMinutes ?? 0

  let state: { tone: string; text: string } | null = null
  if (!syncing && last && !last.ok) {
    const reason = t(`sync.failure.${last.failure ?? 'internal'}`)
    state = { tone: 'stale', text: good ? t('sync.stale', { time: time(good), reason }) : t('sync.failedNever', { reason }) }
  } else if (!syncing && last) {
    state = { tone: 'fresh', text: t('sync.updated', { time: time(last.finishedAt) }) }
  } else if (!syncing && head) {
    state = { tone: 'stale', text: t('sync.never') }
  }

  return (
    <div className="inbox-sync">
      <button type="button" className="primary" onClick={onSync} disabled={syncing} aria-keyshortcuts="Alt+S">
        {t('sync.button')} <kbd>Alt+S</kbd>
      </button>
      {syncing && <SyncProgressView progress={progress} />}
      {state && (
        <span className={`sync-state ${state.tone}`} role="status" title={last?.error}>
          {state.text}
        </span>
      )}
      {head && <span className="muted small">{interval > 0 ? t('sync.every', { minutes: interval }) : t('sync.manualOnly')}</span>}
    </div>
  )
}

function SyncProgressView({ progress }: { progress: SyncProgress | null }) {
  const { t } = useTranslation('inbox')
  let text = t('sync.running')
  let value: number | undefined
  let max: number | undefined
  if (progress?.phase === 'reference') text = t('sync.reference')
  if (progress?.phase === 'postings') {
    if (progress.total) {
      text = t('sync.progress', { fetched: progress.fetched, total: progress.total })
      value = progress.fetched
      max = progress.total
    } else text = t('sync.progressUnknown', { fetched: progress.fetched })
  }
  if (progress?.phase === 'recheck' && progress.total) {
    text = t('sync.recheck', { fetched: progress.fetched, total: progress.total })
    value = progress.fetched
    max = progress.total
  }
  return (
    <span className="sync-progress" role="status">
      <progress value={value} max={max} aria-label={text} data-testid="sync-progress" />
      <span>{text}</span>
    </span>
  )
}
