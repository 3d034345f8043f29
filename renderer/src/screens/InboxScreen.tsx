// The packer's first screen: "what do I pack next, and what is about to go wrong?" The inbox lists postings by
// time left (or money at stake, or order date) with filters that combine, a search box, the summary bar and
// the sync state. Scanner-first: a scanned posting number, order number or Ozon label barcode opens the
// posting for packing; an unknown code is a loud error with a sound. Keyboard-complete: `/` search, arrows and
// PageUp/PageDown move, Enter opens, Alt+1…6 filters, Alt+0 resets them, Alt+S syncs, Esc closes messages.
import { useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SORT_KEYS, type SortKey } from '../../../shared/domain/inbox-query'
import { StationError } from '../../../shared/errors'
import { useStation } from '../api/StationContext'
import { FilterPanel, type FilterPanelHandle } from '../components/inbox/FilterPanel'
import { InboxList, type InboxListHandle } from '../components/inbox/InboxList'
import { ChangesNotice, ScanBanner, type ScanMessage } from '../components/inbox/Notices'
import { SummaryBar } from '../components/inbox/SummaryBar'
import { SyncBar } from '../components/inbox/SyncBar'
import { PrintLabelsAction } from '../components/printing/PrintLabelsAction'
import { useInbox } from '../components/inbox/useInbox'
import { useTicker } from '../components/inbox/useTicker'
import { openPacking } from '../components/packing/navigation'
import { useScanner, type KeyPress } from '../hooks/useScanner'
import { playSound } from '../sound'

