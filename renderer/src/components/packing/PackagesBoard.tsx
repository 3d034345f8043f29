// The packages on the bench, each with its contents and unit count, and a "New package" area. Item lines are
// dragged between them with dnd-kit — by pointer, or by keyboard (Space picks a line up, arrows choose the
// package, Space drops it). Dropping a line of more than one unit asks how many (the screen's dialog).
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PackingProduct, PackingSession } from '../../../../shared/contract/packing'
import { packageUnits, type PlanLine } from '../../../../shared/domain/packing-plan'

export interface Selection {
  pkg: number
  sku: number
}

interface LineData {
  sku: number
  from: number
  quantity: number
}

interface BoardProps {
  session: PackingSession
  selected: Selection | null
  readOnly: boolean
  onSelect(sel: Selection): void
  /** A line (of `quantity` units) was dropped on another package or on "new". */
  onDrop(line: LineData, to: number | 'new'): void
  onActivate(index: number | null): void
  onDragging(active: boolean): void
}

const NEW = 'pkg:new'
const pkgId = (i: number) => `pkg:${i}`
const lineId = (pkg: number, sku: number) => `line:${pkg}:${sku}`

/** Pointer first (what is under the cursor), then overlap (keyboard drags have no pointer). */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args)
  return hits.length > 0 ? hits : rectIntersection(args)
}

/** Arrow keys jump from package to package (then the new-package area) instead of nudging 25 px. */
const jumpBetweenPackages: KeyboardCoordinateGetter = (event, { context }) => {
  const { droppableRects, collisionRect, over, active } = context
  if (!collisionRect) return undefined
  const order = [...droppableRects.keys()].map(String).sort((a, b) => rank(a) - rank(b))
  const start = over ? String(over.id) : pkgId((active?.data.current as LineData | undefined)?.from ?? 0)
  let i = order.indexOf(start)
  if (event.code === 'ArrowRight' || event.code === 'ArrowDown') i = Math.min(order.length - 1, i + 1)
  else if (event.code === 'ArrowLeft' || event.code === 'ArrowUp') i = Math.max(0, i - 1)
  else return undefined
  event.preventDefault()
  const rect = droppableRects.get(order[i]!)
  if (!rect) return undefined
  return { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: rect.top + Math.min(rect.height / 2, 60) - collisionRect.height / 2 }
}

function rank(id: string): number {
  return id === NEW ? Number.MAX_SAFE_INTEGER : Number(id.slice(4))
}

export function PackagesBoard({ session, selected, readOnly, onSelect, onDrop, onActivate, onDragging }: BoardProps) {
  const { t } = useTranslation('packing')
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpBetweenPackages }),
  )
  const [dragging, setDragging] = useState<LineData | null>(null)
  const products = new Map(session.products.map((p) => [p.sku, p]))

  const start = (e: DragStartEvent) => {
    setDragging(e.active.data.current as LineData)
    onDragging(true)
  }
  const end = (e: DragEndEvent) => {
    setDragging(null)
    onDragging(false)
    const line = e.active.data.current as LineData | undefined
    const over = e.over ? String(e.over.id) : null
    if (!line || !over) return
    const to = over === NEW ? 'new' : Number(over.slice(4))
    if (to !== line.from) onDrop(line, to)
  }
  const cancel = () => {
    setDragging(null)
    onDragging(false)
  }

  const packages = session.plan.packages
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={start}
      onDragEnd={end}
      onDragCancel={cancel}
      accessibility={{ screenReaderInstructions: { draggable: t('dnd.instructions') } }}
    >
      <div className="packages" data-testid="packages">
        {packages.map((pkg, i) => (
          <PackageCard key={i} index={i} count={packages.length} units={packageUnits(pkg)} active={session.plan.active === i} readOnly={readOnly} onActivate={onActivate}>
            {pkg.lines.length === 0 && <p className="package-empty">{t('packages.empty')}</p>}
            {pkg.lines.map((line) => (
              <LineRow
                key={line.sku}
                pkg={i}
                line={line}
                product={products.get(line.sku)}
                session={session}
                selected={selected?.pkg === i && selected.sku === line.sku}
                readOnly={readOnly}
                onSelect={onSelect}
              />
            ))}
          </PackageCard>
        ))}
        {!readOnly && <NewPackageZone />}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className="line drag-overlay">
            <span className="line-offer mono">{products.get(dragging.sku)?.offerId}</span>
            <span className="line-qty">×{dragging.quantity}</span>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  )
}

