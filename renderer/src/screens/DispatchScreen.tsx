// Hand-over: pick a carrier's delivery method (or scan any of its packages) to open today's batch, scan the
// packages into it, close it with the courier, print the manifest; closed batches show Ozon's documents. The
// history finds any batch by a posting or tracking number.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView } from '../../../shared/contract/dispatch'
import { useStation, useStationEvent } from '../api/StationContext'
import { BatchPicker } from '../components/dispatch/BatchPicker'
import { ClosedBatch } from '../components/dispatch/ClosedBatch'
import { OpenBatch } from '../components/dispatch/OpenBatch'
import { errorText } from '../components/settings/errors'
import { playSound } from '../sound'

export function DispatchScreen() {
  const { t } = useTranslation('dispatch')
  const station = useStation()
  const [batch, setBatch] = useState<BatchView | null>(null)
  const [error, setError] = useState<string | null>(null)

  const show = useCallback(
    (batchId: string) => {
      station.call('dispatch.get', { batchId }).then(
        (b) => {
          setBatch(b)
          setError(null)
        },
        (err: unknown) => setError(errorText(err, t)),
      )
    },
    [station, t],
  )

  const open = useCallback(
    async (o: { deliveryMethodId: string; accountId: string }, firstCode?: string) => {
      try {
        const b = await station.call('dispatch.open', o)
        setError(null)
        if (firstCode) {
          const { outcome, batch: next } = await station.call('dispatch.scan', { batchId: b.id, code: firstCode })
          playSound(outcome.ok ? 'ok' : 'error')
          setBatch(next)
        } else setBatch(b)
      } catch (err) {
        playSound('error')
        setError(errorText(err, t))
      }
    },
    [station, t],
  )

  // With no batch on screen a scanned package opens its carrier's batch (and goes into it).
  const scanToOpen = useCallback(
    async (code: string) => {
      try {
        const found = await station.call('orders.find', { code })
        const posting = await station.call('orders.get', { postingNumber: found.postings[0]!.postingNumber })
        await open({ deliveryMethodId: posting.deliveryMethod.id, accountId: posting.accountId }, code)
      } catch (err) {
        playSound('error')
        setError(errorText(err, t))
      }
    },
    [station, open, t],
  )

  // Another window (or Ozon's answer) changed the batch on screen.
  useStationEvent('dispatch.changed', (e) => {
    if (batch && e.batchId === batch.id) show(batch.id)
  })
  useStationEvent('tracking.changed', () => {
    if (batch?.state === 'open') show(batch.id)
  })
  useEffect(() => {
    if (batch?.handover && (batch.handover.state === 'working' || batch.handover.state === 'pending')) {
      const timer = setTimeout(() => show(batch.id), 2000)
      return () => clearTimeout(timer)
    }
  }, [batch, show])

  return (
    <section className="dispatch" data-testid="dispatch-screen">
      {error && (
        <div className="packing-banner error" role="alert">
          {error}
        </div>
      )}
      {!batch && (
        <>
          <div className="toolbar">
            <h1>{t('title')}</h1>
            <span className="muted">{t('picker.scanHint')}</span>
          </div>
          <BatchPicker onOpen={(o) => void open(o)} onShow={show} onScan={(c) => void scanToOpen(c)} />
        </>
      )}
      {batch && batch.state === 'open' && <OpenBatch batch={batch} onChange={setBatch} onBack={() => setBatch(null)} />}
      {batch && batch.state !== 'open' && <ClosedBatch batch={batch} onChange={setBatch} onBack={() => setBatch(null)} />}
    </section>
  )
}
