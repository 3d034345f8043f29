// Settings → Printers (and the printer step of the first run): the bench's printers with a live status dot,
// which prints bag labels and which Ozon's labels, where the folder printer puts its files, add / edit / remove,
// a test print per printer — and the label check, the one printing choice of the bench profile kept here.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Printer } from '../../../../shared/domain/printers'
import { useStation } from '../../api/StationContext'
import { Dialog } from '../settings/Dialog'
import { errorText } from '../settings/errors'
import { useSettings } from '../settings/hooks'
import { usePrinters } from './hooks'
import { PrinterForm } from './PrinterForm'
import { StatusDot } from './StatusDot'
import { TestPrintButton } from './TestPrint'

export const DEMO_PRINTER_IDS = ['demo-bag-labels', 'demo-ozon-labels']

export function PrinterSettings({ firstRun = false }: { firstRun?: boolean }) {
  const { t } = useTranslation('printing')
  const station = useStation()
  const printers = usePrinters()
  const [editing, setEditing] = useState<Printer | 'new' | null>(null)
  const [removing, setRemoving] = useState<Printer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const view = printers.data
  const demoInUse = view?.printers.some((p) => DEMO_PRINTER_IDS.includes(p.id) && p.purposes.length > 0)

  const remove = async (p: Printer) => {
    try {
      await station.call('printing.removePrinter', { printerId: p.id })
      setRemoving(null)
    } catch (err) {
      setError(errorText(err, t))
    }
  }

  return (
    <div data-testid="printer-placeholder">
      <section className="printer-settings" data-testid="printer-settings">
        {demoInUse && view && (
          <p className="notice" data-testid="demo-printer-note">
            {t('list.demoNote', { folder: view.demoFolder })}
          </p>
        )}
        {view && view.printers.length === 0 && <p className="notice">{t('list.none')}</p>}
        <ul className="printer-list">
          {view?.printers.map((p) => (
            <li key={p.id} className="printer-card" data-printer={p.id}>
              <div className="printer-head">
                <h3>{p.name}</h3>
                <StatusDot printerId={p.id} />
                {p.purposes.map((x) => (
                  <span key={x} className="chip purpose">
                    {t(`purposes.${x}`)}
                  </span>
                ))}
                {p.purposes.length === 0 && <span className="chip muted">{t('list.noPurpose')}</span>}
              </div>
              <dl className="printer-facts">
                <dt>{t('list.driver')}</dt>
                <dd>{t(`drivers.${p.driver}`)}</dd>
                <dt>{t(p.driver === 'folder' ? 'list.folder' : 'list.connection')}</dt>
                <dd className="mono-wrap">{p.connection}</dd>
                <dt>{t('list.stock')}</dt>
                <dd>
                  {t('list.stockValue', { w: p.label.widthMm, h: p.label.heightMm, dpi: p.dpi, orientation: t(`form.orientations.${p.orientation}`) })}
                  {p.darkness !== undefined && ` · ${t('list.darknessValue', { value: p.darkness })}`}
                  {p.speedIps !== undefined && ` · ${t('list.speedValue', { value: p.speedIps })}`}
                </dd>
              </dl>
              <div className="form-actions">
                <TestPrintButton printer={p} />
                <button type="button" onClick={() => setEditing(p)} data-testid={`edit-${p.id}`}>
                  {t('list.edit')}
                </button>
                <button type="button" className="danger" onClick={() => setRemoving(p)}>
                  {t('list.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" className="primary big" onClick={() => setEditing('new')} data-testid="add-printer">
            {t('list.add')}
          </button>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        {!firstRun && <LabelCheckSetting />}
      </section>

      {editing && view && (
        <Dialog title={editing === 'new' ? t('form.addTitle') : t('form.editTitle', { name: editing.name })} onClose={() => setEditing(null)} testId="printer-dialog">
          <PrinterForm printer={editing === 'new' ? null : editing} demoFolder={view.demoFolder} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
        </Dialog>
      )}
      {removing && (
        <Dialog title={t('remove.title', { name: removing.name })} onClose={() => setRemoving(null)} testId="remove-printer-dialog">
          <p>{removing.purposes.length > 0 ? t('remove.withPurposes', { purposes: removing.purposes.map((x) => t(`purposes.${x}`)).join(', ') }) : t('remove.plain')}</p>
          <div className="form-actions">
            <button type="button" className="danger big" onClick={() => void remove(removing)} autoFocus>
              {t('remove.confirm')}
            </button>
            <button type="button" onClick={() => setRemoving(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  )
}

/** The label check: after printing, the packer scans the label just printed (a bench setting, off by default). */
function LabelCheckSetting() {
  const { t } = useTranslation('printing')
  const station = useStation()
  const settings = useSettings()
  const [error, setError] = useState<string | null>(null)
  const on = settings.data?.profile.labelCheck ?? false
  return (
    <div className="label-check-setting">
      <h3>{t('check.settingTitle')}</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          disabled={!settings.data}
          onChange={(e) => {
            setError(null)
            station.call('settings.update', { profile: { labelCheck: e.target.checked } }).then(
              () => settings.reload(),
              (err: unknown) => setError(errorText(err, t)),
            )
          }}
          data-testid="label-check-setting"
        />{' '}
        {t('check.setting')}
      </label>
      <p className="hint">{t('check.settingHint')}</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
