// What Ozon said about a key, in words a seller can act on: works (until when), wrong key, no FBS rights,
// expires soon / expired, no connection.
import { useTranslation } from 'react-i18next'
import type { AccessCheck } from '../../../../shared/domain/accounts'
import { localeOf } from '../../format'

const TONE: Record<AccessCheck['outcome'], 'ok' | 'warn' | 'error'> = {
  ok: 'ok',
  expires_soon: 'warn',
  expired: 'error',
  wrong_key: 'error',
  missing_roles: 'error',
  restricted: 'error',
  unreachable: 'warn',
  ozon_unavailable: 'warn',
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso))
}

export function CheckReport({ check, url }: { check: AccessCheck; url?: string }) {
  const { t, i18n } = useTranslation('settings')
  const params = {
    date: check.expiresAt ? formatDate(check.expiresAt, i18n.language) : '—',
    days: check.daysLeft ?? 0,
    count: Math.max(check.daysLeft ?? 0, 0),
    roles: check.roles.join(', ') || '—',
    detail: check.detail,
    url: url ?? '',
  }
  return (
    <div className={`check-report tone-${TONE[check.outcome]}`} role="status" data-testid="check-report" data-outcome={check.outcome}>
      <strong>{t(`accounts.check.${check.outcome}`, params)}</strong>
      {check.outcome === 'ok' && check.expiresAt && <div>{t('accounts.check.validUntil', params)}</div>}
      {(check.outcome === 'ok' || check.outcome === 'expires_soon') && (
        <div className="muted">{check.rolesKnown ? t('accounts.check.roles', params) : t('accounts.check.rolesUnknown')}</div>
      )}
      {(check.outcome === 'unreachable' || check.outcome === 'ozon_unavailable' || check.outcome === 'restricted') && check.detail && (
        <div className="muted mono-wrap">{t('accounts.check.ozonSaid', params)}</div>
      )}
    </div>
  )
}
