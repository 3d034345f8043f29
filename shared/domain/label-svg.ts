// A label layout as SVG in mm — what the renderer's preview shows at true size (the viewBox is the label in mm,
// so width/height in CSS mm or any zoom scale it exactly). Pure string building: runs in the browser and in Node.
// Bars and boxes are one path of rectangles on the layout's dot grid; text keeps the width the layout measured
// (textLength), so a browser's own font metrics cannot push a line past the room it was given.
import type { LabelLayout } from './label-layout'

export interface LabelSvgOptions {
  /** CSS font families; the renderer loads resources/fonts under these names. */
  fontFamily?: string
  /** Draw the label's edge (a preview shows where the paper ends). */
  outline?: boolean
}

const PT_MM = 25.4 / 72
const DEFAULT_FONTS = "'DejaVu Sans', 'Droid Sans Fallback', sans-serif"

export function labelLayoutSvg(layout: LabelLayout, opts: LabelSvgOptions = {}): string {
  const n = (v: number) => String(Math.round(v * 10000) / 10000)
  const rects: string[] = []
  const texts: string[] = []
  for (const el of layout.elements) {
    if (el.kind === 'box') rects.push(`M${n(el.xMm)} ${n(el.yMm)}h${n(el.wMm)}v${n(el.hMm)}h${n(-el.wMm)}z`)
    if (el.kind === 'barcode') for (const b of el.bars) rects.push(`M${n(b.xMm)} ${n(b.yMm)}h${n(b.wMm)}v${n(b.hMm)}h${n(-b.wMm)}z`)
    if (el.kind === 'text' && el.text) {
      texts.push(
        `<text x="${n(el.xMm)}" y="${n(el.baselineMm)}" font-size="${n(el.fontSizePt * PT_MM)}"` +
          `${el.bold ? ' font-weight="bold"' : ''}${el.color === 'white' ? ' fill="#fff"' : ''}` +
          ` textLength="${n(el.widthMm)}" lengthAdjust="spacingAndGlyphs" data-role="${el.role}">${escapeXml(el.text)}</text>`,
      )
    }
  }
  const { widthMm: w, heightMm: h } = layout
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(w)} ${n(h)}" width="${n(w)}mm" height="${n(h)}mm">` +
    `<rect width="${n(w)}" height="${n(h)}" fill="#fff"${opts.outline ? ` stroke="#999" stroke-width="0.2"` : ''}/>` +
    `<path d="${rects.join('')}" fill="#000" shape-rendering="crispEdges"/>` +
    // White space preserved: an item line separates the offer id from the name with two spaces.
    `<g font-family="${escapeXml(opts.fontFamily ?? DEFAULT_FONTS)}" fill="#000" xml:space="preserve" style="white-space:pre">${texts.join('')}</g>` +
    `</svg>`
  )
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}
