// The virtualised list: only the rows in view (plus a few) exist in the page, so 10,000 postings scroll like
// 20. It asks the data hook for the windows it is about to show and keeps the selected row in view.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { InboxRow, ROW_HEIGHT } from './InboxRow'
import type { InboxRowData } from './useInbox'

export interface InboxListHandle {
  scrollTo(index: number): void
  focus(): void
  /** How many rows fit in view (for PageUp/PageDown). */
  pageSize(): number
}

interface Props {
  total: number
  rowAt: (index: number) => InboxRowData | undefined
  need: (start: number, end: number) => void
  selected: number
  onSelect: (index: number) => void
  onOpen: (index: number) => void
  nowMs: number
  timeZone: string
  showAccount: boolean
  accountLabel: (id: string) => string
}

/** Before the first layout (or where there is none, as in unit tests) the list assumes the window's height. */
function observeWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width || window.innerWidth, height: window.innerHeight }))
}

export const InboxList = forwardRef<InboxListHandle, Props>(function InboxList(props, ref) {
  const { t } = useTranslation('inbox')
  const { total, rowAt, need, selected, onSelect, onOpen } = props
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    observeElementRect: observeWithFallback,
  })
  const items = virtualizer.getVirtualItems()
  const start = items[0]?.index ?? 0
  const end = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (total > 0) need(start, end)
  }, [need, start, end, total])

  useImperativeHandle(
    ref,
    () => ({
      scrollTo: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
      focus: () => scroller.current?.focus(),
      pageSize: () => Math.max(1, Math.floor((scroller.current?.clientHeight || window.innerHeight) / ROW_HEIGHT) - 1),
    }),
    [virtualizer],
  )

  return (
    <div className="inbox-grid" role="grid" aria-rowcount={total + 1} aria-label={t('listLabel')}>
      <div className="inbox-row inbox-head" role="row" aria-rowindex={1}>
        <div className="cell" role="columnheader">{t('columns.posting')}</div>
        <div className="cell" role="columnheader">{t('columns.items')}</div>
        <div className="cell" role="columnheader">{t('columns.where')}</div>
        <div className="cell" role="columnheader">{t('columns.deadline')}</div>
        <div className="cell" role="columnheader">{t('columns.money')}</div>
        <div className="cell" role="columnheader">{t('columns.status')}</div>
        <div className="cell" role="columnheader" />
      </div>
      <div className="inbox-scroll" ref={scroller} tabIndex={0} data-testid="inbox-list">
        <div className="inbox-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => (
            <InboxRow
              key={v.index}
              index={v.index}
              top={v.start}
              data={rowAt(v.index)}
              selected={v.index === selected}
              nowMs={props.nowMs}
              timeZone={props.timeZone}
              showAccount={props.showAccount}
              accountLabel={props.accountLabel}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          ))}
        </div>
      </div>
    </div>
  )
})
