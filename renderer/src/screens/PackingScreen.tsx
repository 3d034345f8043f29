// The packing screen: open a posting (from the inbox or by a scan), verify every unit by scanning, split it into
// packages by drag and drop or by keys, and "Package the order". Focus always comes back to the scan field;
// every action has a key (see KeyLegend); a refused scan is a red banner and a low buzz, and counts nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmDialog, QuantityDialog } from '../components/packing/Dialogs'
import { DraftList } from '../components/packing/DraftList'
import { commandFor, type PackingCommand } from '../components/packing/keys'
import { KeyLegend } from '../components/packing/KeyLegend'
import { navigateTo, onOpenRequest, rememberCurrent, rememberedCurrent, takePendingPosting } from '../components/packing/navigation'
import { PackagesBoard, type Selection } from '../components/packing/PackagesBoard'
import { PackedResult } from '../components/packing/PackedResult'
import { PostingHeader } from '../components/packing/PostingHeader'
import { ScanField, type ScanFieldHandle } from '../components/packing/ScanField'
import { ShipPanel } from '../components/packing/ShipPanel'
import { usePackingSession, type Banner } from '../components/packing/usePackingSession'
import { TrackingPrompt, type TrackingPromptHandle } from '../components/tracking/TrackingPrompt'
import { DEFAULT_GS_STAND_IN, useScanner, type KeyPress } from '../hooks/useScanner'

type Dialog =
  | { type: 'quantity'; sku: number; from: number; to: number | 'new'; max: number }
  | { type: 'manual'; sku: number }

