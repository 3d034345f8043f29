// The live status dot of a printer: green when it is ready (or at least reachable, where it cannot say more),
// red with the reason when it reports paper out, an open cover or is offline. Asked every 10 s while visible.
import { useTranslation } from 'react-i18next'
import type { PrinterStatus } from '../../../../shared/domain/printers'
import { usePrinterStatus } from './hooks'

export function statusTone(s: PrinterStatus | null): 'checking' | 'ok' | 'warn' | 'bad' {
  if (!s) return 'checking'
  if (!s.reachable || s.problems.length > 0) return 'bad'
  return s.paperLow ? 'warn' : 'ok'
}

export function StatusText({ status }: { status: PrinterStatus | null }) {
  const { t } = useTranslation('printing')
  if (!status) return <>{t('status.checking')}</>
  if (!status.reachable) return <>{t('status.offline')}</>
  if (status.problems.length > 0) return <>{status.problems.map((p) => t(`status.problem.${p}`)).join(', ')}</>
  const base = status.detailed ? t('status.ready') : t('status.reachable')
  return <>{status.paperLow ? `${base}, ${t('status.paperLow')}` : base}</>
}

export function StatusDot({ printerId, pollMs }: { printerId: string; pollMs?: number }) {
  const { status } = usePrinterStatus(printerId, pollMs)
  const tone = statusTone(status)
  return (
    <span className={`printer-status tone-${tone}`} title={status?.message} data-testid={`status-${printerId}`} data-tone={tone} role="status">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">
        <StatusText status={status} />
      </span>
    </span>
  )
}
