// Days the warehouse works or rests against the Russian production calendar. Deadlines (Ozon cancels an
// overdue posting at the end of the next business day) are judged with these.
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BenchProfile } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { formatDate } from './CheckReport'
import { errorText } from './errors'

export function CalendarOverrides({ profile }: { profile: BenchProfile }) {
  const { t, i18n } = useTranslation('settings')
  const station = useStation()
  const id = useId()
  const [date, setDate] = useState('')
  const [working, setWorking] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const overrides = [...profile.calendarOverrides].sort((a, b) => a.date.localeCompare(b.date))

  const save = async (next: BenchProfile['calendarOverrides']) => {
    setError(null)
    try {
      await station.call('settings.update', { profile: { calendarOverrides: next } })
      return true
    } catch (err) {
      setError(errorText(err, t))
      return false
    }
  }
  const add = async (e: FormEvent) => {
    e.preventDefault()
    const rest = profile.calendarOverrides.filter((o) => o.date !== date)
    if (await save([...rest, { date, working }])) setDate('')
  }

  return (
    <div className="calendar-overrides" data-testid="calendar-overrides">
      <p className="muted">{t('calendar.hint')}</p>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <label htmlFor={`${id}-date`}>{t('calendar.date')}</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={working} onChange={() => setWorking(true)} /> {t('calendar.working')}
        </label>
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={!working} onChange={() => setWorking(false)} /> {t('calendar.dayOff')}
        </label>
        <button type="submit" className="primary">
          {t('calendar.add')}
        </button>
      </form>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {overrides.length === 0 ? (
        <p className="muted">{t('calendar.empty')}</p>
      ) : (
        <ul className="plain-list">
          {overrides.map((o) => (
            <li key={o.date}>
              <span className="mono">{o.date}</span> · {formatDate(`${o.date}T12:00:00Z`, i18n.language)} — <strong>{o.working ? t('calendar.working') : t('calendar.dayOff')}</strong>
              <button type="button" onClick={() => void save(profile.calendarOverrides.filter((x) => x.date !== o.date))}>
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
