// The inbox's data on screen: the saved view (filters + sort, kept by the station across restarts), the search
// box, and the sorted result fetched one window at a time as the virtualised list scrolls. A data change
// (`orders.changed`) refetches the windows in view while the old rows stay on screen; a query change starts
// over. Every minute the list is asked again, because "due within 1 h" and "overdue" move with the clock.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import type { InboxFilters, InboxRowInfo, InboxView, OrdersList, SyncProgress } from '../../../../shared/contract'
import type { FacetName } from '../../../../shared/domain/inbox-query'
import type { Posting } from '../../../../shared/domain/posting'
import { StationError } from '../../../../shared/errors'
import { useStation, useStationEvent } from '../../api/StationContext'

export const PAGE_SIZE = 100
const SEARCH_DELAY_MS = 120
const REFRESH_EVERY_MS = 60_000

interface Page {
  generation: number
  postings: Posting[]
  rows: InboxRowInfo[]
}

export interface InboxRowData {
  posting: Posting
  info: InboxRowInfo
}

export interface Inbox {
  /** The last answer's totals, facets, summary and sync state (any window carries them). */
  head: OrdersList | null
  total: number
  view: InboxView | null
  search: string
  setSearch(text: string): void
  toggleFacet(facet: FacetName, value: string): void
  clearFacet(facet: FacetName): void
  resetFilters(): void
  setSort(sort: InboxView['sort'], direction?: 'asc' | 'desc'): void
  /** A row when its window has arrived. */
  rowAt(index: number): InboxRowData | undefined
  /** The list shows rows start..end: fetch the windows they are in. */
  need(start: number, end: number): void
  /** The station's clock minus this machine's: the countdown follows the station. */
  clockOffset: number
  progress: SyncProgress | null
  syncing: boolean
  sync(): Promise<void>
  error: StationError | null
}

function asStationError(err: unknown): StationError {
  return err instanceof StationError ? err : new StationError({ code: 'internal', message: String(err) })
}

export function useInbox(): Inbox {
  const station = useStation()
  const [view, setView] = useState<InboxView | null>(null)
  const [search, setSearchText] = useState('')
  const [appliedSearch, setAppliedSearch] = useState('')
  const [head, setHead] = useState<OrdersList | null>(null)
  const [error, setError] = useState<StationError | null>(null)
  const [progress, setProgress] = useState<SyncProgress | null>(null)
  const [syncCalls, setSyncCalls] = useState(0)
  const [clockOffset, setClockOffset] = useState(0)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const pages = useRef(new Map<number, Page>())
  const inflight = useRef(new Set<string>())
  const generation = useRef(0)
  const visible = useRef<[number, number]>([0, 0])

  useEffect(() => {
    station.call('orders.view').then(setView, (err: unknown) => {
      setError(asStationError(err))
      setView({ filters: {}, sort: 'timeLeft', direction: null })
    })
  }, [station])

  useEffect(() => {
    const t = setTimeout(() => setAppliedSearch(search), SEARCH_DELAY_MS)
    return () => clearTimeout(t)
  }, [search])

  const query = useMemo(
    () => (view ? { filters: view.filters, sort: view.sort, direction: view.direction ?? undefined, search: appliedSearch } : null),
    [view, appliedSearch],
  )

  const fetchPage = useCallback(
    (page: number, gen: number) => {
      if (!query) return
      const key = `${gen}:${page}`
      if (inflight.current.has(key)) return
      inflight.current.add(key)
      const asked = Date.now()
      station.call('orders.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          inflight.current.delete(key)
          if (gen !== generation.current) return // a newer query or data change is already on its way
          pages.current.set(page, { generation: gen, postings: res.postings, rows: res.rows })
          setClockOffset(Date.parse(res.now) - (asked + Date.now()) / 2)
          setHead(res)
          setError(null)
          rerender()
        },
        (err: unknown) => {
          inflight.current.delete(key)
          if (gen === generation.current) setError(asStationError(err))
        },
      )
    },
    [station, query],
  )

  /** Asks again for the windows in view; the rows already shown stay until the new ones arrive. */
  const refresh = useCallback(() => {
    const gen = ++generation.current
    const [start, end] = visible.current
    const wanted = new Set([0])
    for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) wanted.add(p)
    for (const p of wanted) fetchPage(p, gen)
  }, [fetchPage])

  useEffect(() => {
    if (!query) return
    pages.current.clear() // another query: the old rows would be wrong, not just old
    refresh()
  }, [query, refresh])

  useEffect(() => {
    const t = setInterval(refresh, REFRESH_EVERY_MS)
    return () => clearInterval(t)
  }, [refresh])

  useStationEvent('orders.changed', () => {
    setProgress(null)
    refresh()
  })
  useStationEvent('sync.progress', (p) => setProgress(p.phase === 'done' || p.phase === 'failed' ? null : p))

  const need = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end]
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) {
        if (pages.current.get(p)?.generation !== generation.current) fetchPage(p, generation.current)
      }
    },
    [fetchPage],
  )

  const rowAt = useCallback((index: number): InboxRowData | undefined => {
    const page = pages.current.get(Math.floor(index / PAGE_SIZE))
    const i = index % PAGE_SIZE
    const posting = page?.postings[i]
    const info = page?.rows[i]
    return posting && info ? { posting, info } : undefined
  }, [])

  const saveView = useCallback(
    (next: InboxView) => {
      setView(next)
      station.call('orders.setView', next).catch((err: unknown) => setError(asStationError(err)))
    },
    [station],
  )

  const selectedOf = useCallback((facet: FacetName) => head?.facets[facet].filter((v) => v.selected).map((v) => v.value) ?? [], [head])

  const setFilter = useCallback(
    (facet: FacetName, values: string[]) => {
      if (!view) return
      const filters: InboxFilters = { ...view.filters, [facet]: values }
      saveView({ ...view, filters })
    },
    [view, saveView],
  )

  const sync = useCallback(async () => {
    setSyncCalls((n) => n + 1)
    try {
      await station.call('orders.sync')
    } catch (err) {
      setError(asStationError(err))
    } finally {
      setSyncCalls((n) => n - 1)
      setProgress(null)
    }
  }, [station])

  return {
    head,
    total: head?.total ?? 0,
    view,
    search,
    setSearch: setSearchText,
    toggleFacet: (facet, value) => {
      const current = selectedOf(facet)
      setFilter(facet, current.includes(value) ? current.filter((v) => v !== value) : [...current, value])
    },
    clearFacet: (facet) => setFilter(facet, []),
    resetFilters: () => view && saveView({ ...view, filters: {} }),
    setSort: (sort, direction) => view && saveView({ ...view, sort, direction: direction ?? null }),
    rowAt,
    need,
    clockOffset,
    progress,
    syncing: syncCalls > 0 || progress !== null || (head?.sync.running ?? false),
    sync,
    error,
  }
}
