// The header's printing notice: when a job needs a person ("check the printer", failed, an auto-print with no
// printer or a label Ozon refused), a red button says how many and opens the print screen.
import { useTranslation } from 'react-i18next'
import { navigateTo } from '../packing/navigation'
import { useAttention } from './hooks'

/** The id of the print screen in renderer/src/screens/index.ts. */
export const PRINT_SCREEN_ID = 'printing'

export function PrintNotice() {
  const { t } = useTranslation('printing')
  const { data } = useAttention()
  const count = (data?.jobs.length ?? 0) + (data?.autoPrints.length ?? 0)
  if (count === 0) return null
  const unknown = data?.jobs.filter((j) => j.state === 'unknown').length ?? 0
  return (
    <button type="button" className="print-notice" onClick={() => navigateTo(PRINT_SCREEN_ID)} data-testid="print-notice" title={t('notice.title')}>
      <span aria-hidden="true">⚠</span> {unknown > 0 ? t('notice.checkPrinter', { count }) : t('notice.attention', { count })}
    </button>
  )
}