export function InboxScreen() {
  const { t } = useTranslation('inbox')
  const station = useStation()
  const inbox = useInbox()
  const { head, total, rowAt } = inbox
  const [scanMessage, setScanMessage] = useState<ScanMessage | null>(null)
  const [dismissedSync, setDismissedSync] = useState<string | null>(null)
  const search = useRef<HTMLInputElement>(null)
  const list = useRef<InboxListHandle>(null)
  const filters = useRef<FilterPanelHandle>(null)
  const nowMs = useTicker(1000) + inbox.clockOffset

  // The selection belongs to one query: a new filter or search starts at the first row, and a shorter result
  // keeps the selection inside it.
  const queryKey = JSON.stringify([inbox.view, inbox.search])
  const [selection, setSelection] = useState({ queryKey, index: 0 })
  const selected = selection.queryKey === queryKey ? Math.min(selection.index, Math.max(0, total - 1)) : 0
  const setSelected = useCallback((index: number) => setSelection({ queryKey, index }), [queryKey])

  const select = useCallback(
    (index: number) => {
      setSelected(index)
      list.current?.scrollTo(index)
    },
    [setSelected],
  )

  const open = useCallback(
    (index: number) => {
      const row = rowAt(index)
      if (row) openPacking(row.posting.postingNumber)
    },
    [rowAt],
  )

  const onScan = useCallback(
    async (code: string) => {
      setScanMessage({ tone: 'info', text: t('scan.searching', { code }) })
      try {
        const found = await station.call('orders.find', { code })
        playSound('ok')
        if (found.postings.length === 1) {
          setScanMessage(null)
          openPacking(found.postings[0]!.postingNumber)
        } else {
          // An order number with several postings: show them and let the packer choose.
          inbox.setSearch(found.code)
          setScanMessage({ tone: 'info', text: t('scan.several', { code: found.code, count: found.postings.length }) })
        }
      } catch (err) {
        playSound('error')
        const e = err instanceof StationError ? err : null
        setScanMessage({
          tone: 'error',
          text: e?.code === 'not_found' ? t('scan.unknownCode', { code }) : t('scan.failed', { code, message: e?.message ?? String(err) }),
        })
      }
    },
    [station, inbox, t],
  )

  const onKey = useCallback(
    (key: KeyPress) => {
      const active = document.activeElement as HTMLElement | null
      const inSearch = active === search.current
      const onControl = !!active && ['BUTTON', 'SELECT', 'A', 'TEXTAREA'].includes(active.tagName)
      if (key.alt && !key.ctrl) {
        if (key.code === 'KeyS') void inbox.sync()
        const digit = /^Digit(\d)$/.exec(key.code)?.[1]
        if (digit === '0') inbox.resetFilters()
        else if (digit) filters.current?.focusGroup(Number(digit) - 1)
        return
      }
      if (key.ctrl || key.meta) return
      if (key.code === 'Escape') {
        if (scanMessage) setScanMessage(null)
        else if (inSearch && inbox.search) inbox.setSearch('')
        else list.current?.focus()
        return
      }
      if (key.char === '/' && !key.editable) {
        search.current?.focus()
        search.current?.select()
        return
      }
      if (active?.tagName === 'SELECT') return
      const last = Math.max(0, total - 1)
      const page = list.current?.pageSize() ?? 10
      const moves: Record<string, number> = { ArrowDown: selected + 1, ArrowUp: selected - 1, PageDown: selected + page, PageUp: selected - page }
      if (!key.editable) Object.assign(moves, { Home: 0, End: last })
      if (key.code in moves && total > 0) {
        select(Math.min(last, Math.max(0, moves[key.code]!)))
        return
      }
      if ((key.code === 'Enter' || key.code === 'NumpadEnter') && (!onControl || inSearch)) open(selected)
    },
    [inbox, scanMessage, total, selected, select, open],
  )

  useScanner({ onScan: (code) => void onScan(code), onKey })

  const lastSync = head?.sync.lastSync ?? null
  const showChanges = lastSync && lastSync.finishedAt !== dismissedSync && lastSync.changes.length > 0
  const view = inbox.view
  const direction = head?.query.direction ?? 'asc'
  const accounts = useMemo(() => head?.facets.account ?? [], [head])
  const accountLabel = useCallback((id: string) => accounts.find((a) => a.value === id)?.label ?? id, [accounts])

  return (
    <section className="inbox" aria-label={t('title')}>
      <div className="inbox-toolbar">
        <h1>{t('title')}</h1>
        <label className="inbox-search">
          <span className="visually-hidden">{t('search.label')}</span>
          <input
            ref={search}
            type="search"
            value={inbox.search}
            placeholder={t('search.placeholder')}
            onChange={(e) => inbox.setSearch(e.target.value)}
            aria-keyshortcuts="/"
            data-testid="inbox-search"
          />
          <kbd>/</kbd>
        </label>
        <label className="inbox-sort">
          <span>{t('sort.label')}</span>
          <select value={view?.sort ?? 'timeLeft'} onChange={(e) => inbox.setSort(e.target.value as SortKey)} data-testid="inbox-sort">
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`sort.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="sort-direction"
            onClick={() => inbox.setSort(view?.sort ?? 'timeLeft', direction === 'asc' ? 'desc' : 'asc')}
            aria-label={t(`sort.${direction}`)}
            title={t(`sort.${direction}`)}
          >
            {direction === 'asc' ? '↑' : '↓'}
          </button>
        </label>
        <SyncBar head={head} progress={inbox.progress} syncing={inbox.syncing} nowMs={nowMs} onSync={() => void inbox.sync()} />
        <PrintLabelsAction postingNumbers={rowAt(selected) ? [rowAt(selected)!.posting.postingNumber] : []} />
      </div>
      <SummaryBar summary={head?.summary} />
      {scanMessage && <ScanBanner message={scanMessage} onDismiss={() => setScanMessage(null)} />}
      {inbox.error && <div className="banner error">{inbox.error.message}</div>}
      {showChanges && <ChangesNotice sync={lastSync} onDismiss={() => setDismissedSync(lastSync.finishedAt)} />}
      <div className="inbox-body">
        <FilterPanel ref={filters} facets={head?.facets} onToggle={inbox.toggleFacet} onClear={inbox.clearFacet} onReset={inbox.resetFilters} />
        <div className="inbox-main">
          <div className="inbox-count" role="status">
            {head ? t('count', { count: total }) : t('loading')}
            {head && head.problems > 0 && <span className="warning"> · {t('problems', { count: head.problems })}</span>}
          </div>
          {head && total === 0 ? (
            <div className="inbox-empty" data-testid="inbox-empty">
              <p>{inbox.search ? t('emptySearch', { search: inbox.search }) : lastSync ? t('emptyFiltered') : t('emptyNever')}</p>
            </div>
          ) : (
            <InboxList
              ref={list}
              total={total}
              rowAt={rowAt}
              need={inbox.need}
              selected={selected}
              onSelect={setSelected}
              onOpen={open}
              nowMs={nowMs}
              timeZone={head?.timeZone ?? 'Europe/Moscow'}
              showAccount={accounts.length > 1}
              accountLabel={accountLabel}
            />
          )}
          <p className="key-legend muted small">{t('keys')}</p>
        </div>
      </div>
    </section>
  )
}
