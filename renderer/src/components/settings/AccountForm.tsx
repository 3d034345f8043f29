// Connect an Ozon account: Client-Id + Api-Key, checked against Ozon at once. The API address hides under
// "Advanced" (only a sandbox needs another one). The key is dropped from this component's memory as soon as
// the account is saved; it never comes back from the station.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AddAccountResult } from '../../../../shared/contract/accounts'
import { DEFAULT_OZON_API_URL, isInconclusive } from '../../../../shared/domain/accounts'
import { useStation } from '../../api/StationContext'
import { CheckReport } from './CheckReport'
import { errorField, errorText } from './errors'

export function AccountForm({ onSaved, autoFocus = true }: { onSaved?: (result: AddAccountResult) => void; autoFocus?: boolean }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const id = useId()
  const [clientId, setClientId] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [label, setLabel] = useState('')
  const [url, setUrl] = useState(DEFAULT_OZON_API_URL)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<AddAccountResult | null>(null)
  const [error, setError] = useState<{ text: string; field?: string } | null>(null)

  const submit = async (saveUnverified: boolean) => {
    setBusy(true)
    setError(null)
    try {
      const r = await station.call('accounts.add', { clientId, apiKey, url, label: label.trim() || undefined, saveUnverified })
      setResult(r)
      if (r.saved) {
        setApiKey('') // the key lives on in the station only
        setClientId('')
        setLabel('')
        onSaved?.(r)
      }
    } catch (err) {
      setResult(null)
      setError({ text: errorText(err, t), field: errorField(err) })
    } finally {
      setBusy(false)
    }
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void submit(false)
  }
  const fieldError = (name: string) =>
    error?.field === name ? (
      <div className="field-error" role="alert">
        {error.text}
      </div>
    ) : null

  return (
    <form className="account-form" onSubmit={onSubmit} data-testid="account-form" autoComplete="off">
      <div className="field">
        <label htmlFor={`${id}-client`}>{t('accounts.form.clientId')}</label>
        <input
          id={`${id}-client`}
          name="clientId"
          inputMode="numeric"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          autoFocus={autoFocus}
          required
          spellCheck={false}
        />
        <div className="hint">{t('accounts.form.clientIdHint')}</div>
        {fieldError('clientId')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('accounts.form.apiKey')}</label>
        <input
          id={`${id}-key`}
          name="apiKey"
          type="password"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          required
          spellCheck={false}
          autoComplete="new-password"
        />
        <div className="hint">{t('accounts.form.apiKeyHint')}</div>
        {fieldError('apiKey')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('accounts.form.label')}</label>
        <input id={`${id}-label`} name="label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('accounts.form.labelHint')} />
        {fieldError('label')}
      </div>
      <details className="advanced" open={error?.field === 'url' || url !== DEFAULT_OZON_API_URL || undefined}>
        <summary>{t('accounts.form.advanced')}</summary>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('accounts.form.url')}</label>
          <input id={`${id}-url`} name="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
          <div className="hint">{t('accounts.form.urlHint', { url: DEFAULT_OZON_API_URL })}</div>
          {fieldError('url')}
        </div>
      </details>
      {error && !['clientId', 'apiKey', 'label', 'url'].includes(error.field ?? '') && (
        <div className="banner error" role="alert">
          {error.text}
        </div>
      )}
      {result && (
        <div className="form-result">
          {result.saved && <div className="saved-note">{t('accounts.form.connected', { label: result.account?.label ?? '' })}</div>}
          <CheckReport check={result.check} url={url} />
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? t('accounts.form.checking') : t('accounts.form.submit')}
        </button>
        {result && !result.saved && isInconclusive(result.check.outcome) && (
          <button type="button" disabled={busy} onClick={() => void submit(true)}>
            {t('accounts.form.saveAnyway')}
          </button>
        )}
      </div>
    </form>
  )
}
