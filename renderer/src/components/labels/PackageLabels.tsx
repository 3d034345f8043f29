// The labels of the packages just packed: where Ozon's label of each one stands (ready / waiting (32 s) /
// failed: Ozon's reason, with "ask again"), and a preview of the selected package's label at true size or
// zoomed — the station's bag label or Ozon's, as the bench prints them. Shown on the packing result.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BagLabelPreview, OzonLabelPreview, ZOOMS, type PreviewKind, type Zoom } from './LabelPreview'
import { OzonLabelState } from './OzonLabelState'
import { useLabelStatus } from './useLabelStatus'

export interface LabelledPackage {
  index: number
  count: number
  postingNumber: string
}

export function PackageLabels({ packages, accountId }: { packages: LabelledPackage[]; accountId?: string }) {
  const { t } = useTranslation('labels')
  const numbers = packages.map((p) => p.postingNumber)
  const status = useLabelStatus(numbers, accountId)
  const [selected, setSelected] = useState(numbers[0] ?? '')
  const [kindChosen, setKind] = useState<PreviewKind | null>(null)
  const [zoom, setZoom] = useState<Zoom>(1)
  // The bench's choice decides what is shown first: Ozon's label when that is all it prints.
  const kind: PreviewKind = kindChosen ?? (status.choice === 'ozon' ? 'ozon' : 'bag')
  const current = status.byPosting.get(selected)
  const pkg = packages.find((p) => p.postingNumber === selected)

  return (
    <section className="package-labels" data-testid="package-labels" aria-label={t('title')}>
      <div className="package-labels-list">
        <h2>
          {t('title')} {status.choice && <span className="muted package-labels-choice">{t(`choice.${status.choice}`)}</span>}
        </h2>
        <ul>
          {packages.map((p) => {
            const s = status.byPosting.get(p.postingNumber)
            const active = p.postingNumber === selected
            return (
              <li key={p.postingNumber} className={active ? 'label-row active' : 'label-row'} data-testid={`label-row-${p.index}`} data-state={s?.state ?? 'unknown'}>
                <button type="button" className="label-row-pick" aria-pressed={active} onClick={() => setSelected(p.postingNumber)} data-testid={`label-pick-${p.index}`}>
                  <span className="label-row-package">{t('package', { index: p.index, count: p.count })}</span>
                  <span className="mono label-row-posting">{p.postingNumber}</span>
                </button>
                <span className="label-row-ozon" data-testid={`label-state-${p.index}`}>
                  <span className="label-row-what">{t('ozonLabel')}:</span> <OzonLabelState status={s} stationNow={status.stationNow} />
                </span>
                {s?.state === 'failed' && (
                  <button type="button" onClick={() => void status.retry(p.postingNumber)} data-testid={`label-retry-${p.index}`}>
                    {t('retry')}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
        {status.error && <p className="label-preview-problem">{status.error}</p>}
      </div>
      {pkg && (
        <div className="package-labels-preview" data-testid="label-preview">
          <div className="label-preview-tools">
            <span className="label-preview-title">{t('preview.title', { index: pkg.index, count: pkg.count })}</span>
            <div className="label-toggle" role="group" aria-label={t('preview.which')}>
              {(['bag', 'ozon'] as const).map((k) => (
                <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)} data-testid={`preview-${k}`}>
                  {t(k === 'bag' ? 'bagLabel' : 'ozonLabel')}
                </button>
              ))}
            </div>
            <div className="label-toggle" role="group" aria-label={t('zoom.label')}>
              {ZOOMS.map((z) => (
                <button key={z} type="button" aria-pressed={zoom === z} onClick={() => setZoom(z)} data-testid={`zoom-${z}`}>
                  {z === 1 ? t('zoom.trueSizeShort') : `×${z}`}
                </button>
              ))}
            </div>
          </div>
          <div className="label-preview-stage">
            {kind === 'bag' && <BagLabelPreview postingNumber={pkg.postingNumber} accountId={accountId} zoom={zoom} />}
            {kind === 'ozon' &&
              (current?.state === 'ready' ? (
                <OzonLabelPreview key={current.readyAt ?? ''} postingNumber={pkg.postingNumber} accountId={accountId} zoom={zoom} />
              ) : (
                <p className="label-preview-wait" data-testid="ozon-preview-wait">
                  {t('preview.ozonNotYet')} <OzonLabelState status={current} stationNow={status.stationNow} />
                </p>
              ))}
          </div>
        </div>
      )}
    </section>
  )
}
