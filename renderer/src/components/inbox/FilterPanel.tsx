// The filters, each a group of values with their counts ("Склад Север — 42"). Values toggle; "All" clears a
// group. Every value is a button in the tab order, and Alt+1…6 jumps to a group.
import { forwardRef, useImperativeHandle, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { FacetValueInfo, OrdersList } from '../../../../shared/contract'
import type { FacetName } from '../../../../shared/domain/inbox-query'

export interface FilterPanelHandle {
  /** Focuses the first button of the n-th group (0-based). */
  focusGroup(n: number): void
}

interface Props {
  facets: OrdersList['facets'] | undefined
  onToggle: (facet: FacetName, value: string) => void
  onClear: (facet: FacetName) => void
  onReset: () => void
}

/** Groups shown, in order; the account group appears only with more than one account. */
export const GROUPS: readonly FacetName[] = ['status', 'warehouse', 'carrier', 'deliveryMethod', 'integration', 'account']

export const FilterPanel = forwardRef<FilterPanelHandle, Props>(function FilterPanel({ facets, onToggle, onClear, onReset }, ref) {
  const { t } = useTranslation('inbox')
  const groups = useRef<(HTMLFieldSetElement | null)[]>([])
  useImperativeHandle(ref, () => ({
    focusGroup: (n) => groups.current[n]?.querySelector<HTMLButtonElement>('button')?.focus(),
  }))

  const label = (facet: FacetName, v: FacetValueInfo) => {
    if (facet === 'status') return t(`orders:status.${v.value}`, { defaultValue: v.value })
    if (facet === 'integration') return t(`integration.${v.value}`, { defaultValue: v.value })
    return v.label || t('noCarrier')
  }

  const shown = GROUPS.filter((f) => facets && (f !== 'account' || facets.account.length > 1))
  return (
    <aside className="inbox-filters" aria-label={t('filtersLabel')}>
      {shown.map((facet, n) => {
        const values = facets?.[facet] ?? []
        const none = !values.some((v) => v.selected)
        return (
          <fieldset key={facet} className="facet" ref={(el) => void (groups.current[n] = el)} data-facet={facet}>
            <legend>
              {t(`facets.${facet}`)} <kbd>Alt+{n + 1}</kbd>
            </legend>
            <button type="button" className={`facet-value all${none ? ' on' : ''}`} aria-pressed={none} onClick={() => onClear(facet)}>
              {t('facetAll')}
            </button>
            {values.map((v) => (
              <button
                key={v.value}
                type="button"
                className={`facet-value${v.selected ? ' on' : ''}${v.count === 0 ? ' zero' : ''}`}
                aria-pressed={v.selected}
                data-value={v.value}
                aria-label={t('facetValue', { label: label(facet, v), count: v.count })}
                title={t('facetValue', { label: label(facet, v), count: v.count })}
                onClick={() => onToggle(facet, v.value)}
              >
                <span className="facet-label">{label(facet, v)}</span>
                <span className="facet-count">{v.count}</span>
              </button>
            ))}
          </fieldset>
        )
      })}
      <button type="button" className="reset-filters" onClick={onReset}>
        {t('resetFilters')} <kbd>Alt+0</kbd>
      </button>
    </aside>
  )
})
