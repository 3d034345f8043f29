// The accounts the station knows: which is active, which waits for its key, which was removed (postings kept
// read-only until their data is deleted). Removing and deleting always ask first.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountInfo, AccountsList, AddAccountResult } from '../../../../shared/contract/accounts'
import { useStation } from '../../api/StationContext'
import { CheckReport } from './CheckReport'
import { Dialog } from './Dialog'
import { errorText } from './errors'

type Confirm = { kind: 'remove' | 'deleteData'; account: AccountInfo } | null

export function AccountList({ list, onChanged }: { list: AccountsList; onChanged: () => void }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [error, setError] = useState<string | null>(null)

  const act = async (work: () => Promise<unknown>) => {
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(errorText(err, t))
    }
    onChanged()
  }

  const confirmed = async () => {
    if (!confirm) return
    const { kind, account } = confirm
    setConfirm(null)
    await act(() => station.call(kind === 'remove' ? 'accounts.remove' : 'accounts.deleteData', { id: account.id, confirm: true }))
  }

  return (
    <div className="account-list" data-testid="account-list">
      <p className="muted">{t(`accounts.storage.${list.secretStorage}`)}</p>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {list.accounts.map((a) => (
        <AccountCard key={a.id} account={a} onAct={act} onRemove={() => setConfirm({ kind: 'remove', account: a })} onDeleteData={() => setConfirm({ kind: 'deleteData', account: a })} />
      ))}
      {confirm && (
        <Dialog
          title={t(confirm.kind === 'remove' ? 'accounts.removeConfirm.title' : 'accounts.deleteConfirm.title', { label: confirm.account.label })}
          onClose={() => setConfirm(null)}
          testId="confirm-dialog"
        >
          <p>{t(confirm.kind === 'remove' ? 'accounts.removeConfirm.text' : 'accounts.deleteConfirm.text', { count: confirm.account.postings, label: confirm.account.label })}</p>
          <div className="form-actions">
            <button type="button" onClick={() => setConfirm(null)} data-autofocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void confirmed()}>
              {t(confirm.kind === 'remove' ? 'accounts.removeConfirm.ok' : 'accounts.deleteConfirm.ok')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  )
}

function AccountCard({
  account: a,
  onAct,
  onRemove,
  onDeleteData,
}: {
  account: AccountInfo
  onAct: (work: () => Promise<unknown>) => Promise<void>
  onRemove: () => void
  onDeleteData: () => void
}) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [newKey, setNewKey] = useState<string | null>(a.state === 'needs_key' ? '' : null)
  const [keyResult, setKeyResult] = useState<AddAccountResult | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)

  const replaceKey = async (e: FormEvent) => {
    e.preventDefault()
    if (newKey === null) return
    await onAct(async () => {
      const r = await station.call('accounts.replaceKey', { id: a.id, apiKey: newKey })
      setKeyResult(r)
      if (r.saved) setNewKey(null) // forget the key here as soon as the station has it
    })
  }
  const rename = async (e: FormEvent) => {
    e.preventDefault()
    if (renaming === null) return
    await onAct(() => station.call('accounts.rename', { id: a.id, label: renaming }))
    setRenaming(null)
  }

  const isDemoLeftover = a.source === 'demo' && a.state === 'removed'
  return (
    <article className={`account-card state-${a.state}`} data-account={a.id}>
      <header className="account-head">
        <h3>{isDemoLeftover ? t('accounts.demoLeftover') : a.label}</h3>
        <span className={`pill state-${a.state}`}>{t(`accounts.state.${a.state}`)}</span>
        <span className="pill">{t(`accounts.source.${a.source}`)}</span>
      </header>
      <dl className="account-facts">
        <dt>Client-Id</dt>
        <dd className="mono">{a.clientId}</dd>
        {a.url && (
          <>
            <dt>{t('accounts.form.url')}</dt>
            <dd className="mono">{a.url}</dd>
          </>
        )}
        <dt>{t('accounts.postingsLabel')}</dt>
        <dd>{a.postings}</dd>
      </dl>
      {a.state === 'needs_key' && <p className="warning">{t('accounts.needsKeyHint')}</p>}
      {a.state === 'removed' && <p className="muted">{t('accounts.removedHint', { count: a.postings })}</p>}
      {a.lastCheck && !keyResult && <CheckReport check={a.lastCheck} url={a.url} />}
      {keyResult && <CheckReport check={keyResult.check} url={a.url} />}

      {newKey !== null && (
        <form className="inline-form" onSubmit={(e) => void replaceKey(e)}>
          <label>
            {t('accounts.newKey')}
            <input type="password" value={newKey} onChange={(e) => setNewKey(e.target.value)} autoComplete="new-password" spellCheck={false} required />
          </label>
          <button type="submit" className="primary">
            {t('accounts.form.submit')}
          </button>
        </form>
      )}
      {renaming !== null && (
        <form className="inline-form" onSubmit={(e) => void rename(e)}>
          <label>
            {t('accounts.form.label')}
            <input value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus required />
          </label>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={() => setRenaming(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}

      <div className="form-actions">
        {a.source === 'ui' && a.state === 'active' && (
          <>
            <button type="button" onClick={() => void onAct(() => station.call('accounts.recheck', { id: a.id }))}>
              {t('accounts.recheck')}
            </button>
            <button type="button" onClick={() => setNewKey('')}>
              {t('accounts.replaceKey')}
            </button>
            <button type="button" onClick={() => setRenaming(a.label)}>
              {t('accounts.rename')}
            </button>
            <button type="button" className="danger" onClick={onRemove}>
              {t('accounts.remove')}
            </button>
          </>
        )}
        {a.source === 'ui' && a.state === 'needs_key' && (
          <button type="button" className="danger" onClick={onRemove}>
            {t('accounts.remove')}
          </button>
        )}
        {a.source === 'env' && (
          <>
            <button type="button" onClick={() => void onAct(() => station.call('accounts.recheck', { id: a.id }))}>
              {t('accounts.recheck')}
            </button>
            <span className="muted">{t('accounts.envHint')}</span>
          </>
        )}
        {a.source === 'demo' && a.state === 'active' && <span className="muted">{t('accounts.demoHint')}</span>}
        {a.state === 'removed' && (
          <button type="button" className="danger" onClick={onDeleteData}>
            {t('accounts.deleteData', { count: a.postings })}
          </button>
        )}
      </div>
    </article>
  )
}
