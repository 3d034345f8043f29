// Add or change a printer: how the station talks to it (driver + connection), the label stock, dots per inch,
// darkness and speed where the printer language has them, the ESC/POS code page, and which labels it prints at
// this bench. Every wrong field is shown next to it, in the bench's language.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { PrinterDraft } from '../../../../shared/contract/printing'
import {
  DARKNESS_RANGE,
  ESC_POS_CODE_PAGES,
  MAX_HEAD_WIDTH_MM,
  PRINTER_DRIVERS,
  PRINTER_PURPOSES,
  SPEED_RANGE_IPS,
  isRawTcpDriver,
  type Printer,
  type PrinterDriverName,
  type PrinterPurpose,
} from '../../../../shared/domain/printers'
import { StationError } from '../../../../shared/errors'
import { useStation } from '../../api/StationContext'
import { useStationQuery } from '../../hooks/useStationQuery'
import { errorText } from '../settings/errors'

/** The label sizes benches use (width across the head × length along the feed). */
const STOCKS = [
  [58, 40],
  [40, 58],
  [75, 120],
  [100, 150],
] as const

interface FormState {
  name: string
  driver: PrinterDriverName
  connection: string
  widthMm: string
  heightMm: string
  gapMm: string
  orientation: 'portrait' | 'landscape'
  dpi: 203 | 300
  darkness: string
  speedIps: string
  codePage: (typeof ESC_POS_CODE_PAGES)[number]
  purposes: PrinterPurpose[]
}

const stateOf = (p: Printer | null): FormState => ({
  name: p?.name ?? '',
  driver: p?.driver ?? 'zpl',
  connection: p?.connection ?? '',
  widthMm: String(p?.label.widthMm ?? 58),
  heightMm: String(p?.label.heightMm ?? 40),
  gapMm: String(p?.label.gapMm ?? 2),
  orientation: p?.orientation ?? 'portrait',
  dpi: p?.dpi ?? 203,
  darkness: p?.darkness === undefined ? '' : String(p.darkness),
  speedIps: p?.speedIps === undefined ? '' : String(p.speedIps),
  codePage: p?.codePage ?? 'PC866',
  purposes: p?.purposes ?? [],
})

const hasDarkness = (d: PrinterDriverName): d is 'zpl' | 'tspl' => d === 'zpl' || d === 'tspl'

/** A field's problem in the bench's language (the station's English sentence when there is no better one). */
export function fieldProblem(field: string, message: string, driver: PrinterDriverName, t: TFunction): string {
  const top = field.split('.')[0]
  if (top === 'name') return /already called/.test(message) ? t('form.errors.nameTaken') : t('form.errors.name')
  if (top === 'connection') {
    if (isRawTcpDriver(driver)) return t('form.errors.connectionTcp')
    return t(`form.errors.connection_${driver}`)
  }
  if (top === 'label') return t('form.errors.labelSize', { max: MAX_HEAD_WIDTH_MM })
  if (top === 'darkness' && hasDarkness(driver)) return t('form.errors.range', { min: DARKNESS_RANGE[driver][0], max: DARKNESS_RANGE[driver][1] })
  if (top === 'speedIps' && hasDarkness(driver)) return t('form.errors.range', { min: SPEED_RANGE_IPS[driver][0], max: SPEED_RANGE_IPS[driver][1] })
  return message
}

