// The warehouse's preparation limits: how long a posting may wait to be packed, then to be handed over.
// The inbox warns on the postings that exceed them (Ozon notifies and then cancels such postings).
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BenchProfile } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { errorText } from './errors'

type Limits = BenchProfile['preparationLimits']
type Stage = keyof Limits

export function PreparationLimitsForm({ profile }: { profile: BenchProfile }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [limits, setLimits] = useState<Limits>(profile.preparationLimits)
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)

  const change = (stage: Stage, patch: Partial<Limits[Stage]>) => setLimits((l) => ({ ...l, [stage]: { ...l[stage], ...patch } }))
  const save = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await station.call('settings.update', { profile: { preparationLimits: limits } })
      setMessage({ tone: 'ok', text: t('preparation.saved') })
    } catch (err) {
      setMessage({ tone: 'error', text: errorText(err, t) })
    }
  }

  return (
    <form className="preparation-limits" data-testid="preparation-limits" onSubmit={(e) => void save(e)}>
      <h2>{t('preparation.title')}</h2>
      <p className="muted">{t('preparation.hint')}</p>
      {(['packing', 'handover'] as const).map((stage) => (
        <div className="inline-form" key={stage}>
          <label htmlFor={`limit-${stage}`}>{t(`preparation.${stage}`)}</label>
          <input
            id={`limit-${stage}`}
            type="number"
            min={1}
            max={60}
            value={limits[stage].days}
            onChange={(e) => change(stage, { days: Number(e.target.value) })}
            required
          />
          <select aria-label={t(`preparation.${stage}`)} value={limits[stage].unit} onChange={(e) => change(stage, { unit: e.target.value as Limits[Stage]['unit'] })}>
            <option value="calendar">{t('preparation.calendar')}</option>
            <option value="business">{t('preparation.business')}</option>
          </select>
          <span>{t('preparation.days')}</span>
        </div>
      ))}
      <button type="submit" className="primary">
        {t('preparation.save')}
      </button>
      {message && (
        <div className={message.tone === 'ok' ? 'banner ok' : 'banner error'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
    </form>
  )
}