export function PackingScreen() {
  const { t } = useTranslation('packing')
  const packing = usePackingSession()
  const { session, banner, open, scan, edit, ship, close, setBanner } = packing
  const scanField = useRef<ScanFieldHandle>(null)
  // After packing, a 3PL package's scan is its carrier's tracking number.
  const trackingPrompt = useRef<TrackingPromptHandle>(null)
  const [chosen, setSelected] = useState<Selection | null>(null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [dragging, setDragging] = useState(false)
  const [lastCode, setLastCode] = useState<string | null>(null)

  const refocus = useCallback(() => requestAnimationFrame(() => scanField.current?.focus()), [])

  // A posting asked for by another screen, else the one this bench was packing before (its draft is restored).
  useEffect(() => {
    const wanted = takePendingPosting() ?? rememberedCurrent()
    if (wanted) void open({ postingNumber: wanted }).then(refocus)
    else refocus()
    return onOpenRequest((n) => void open({ postingNumber: n }).then(refocus))
  }, [open, refocus])

  const lines = useMemo(() => (session ? session.plan.packages.flatMap((p, pkg) => p.lines.map((l) => ({ pkg, sku: l.sku, quantity: l.quantity }))) : []), [session])
  // The chosen line while it still exists (a move may empty it); otherwise the first line.
  const selected = useMemo<Selection | null>(() => {
    if (chosen && lines.some((l) => l.pkg === chosen.pkg && l.sku === chosen.sku)) return chosen
    return lines[0] ? { pkg: lines[0].pkg, sku: lines[0].sku } : null
  }, [chosen, lines])

  const readOnly = !session || session.state === 'packed' || session.state === 'shipping'

  const move = useCallback(
    (sku: number, from: number, to: number | 'new', quantity: number) => {
      void edit('packing.move', { sku, from, to, quantity }).then(refocus)
    },
    [edit, refocus],
  )

  /** A line goes to another package: one unit moves at once, more ask how many (default 1). */
  const requestMove = useCallback(
    (sku: number, from: number, to: number | 'new') => {
      const line = session?.plan.packages[from]?.lines.find((l) => l.sku === sku)
      if (!line) return
      if (line.quantity > 1) setDialog({ type: 'quantity', sku, from, to, max: line.quantity })
      else move(sku, from, to, 1)
    },
    [session, move],
  )

  const run = useCallback(
    (cmd: PackingCommand) => {
      if (!session && cmd.type !== 'back' && cmd.type !== 'typeCode') return
      switch (cmd.type) {
        case 'back':
          if (session?.state === 'packed') close()
          navigateTo('orders')
          return
        case 'ship':
          if (!readOnly) void ship().then(refocus)
          return
        case 'typeCode':
          scanField.current?.startTyping()
          return
        case 'newPackage':
          if (!readOnly) void edit('packing.newPackage', {}).then(refocus)
          return
        case 'activate':
          if (!readOnly) void edit('packing.setActive', { index: cmd.package === null ? null : cmd.package - 1 }).then(refocus)
          return
        case 'select':
          setSelected(step(lines, selected, cmd.dir))
          return
        case 'moveTo': {
          if (readOnly || !session) return
          if (!selected) return setBanner({ tone: 'error', text: t('errors.selectFirst') })
          const count = session.plan.packages.length
          if (cmd.package > count + 1) return setBanner({ tone: 'error', text: t('planErrors.no_such_package', { package: cmd.package }) })
          const to = cmd.package === count + 1 ? 'new' : cmd.package - 1
          if (to !== selected.pkg) requestMove(selected.sku, selected.pkg, to)
          return
        }
        case 'manual':
          if (!readOnly && selected) setDialog({ type: 'manual', sku: selected.sku })
          else if (!selected) setBanner({ tone: 'error', text: t('errors.selectFirst') })
          return
      }
    },
    [session, readOnly, lines, selected, close, ship, edit, refocus, requestMove, setBanner, t],
  )

  const onKey = useCallback(
    (press: KeyPress): boolean => {
      const cmd = commandFor(press)
      if (!cmd) return false
      if (dialog) {
        if (cmd.type === 'back') setDialog(null)
        return false // a dialog answers to its own keys
      }
      if (dragging) return false // dnd-kit's keyboard drag owns the arrows now
      run(cmd)
      return true
    },
    [dialog, dragging, run],
  )

  useScanner({
    onScan: (code) => {
      if (dialog) return
      if (session?.state === 'packed' && trackingPrompt.current?.scan(code)) return
      setLastCode(code.split('\x1d').join('␝'))
      void scan(code, selected?.sku ?? null).then(refocus)
    },
    onKey,
    gsStandIn: session?.gsStandIn ?? DEFAULT_GS_STAND_IN,
  })

  const item = (sku: number) => session?.posting.items.find((i) => i.sku === sku)

  return (
    <section className="packing" data-testid="packing-screen">
      {session && <PostingHeader session={session} timeZone={session.timeZone} />}
      <ScanField ref={scanField} lastCode={lastCode} onSubmit={(code) => void scan(code, selected?.sku ?? null).then(refocus)} />
      {banner && <ScanBanner banner={banner} />}
      {packing.loading && <p className="muted">{t('loading')}</p>}
      {!session && !packing.loading && <DraftList onOpen={(n, accountId) => void open({ postingNumber: n, accountId }).then(refocus)} />}
      {session && session.state === 'packed' && session.result && (
        <>
          <TrackingPrompt ref={trackingPrompt} accountId={session.accountId} postingNumbers={session.result.packages.map((p) => p.postingNumber)} />
          <PackedResult
            result={session.result}
            onNext={() => {
              close()
              rememberCurrent(null)
              navigateTo('orders')
            }}
          />
        </>
      )}
      {session && session.state !== 'packed' && (
        <div className="packing-body">
          <PackagesBoard
            session={session}
            selected={selected}
            readOnly={readOnly}
            onSelect={(s) => {
              setSelected(s)
              refocus()
            }}
            onDrop={(line, to) => requestMove(line.sku, line.from, to)}
            onActivate={(index) => void edit('packing.setActive', { index }).then(refocus)}
            onDragging={setDragging}
          />
          <ShipPanel
            session={session}
            working={packing.stage === 'working'}
            onShip={() => void ship().then(refocus)}
            onBoxes={(boxes) => void edit('packing.setMultiBoxQty', { boxes }).then(refocus)}
            onRemoveMark={(sku, code) => void edit('packing.removeMark', { sku, code }).then(refocus)}
            onReset={() => void edit('packing.reset', {}).then(refocus)}
          />
        </div>
      )}
      {session?.state !== 'packed' && <KeyLegend />}
      {dialog?.type === 'quantity' && (
        <QuantityDialog
          title={t('dialog.howMany', {
            offerId: item(dialog.sku)?.offerId ?? '',
            target: dialog.to === 'new' ? t('dialog.newPackageTarget') : t('dialog.packageTarget', { n: dialog.to + 1 }),
          })}
          max={dialog.max}
          onCancel={() => {
            setDialog(null)
            refocus()
          }}
          onConfirm={(n) => {
            setDialog(null)
            move(dialog.sku, dialog.from, dialog.to, n)
          }}
        />
      )}
      {dialog?.type === 'manual' && (
        <ConfirmDialog
          title={t('dialog.manualTitle', { offerId: item(dialog.sku)?.offerId ?? '' })}
          text={t('dialog.manualText')}
          confirm={t('dialog.manualConfirm')}
          onCancel={() => {
            setDialog(null)
            refocus()
          }}
          onConfirm={() => {
            setDialog(null)
            void edit('packing.manualCount', { sku: dialog.sku }).then(refocus)
          }}
        />
      )}
    </section>
  )
}

function ScanBanner({ banner }: { banner: Banner }) {
  return (
    <div className={`packing-banner ${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'} data-testid="packing-banner">
      <div className="packing-banner-text">{banner.text}</div>
      {banner.detail && <div className="packing-banner-detail">{banner.detail}</div>}
    </div>
  )
}

/** Arrow keys over the lines: up/down through all lines, left/right to the neighbouring package. */
function step(lines: { pkg: number; sku: number }[], from: Selection | null, dir: 'up' | 'down' | 'left' | 'right'): Selection | null {
  if (lines.length === 0) return null
  const i = from ? lines.findIndex((l) => l.pkg === from.pkg && l.sku === from.sku) : -1
  if (i < 0) return { pkg: lines[0]!.pkg, sku: lines[0]!.sku }
  const cur = lines[i]!
  let next = cur
  if (dir === 'up') next = lines[Math.max(0, i - 1)]!
  if (dir === 'down') next = lines[Math.min(lines.length - 1, i + 1)]!
  if (dir === 'left' || dir === 'right') {
    const target = cur.pkg + (dir === 'right' ? 1 : -1)
    next = lines.find((l) => l.pkg === target && l.sku === cur.sku) ?? lines.find((l) => l.pkg === target) ?? cur
  }
  return { pkg: next.pkg, sku: next.sku }
}

