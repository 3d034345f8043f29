// The bench profile's everyday fields: name, time zone, the warehouses and carriers it handles (the inbox's
// starting filters), labels, printing, verification, sounds and sync. Saved together; a bad value is shown
// next to its field.
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { BenchProfile } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { useStationQuery } from '../../hooks/useStationQuery'
import { errorField, errorText } from './errors'

/** The fields this form owns; language and the operator key are saved where they are chosen. */
type Draft = Pick<
  BenchProfile,
  'benchName' | 'timeZone' | 'warehouseIds' | 'carrierIds' | 'labelsPerPackage' | 'autoPrint' | 'verification' | 'sounds' | 'syncIntervalMinutes'
>

const draftOf = (p: BenchProfile): Draft => ({
  benchName: p.benchName,
  timeZone: p.timeZone,
  warehouseIds: p.warehouseIds,
  carrierIds: p.carrierIds,
  labelsPerPackage: p.labelsPerPackage,
  autoPrint: p.autoPrint,
  verification: p.verification,
  sounds: p.sounds,
  syncIntervalMinutes: p.syncIntervalMinutes,
})

/** Warehouse time zones of Russia, the common choices (any IANA name is accepted). */
const ZONES = ['Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka']

export function BenchForm({ profile }: { profile: BenchProfile }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const id = useId()
  const choices = useStationQuery('settings.choices', {})
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile))
  // The profile can change elsewhere (an import, another window): take it over unless the person is editing.
  const [base, setBase] = useState(profile)
  if (profile !== base) {
    setBase(profile)
    if (JSON.stringify(draft) === JSON.stringify(draftOf(base))) setDraft(draftOf(profile))
  }
  const [state, setState] = useState<{ saved?: boolean; error?: string; field?: string }>({})
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setState({})
  }
  const toggle = (key: 'warehouseIds' | 'carrierIds', value: string) =>
    set(key, draft[key].includes(value) ? draft[key].filter((v) => v !== value) : [...draft[key], value])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await station.call('settings.update', { profile: draft })
      setState({ saved: true })
    } catch (err) {
      setState({ error: errorText(err, t), field: errorField(err) })
    }
  }
  const problem = (field: string) =>
    state.field?.startsWith(`profile.${field}`) ? (
      <div className="field-error" role="alert">
        {state.error}
      </div>
    ) : null

  return (
    <form className="bench-form" onSubmit={(e) => void save(e)} data-testid="bench-form">
      <Row label={t('bench.name')} htmlFor={`${id}-name`} hint={t('bench.nameHint')}>
        <input id={`${id}-name`} value={draft.benchName} onChange={(e) => set('benchName', e.target.value)} maxLength={60} required />
        {problem('benchName')}
      </Row>
      <Row label={t('bench.timeZone')} htmlFor={`${id}-zone`} hint={t('bench.timeZoneHint')}>
        <input id={`${id}-zone`} list={`${id}-zones`} value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} spellCheck={false} />
        <datalist id={`${id}-zones`}>
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {problem('timeZone')}
      </Row>
      <fieldset className="choice-group">
        <legend>{t('bench.warehouses')}</legend>
        <div className="hint">{t('bench.warehousesHint')}</div>
        {choices.data?.warehouses.length === 0 && <div className="muted">{t('bench.noWarehouses')}</div>}
        <div className="checks">
          {choices.data?.warehouses.map((w) => (
            <label key={`${w.accountId}/${w.id}`} className="check">
              <input type="checkbox" checked={draft.warehouseIds.includes(w.id)} onChange={() => toggle('warehouseIds', w.id)} /> {w.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('bench.carriers')}</legend>
        {choices.data?.carriers.length === 0 && <div className="muted">{t('bench.noCarriers')}</div>}
        <div className="checks">
          {choices.data?.carriers.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={draft.carrierIds.includes(c.id)} onChange={() => toggle('carrierIds', c.id)} /> {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('bench.labelsPerPackage')}</legend>
        <div className="checks">
          {(['ozon', 'bag', 'both'] as const).map((v) => (
            <label key={v} className="check">
              <input type="radio" name={`${id}-labels`} checked={draft.labelsPerPackage === v} onChange={() => set('labelsPerPackage', v)} /> {t(`bench.labels.${v}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="choice-group">
        <legend>{t('bench.verification')}</legend>
        <div className="checks">
          {(['required', 'advisory'] as const).map((v) => (
            <label key={v} className="check">
              <input type="radio" name={`${id}-verify`} checked={draft.verification === v} onChange={() => set('verification', v)} /> {t(`bench.verificationModes.${v}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={draft.autoPrint} onChange={(e) => set('autoPrint', e.target.checked)} /> {t('bench.autoPrint')}
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.sounds.enabled} onChange={(e) => set('sounds', { ...draft.sounds, enabled: e.target.checked })} /> {t('bench.soundsOn')}
        </label>
        <label className="check">
          {t('bench.volume')}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={Math.round(draft.sounds.volume * 100)}
            disabled={!draft.sounds.enabled}
            onChange={(e) => set('sounds', { ...draft.sounds, volume: Number(e.target.value) / 100 })}
          />
          <span className="mono">{Math.round(draft.sounds.volume * 100)} %</span>
        </label>
      </div>
      <Row label={t('bench.syncInterval')} htmlFor={`${id}-sync`} hint={t('bench.syncIntervalHint')}>
        <input
          id={`${id}-sync`}
          type="number"
          min={0}
          max={120}
          value={draft.syncIntervalMinutes}
          onChange={(e) => set('syncIntervalMinutes', Number(e.target.value))}
          className="narrow-input"
        />
        {problem('syncIntervalMinutes')}
      </Row>
      {state.error && !state.field?.match(/^profile\.(benchName|timeZone|syncIntervalMinutes)/) && (
        <div className="banner error" role="alert">
          {state.error}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary big">
          {t('common.save')}
        </button>
        {state.saved && (
          <span className="saved-note" role="status">
            {t('common.saved')}
          </span>
        )}
      </div>
    </form>
  )
}

export function Row({ label, htmlFor, hint, children }: { label: string; htmlFor: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && <div className="hint">{hint}</div>}
    </div>
  )
}
