// A label as it will print: the station's bag label drawn from its layout (the same model the PDF and the printer
// draw), or Ozon's label as the printer's own dots. `zoom` 1 is true size — CSS millimetres, which a monitor
// shows at its nominal pixel density — and 2 or 3 magnify it for a closer look.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { LabelLayout } from '../../../../shared/domain/label-layout'
import { labelLayoutSvg } from '../../../../shared/domain/label-svg'
import { useStationQuery } from '../../hooks/useStationQuery'

export type PreviewKind = 'bag' | 'ozon'
export const ZOOMS = [1, 2, 3] as const
export type Zoom = (typeof ZOOMS)[number]

/** A layout on paper of its exact size in mm, times `zoom`. */
export function LabelPaper({ layout, zoom, label }: { layout: LabelLayout; zoom: number; label: string }) {
  // labelLayoutSvg escapes every text it writes; the layout comes from the station, never from markup.
  const svg = useMemo(() => labelLayoutSvg(layout), [layout])
  return (
    <div
      className="label-paper"
      role="img"
      aria-label={label}
      data-testid="label-paper"
      data-width-mm={layout.widthMm}
      data-height-mm={layout.heightMm}
      style={{ width: `${layout.widthMm * zoom}mm`, height: `${layout.heightMm * zoom}mm` }}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  )
}

export function BagLabelPreview({ postingNumber, accountId, zoom }: { postingNumber: string; accountId?: string; zoom: number }) {
  const { t } = useTranslation('labels')
  const q = useStationQuery('labels.layout', { postingNumber, accountId })
  if (q.error) return <p className="label-preview-problem" data-testid="label-preview-error">{q.error.message}</p>
  if (!q.data) return <p className="muted">{t('preview.loading')}</p>
  const { layout } = q.data
  return (
    <figure className="label-figure">
      <LabelPaper layout={layout} zoom={zoom} label={t('preview.bagAlt', { postingNumber })} />
      <figcaption className="muted">{t('preview.caption', { width: layout.widthMm, height: layout.heightMm, dpi: layout.dpi, zoom: zoomText(zoom, t) })}</figcaption>
    </figure>
  )
}

export function OzonLabelPreview({ postingNumber, accountId, zoom }: { postingNumber: string; accountId?: string; zoom: number }) {
  const { t } = useTranslation('labels')
  const q = useStationQuery('labels.ozonPreview', { postingNumber, accountId })
  if (q.error) return <p className="label-preview-problem" data-testid="label-preview-error">{q.error.message}</p>
  if (!q.data) return <p className="muted">{t('preview.loading')}</p>
  const p = q.data
  return (
    <figure className="label-figure">
      <img
        className="label-paper label-paper-image"
        src={`data:image/png;base64,${p.pngBase64}`}
        alt={t('preview.ozonAlt', { postingNumber })}
        data-testid="label-paper"
        data-width-mm={p.widthMm}
        data-height-mm={p.heightMm}
        style={{ width: `${p.widthMm * zoom}mm`, height: `${p.heightMm * zoom}mm` }}
      />
      <figcaption className="muted">{t('preview.caption', { width: p.widthMm, height: p.heightMm, dpi: p.dpi, zoom: zoomText(zoom, t) })}</figcaption>
    </figure>
  )
}

function zoomText(zoom: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  return zoom === 1 ? t('zoom.trueSize') : t('zoom.times', { zoom })
}