function PackageCard(props: { index: number; count: number; units: number; active: boolean; readOnly: boolean; onActivate: (i: number | null) => void; children: ReactNode }) {
  const { t } = useTranslation('packing')
  const { index, active, readOnly } = props
  const { setNodeRef, isOver } = useDroppable({ id: pkgId(index), disabled: readOnly })
  return (
    <section ref={setNodeRef} className={`package${active ? ' active' : ''}${isOver ? ' over' : ''}`} data-testid={`package-${index + 1}`} aria-label={t('packages.title', { n: index + 1 })}>
      <header className="package-head">
        <h2>
          {t('packages.title', { n: index + 1 })}
          {props.count > 1 && <span className="muted"> / {props.count}</span>}
        </h2>
        {!readOnly &&
          (active ? (
            <button type="button" className="package-active-badge" onClick={() => props.onActivate(null)} title={t('packages.stopActive')}>
              {t('packages.active')} <kbd>Shift+0</kbd>
            </button>
          ) : (
            <button type="button" className="package-make-active" onClick={() => props.onActivate(index)}>
              {t('packages.makeActive')} <kbd>Shift+{index + 1}</kbd>
            </button>
          ))}
      </header>
      <div className="package-lines">{props.children}</div>
      <footer className="package-foot" data-testid={`package-${index + 1}-units`}>
        {t('packages.units', { count: props.units })}
      </footer>
    </section>
  )
}

function LineRow({ pkg, line, product, session, selected, readOnly, onSelect }: { pkg: number; line: PlanLine; product: PackingProduct | undefined; session: PackingSession; selected: boolean; readOnly: boolean; onSelect: (s: Selection) => void }) {
  const { t } = useTranslation('packing')
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: lineId(pkg, line.sku),
    data: { sku: line.sku, from: pkg, quantity: line.quantity } satisfies LineData,
    disabled: readOnly,
  })
  const item = session.posting.items.find((i) => i.sku === line.sku)
  const complete = line.verified >= line.quantity
  const marks = item?.requiresMarkingCode ? (session.plan.marks[String(line.sku)]?.length ?? 0) : null
  return (
    <div
      ref={setNodeRef}
      {...(readOnly ? {} : attributes)}
      {...(readOnly ? {} : listeners)}
      className={`line${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}${complete ? ' complete' : ''}`}
      data-testid={`line-${pkg + 1}-${line.sku}`}
      data-offer={item?.offerId}
      onClick={() => onSelect({ pkg, sku: line.sku })}
    >
      <div className="line-main">
        <span className="line-offer mono">{item?.offerId ?? line.sku}</span>
        <span className="line-name">{item?.name}</span>
        <span className="line-codes muted">
          SKU <span className="mono">{line.sku}</span>
          {product && product.barcodes.length > 0 && (
            <>
              {' · '}
              <span className="mono">{product.barcodes.join(', ')}</span>
            </>
          )}
        </span>
      </div>
      <span className="line-qty" aria-label={t('items.quantity')}>
        ×{line.quantity}
      </span>
      <span className={`line-verified${complete ? ' ok' : ''}`} data-testid={`verified-${pkg + 1}-${line.sku}`}>
        {complete ? '✓ ' : ''}
        {t('items.verified', { verified: line.verified, quantity: line.quantity })}
        {line.manual > 0 && <span className="line-manual">{t('items.manual', { count: line.manual })}</span>}
      </span>
      {marks !== null && item && (
        <span className={`line-marks${marks >= item.quantity ? ' ok' : ''}`}>{t('items.marks', { have: marks, want: item.quantity })}</span>
      )}
    </div>
  )
}

function NewPackageZone() {
  const { t } = useTranslation('packing')
  const { setNodeRef, isOver } = useDroppable({ id: NEW })
  return (
    <section ref={setNodeRef} className={`package new-package${isOver ? ' over' : ''}`} data-testid="new-package">
      <span className="new-package-plus" aria-hidden>
        +
      </span>
      <strong>{t('packages.newZone')}</strong>
      <span className="muted">{t('packages.newHint')}</span>
    </section>
  )
}
