// Add an operator: a name and, if wanted, a 4-digit PIN.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useStation } from '../../api/StationContext'
import { errorField, errorText } from './errors'

export function OperatorForm({ makeCurrent = false, onAdded, autoFocus = false }: { makeCurrent?: boolean; onAdded?: () => void; autoFocus?: boolean }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const id = useId()
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<{ text: string; field?: string } | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await station.call('operators.add', { name, pin: pin || undefined, makeCurrent })
      setName('')
      setPin('')
      onAdded?.()
    } catch (err) {
      setError({ text: errorText(err, t), field: errorField(err) })
    }
  }

  return (
    <form className="operator-form" onSubmit={(e) => void submit(e)} data-testid="operator-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('operators.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required autoFocus={autoFocus} maxLength={60} />
        {error?.field === 'name' && <div className="field-error" role="alert">{error.text}</div>}
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-pin`}>{t('operators.pin')}</label>
        <input
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          pattern="\d{4}"
          maxLength={4}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          autoComplete="off"
        />
        <div className="hint">{t('operators.pinHint')}</div>
        {error?.field === 'pin' && <div className="field-error" role="alert">{error.text}</div>}
      </div>
      {error && error.field !== 'name' && error.field !== 'pin' && <div className="banner error" role="alert">{error.text}</div>}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('operators.add')}
        </button>
      </div>
    </form>
  )
}