export function PrinterForm({ printer, demoFolder, onSaved, onCancel }: { printer: Printer | null; demoFolder: string; onSaved: (p: Printer) => void; onCancel: () => void }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const id = useId()
  const [form, setForm] = useState<FormState>(() => stateOf(printer))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [general, setGeneral] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const widthInput = useRef<HTMLInputElement>(null)
  const system = useStationQuery('printing.systemPrinters', {})
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => {
      const { [key === 'widthMm' || key === 'heightMm' || key === 'gapMm' ? 'label' : key]: _gone, ...rest } = e
      return rest
    })
  }

  const raw = isRawTcpDriver(form.driver)
  const save = async (e: FormEvent) => {
    e.preventDefault()
    const num = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(',', '.')))
    const local: Record<string, string> = {}
    const [w, h, gap] = [num(form.widthMm), num(form.heightMm), num(form.gapMm)]
    if (!Number.isFinite(w) || !Number.isFinite(h) || !Number.isFinite(gap)) local.label = t('form.errors.number')
    const whole = (s: string) => (s.trim() === '' ? null : Number.isInteger(Number(s)) ? Number(s) : NaN)
    const darkness = hasDarkness(form.driver) ? whole(form.darkness) : null
    const speedIps = hasDarkness(form.driver) ? whole(form.speedIps) : null
    if (Number.isNaN(darkness)) local.darkness = t('form.errors.whole')
    if (Number.isNaN(speedIps)) local.speedIps = t('form.errors.whole')
    if (Object.keys(local).length > 0) {
      setErrors(local)
      return
    }
    const draft: PrinterDraft = {
      ...(printer ? { id: printer.id } : {}),
      name: form.name,
      driver: form.driver,
      connection: form.connection,
      label: { widthMm: w, heightMm: h, gapMm: gap },
      orientation: form.orientation,
      dpi: form.dpi,
      darkness,
      speedIps,
      codePage: form.codePage,
      purposes: form.purposes,
    }
    setSaving(true)
    setGeneral(null)
    try {
      onSaved(await station.call('printing.savePrinter', { printer: draft }))
    } catch (err) {
      const fields = err instanceof StationError ? (err.details as { fields?: Record<string, string> } | undefined)?.fields : undefined
      if (fields) setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [f.split('.')[0]!, fieldProblem(f, m, form.driver, t)])))
      else setGeneral(errorText(err, t))
    } finally {
      setSaving(false)
    }
  }

  const fieldError = (key: string) =>
    errors[key] ? (
      <div className="field-error" role="alert" id={`${id}-${key}-error`}>
        {errors[key]}
      </div>
    ) : null
  const described = (key: string) => (errors[key] ? `${id}-${key}-error` : undefined)
  const stockKey = STOCKS.find(([sw, sh]) => String(sw) === form.widthMm && String(sh) === form.heightMm)?.join('x') ?? 'custom'

  return (
    <form className="printer-form" onSubmit={(e) => void save(e)} data-testid="printer-form" noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('form.name')}</label>
        <input id={`${id}-name`} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={80} autoFocus aria-invalid={!!errors.name} aria-describedby={described('name')} />
        {fieldError('name')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-driver`}>{t('form.driver')}</label>
        <select
          id={`${id}-driver`}
          value={form.driver}
          onChange={(e) => {
            const driver = e.target.value as PrinterDriverName
            // Darkness and speed belong to ZPL and TSPL only; another language must not carry them.
            // A new folder printer starts in the demo folder, so it works at once.
            setForm((f) => ({
              ...f,
              driver,
              ...(hasDarkness(driver) ? {} : { darkness: '', speedIps: '' }),
              ...(driver === 'folder' && f.connection.trim() === '' ? { connection: demoFolder } : {}),
            }))
            setErrors({})
          }}
        >
          {PRINTER_DRIVERS.map((d) => (
            <option key={d} value={d} disabled={d === 'windows' && !system.data?.system.length && printer?.driver !== 'windows'}>
              {t(`drivers.${d}`)}
            </option>
          ))}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-connection`}>{t(`form.connection_${raw ? 'tcp' : form.driver}`)}</label>
        <input
          id={`${id}-connection`}
          className="mono-input"
          value={form.connection}
          onChange={(e) => set('connection', e.target.value)}
          placeholder={t(`form.connectionExample_${raw ? 'tcp' : form.driver}`)}
          list={form.driver === 'cups' || form.driver === 'windows' ? `${id}-system` : undefined}
          aria-invalid={!!errors.connection}
          aria-describedby={described('connection')}
          spellCheck={false}
        />
        <datalist id={`${id}-system`}>
          {(form.driver === 'cups' ? (system.data?.cups ?? []) : (system.data?.system.map((s) => s.name) ?? [])).map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <div className="hint">{t(`form.connectionHint_${raw ? 'tcp' : form.driver}`)}</div>
        {fieldError('connection')}
      </div>

      <fieldset className="choice-group">
        <legend>{t('form.stock')}</legend>
        <div className="checks">
          {STOCKS.map(([sw, sh]) => (
            <label key={`${sw}x${sh}`} className="check">
              <input
                type="radio"
                name={`${id}-stock`}
                checked={stockKey === `${sw}x${sh}`}
                onChange={() => setForm((f) => ({ ...f, widthMm: String(sw), heightMm: String(sh) }))}
              />{' '}
              {sw}×{sh}
            </label>
          ))}
          <label className="check">
            <input type="radio" name={`${id}-stock`} checked={stockKey === 'custom'} onChange={() => widthInput.current?.focus()} /> {t('form.customSize')}
          </label>
        </div>
        <div className="inline-form">
          <label>
            {t('form.width')}
            <input ref={widthInput} className="narrow-input" inputMode="decimal" value={form.widthMm} onChange={(e) => set('widthMm', e.target.value)} aria-invalid={!!errors.label} aria-describedby={described('label')} />
          </label>
          <label>
            {t('form.height')}
            <input className="narrow-input" inputMode="decimal" value={form.heightMm} onChange={(e) => set('heightMm', e.target.value)} aria-invalid={!!errors.label} />
          </label>
          <label>
            {t('form.gap')}
            <input className="narrow-input" inputMode="decimal" value={form.gapMm} onChange={(e) => set('gapMm', e.target.value)} />
          </label>
        </div>
        {fieldError('label')}
      </fieldset>

      <div className="form-columns">
        <fieldset className="choice-group">
          <legend>{t('form.orientation')}</legend>
          <div className="checks">
            {(['portrait', 'landscape'] as const).map((o) => (
              <label key={o} className="check">
                <input type="radio" name={`${id}-orientation`} checked={form.orientation === o} onChange={() => set('orientation', o)} /> {t(`form.orientations.${o}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t('form.dpi')}</legend>
          <div className="checks">
            {([203, 300] as const).map((d) => (
              <label key={d} className="check">
                <input type="radio" name={`${id}-dpi`} checked={form.dpi === d} onChange={() => set('dpi', d)} /> {t('form.dpiValue', { dpi: d, perMm: d === 203 ? 8 : 12 })}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      {hasDarkness(form.driver) && (
        <div className="form-columns">
          <div className="field narrow">
            <label htmlFor={`${id}-darkness`}>{t('form.darkness', { min: DARKNESS_RANGE[form.driver][0], max: DARKNESS_RANGE[form.driver][1] })}</label>
            <input id={`${id}-darkness`} inputMode="numeric" value={form.darkness} onChange={(e) => set('darkness', e.target.value)} placeholder={t('form.keepPrinter')} aria-invalid={!!errors.darkness} aria-describedby={described('darkness')} />
            {fieldError('darkness')}
          </div>
          <div className="field narrow">
            <label htmlFor={`${id}-speed`}>{t('form.speed', { min: SPEED_RANGE_IPS[form.driver][0], max: SPEED_RANGE_IPS[form.driver][1] })}</label>
            <input id={`${id}-speed`} inputMode="numeric" value={form.speedIps} onChange={(e) => set('speedIps', e.target.value)} placeholder={t('form.keepPrinter')} aria-invalid={!!errors.speedIps} aria-describedby={described('speedIps')} />
            {fieldError('speedIps')}
          </div>
        </div>
      )}

      {(form.driver === 'escpos-epson' || form.driver === 'escpos-star') && (
        <div className="field narrow">
          <label htmlFor={`${id}-codepage`}>{t('form.codePage')}</label>
          <select id={`${id}-codepage`} value={form.codePage} onChange={(e) => set('codePage', e.target.value as FormState['codePage'])}>
            {ESC_POS_CODE_PAGES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <div className="hint">{t('form.codePageHint')}</div>
        </div>
      )}

      <fieldset className="choice-group">
        <legend>{t('form.purposes')}</legend>
        <div className="checks">
          {PRINTER_PURPOSES.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={form.purposes.includes(p)}
                onChange={(e) => set('purposes', e.target.checked ? [...form.purposes, p] : form.purposes.filter((x) => x !== p))}
              />{' '}
              {t(`purposes.${p}`)}
            </label>
          ))}
        </div>
        <div className="hint">{t('form.purposesHint')}</div>
      </fieldset>

      {general && (
        <div className="banner error" role="alert">
          {general}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary big" disabled={saving} data-testid="save-printer">
          {saving ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  )
}
