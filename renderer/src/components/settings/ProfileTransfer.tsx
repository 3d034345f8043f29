// Export the bench profile as a JSON file (no Api-Keys, no PINs) and import one — so a warehouse sets up ten
// benches the same way. An import that fails names the field and changes nothing.
import { useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { StationError } from '../../../../shared/errors'
import type { ImportProblem } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { errorText } from './errors'

export function ProfileTransfer() {
  const { t } = useTranslation('settings')
  const station = useStation()
  const fileInput = useRef<HTMLInputElement>(null)
  const [keepBenchName, setKeepBenchName] = useState(true)
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; text: string; problems: ImportProblem[] } | null>(null)

  const exportFile = async () => {
    const { fileName, json } = await station.call('settings.export')
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = '' // the same file can be picked again after fixing it
    if (!file) return
    try {
      await station.call('settings.import', { json: await file.text(), keepBenchName })
      setOutcome({ ok: true })
    } catch (err) {
      const details = err instanceof StationError ? (err.details as { problems?: ImportProblem[] } | undefined) : undefined
      setOutcome({ ok: false, text: errorText(err, t), problems: details?.problems ?? [] })
    }
  }

  return (
    <div className="profile-transfer" data-testid="profile-transfer">
      <p className="muted">{t('transfer.hint')}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void exportFile()}>
          {t('transfer.export')}
        </button>
        {/* A real button (focusable, Enter/Space) opens the hidden file picker. */}
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('transfer.import')}
        </button>
        <input ref={fileInput} type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} className="visually-hidden" tabIndex={-1} data-testid="import-file" />
        <label className="check">
          <input type="checkbox" checked={keepBenchName} onChange={(e) => setKeepBenchName(e.target.checked)} /> {t('transfer.keepBenchName')}
        </label>
      </div>
      {outcome?.ok && (
        <div className="saved-note" role="status">
          {t('transfer.imported')}
        </div>
      )}
      {outcome && !outcome.ok && (
        <div className="banner error" role="alert" data-testid="import-problems">
          <div>{outcome.text}</div>
          {outcome.problems.length > 1 && (
            <ul>
              {outcome.problems.map((p, i) => (
                <li key={i}>
                  <span className="mono">{p.field || '—'}</span>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
