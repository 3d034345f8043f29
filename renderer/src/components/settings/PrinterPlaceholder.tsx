// PRINTER-REGISTRY PLACEHOLDER — the printer registry, "add a printer" and the test print belong to the
// printing area (electron/printing) and arrive with the engineer who wires it into Settings. Until then the
// station prints to the demo folder printer; this component only says so. Replace it, keep the test ids.
import { useTranslation } from 'react-i18next'

export function PrinterPlaceholder({ part }: { part: 'printer' | 'testLabel' }) {
  const { t } = useTranslation('settings')
  return (
    <div className="placeholder-panel" data-testid={part === 'printer' ? 'printer-placeholder' : 'test-label-placeholder'}>
      <p>{t(part === 'printer' ? 'printers.placeholder' : 'printers.testLabelPlaceholder')}</p>
      <p className="muted">{t('printers.later')}</p>
    </div>
  )
}
