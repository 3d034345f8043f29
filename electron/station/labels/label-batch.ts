// Labels of many packages as one PDF in package order — per package Ozon's label, the station's bag label, or
// both (Ozon's first) — so a morning batch of 200 labels is one print job. Ozon's pages are copied from the cached
// files; the bag labels are laid out and drawn into one PDF first (fonts embedded once), then every page is
// picked in order into the result. A label that cannot be had is left out and listed with the reason; the rest
// still print.
import { assemblePdf, layoutBagLabels, loadLabelFonts, renderLabelLayoutsPdf, type PagePick } from '../../labels'
import { bagLabelInputFromPosting, type BagLabelInput } from '../../../shared/domain/label-input'
import { LabelError, resolveLabelSize, type LabelLayout } from '../../../shared/domain/label-layout'
import type { LabelChoice } from '../../../shared/contract/labels'
import type { StockOfPurpose } from './bench-stock'
import { bagLabelSize } from './bench-stock'
import type { PackageDirectory, PackageRef } from './packages'

export interface BatchPage {
  postingNumber: string
  kind: 'ozon' | 'bag'
}

export interface MissingLabel {
  postingNumber: string
  kind: 'ozon' | 'bag'
  reason: string
}

export interface BuiltBatch {
  /** null when not one label could be made. */
  pdf: Uint8Array | null
  pages: BatchPage[]
  missing: MissingLabel[]
  /** The bag labels' layouts in the order their pages appear (raw printers draw these straight to dots). */
  layouts: LabelLayout[]
}

export interface BagLabelSettings {
  stock: StockOfPurpose
  locale: BagLabelInput['locale']
  timeZone: string
  fontsDir?: string
}

/** The bag label facts of a package, or why there are none. */
export function bagLabelInput(dir: PackageDirectory, ref: PackageRef, s: BagLabelSettings): BagLabelInput | string {
  const posting = dir.posting(ref)
  if (!posting) return `posting ${ref.postingNumber} is not in the station's data; sync the orders first`
  return bagLabelInputFromPosting(posting, { ...dir.packageOf(ref), locale: s.locale, timeZone: s.timeZone })
}

/** Bag label layouts for the bench's stock; a package that cannot be laid out comes back as its reason. */
export async function bagLabelLayouts(dir: PackageDirectory, refs: PackageRef[], s: BagLabelSettings): Promise<Array<LabelLayout | string>> {
  const size = resolveLabelSize(bagLabelSize(s.stock))
  return Promise.all(
    refs.map(async (ref) => {
      const input = bagLabelInput(dir, ref, s)
      if (typeof input === 'string') return input
      try {
        const [layout] = await layoutBagLabels([input], { size, dpi: s.stock.dpi, fontsDir: s.fontsDir })
        return layout!
      } catch (err) {
        if (err instanceof LabelError) return err.message
        throw err
      }
    }),
  )
}

export interface BatchSources {
  /** Ozon's label of a package (its cached PDF), or why there is none. */
  ozonLabel(ref: PackageRef): Promise<Uint8Array | string>
  bag: BagLabelSettings
}

export async function buildBatch(dir: PackageDirectory, refs: PackageRef[], choice: LabelChoice, src: BatchSources): Promise<BuiltBatch> {
  const wantOzon = choice === 'ozon' || choice === 'both'
  const wantBag = choice === 'bag' || choice === 'both'
  const missing: MissingLabel[] = []

  const ozon = wantOzon ? await Promise.all(refs.map((r) => src.ozonLabel(r))) : []
  const bag = wantBag ? await bagLabelLayouts(dir, refs, src.bag) : []
  const layouts = bag.filter((b): b is LabelLayout => typeof b !== 'string')
  const fonts = layouts.length > 0 ? await loadLabelFonts(src.bag.fontsDir) : null
  const bagPdf = fonts ? await renderLabelLayoutsPdf(layouts, fonts) : null

  // Source 0 is the bag labels' PDF (page i = i-th laid-out package); Ozon's files follow.
  const sources: Uint8Array[] = [bagPdf ?? new Uint8Array()]
  const picks: PagePick[] = []
  const picked: BatchPage[] = [] // the package and kind of each pick
  let bagPage = 0
  refs.forEach((ref, i) => {
    if (wantOzon) {
      const label = ozon[i]!
      if (typeof label === 'string') missing.push({ postingNumber: ref.postingNumber, kind: 'ozon', reason: label })
      else {
        picks.push({ source: sources.push(label) - 1 }) // every page it has (normally one)
        picked.push({ postingNumber: ref.postingNumber, kind: 'ozon' })
      }
    }
    if (wantBag) {
      const layout = bag[i]!
      if (typeof layout === 'string') missing.push({ postingNumber: ref.postingNumber, kind: 'bag', reason: layout })
      else {
        picks.push({ source: 0, page: bagPage++ })
        picked.push({ postingNumber: ref.postingNumber, kind: 'bag' })
      }
    }
  })
  if (picks.length === 0) return { pdf: null, pages: [], missing, layouts }
  const { pdf, pageCounts } = await assemblePdf(sources, picks)
  const pages = picked.flatMap((p, i) => Array.from({ length: pageCounts[i]! }, () => ({ ...p })))
  return { pdf, pages, missing, layouts }
}
