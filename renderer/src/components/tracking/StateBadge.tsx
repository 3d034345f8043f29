// Where a package's tracking number stands, as a coloured word the packer reads at a glance.
import { useTranslation } from 'react-i18next'
import type { TrackingRow } from '../../../../shared/contract/tracking'

export function StateBadge({ row }: { row: Pick<TrackingRow, 'state' | 'need'> }) {
  const { t } = useTranslation('tracking')
  const tone = row.state === 'accepted' ? 'ok' : row.state === 'rejected' ? 'error' : row.state === 'waiting' ? 'warn' : row.need === 'required' ? 'error' : 'muted'
  return <span className={`tracking-state tracking-state-${tone}`}>{t(`state.${row.state}`)}</span>
}
