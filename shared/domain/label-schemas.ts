// zod schemas for the label types that cross a boundary: label facts coming in over IPC/HTTP, a label size from
// settings, and finished layouts travelling to the preview or stored with a print job. The TypeScript interfaces
// in label-input.ts / label-layout.ts stay the source of truth; the checks at the bottom keep both in step.
import { z } from 'zod'
import { LABEL_LOCALES, type LabelCaptions } from './label-captions'
import type { BagLabelInput } from './label-input'
import { LABEL_PRESETS, type LabelLayout, type LabelSizeSpec } from './label-layout'

export const LabelCaptionsSchema = z.object({
  packageOf: z.string(),
  order: z.string(),
  warehouse: z.string(),
  shipBy: z.string(),
  items: z.string(),
  units: z.string(),
  tracking: z.string(),
  more: z.string(),
})

/** Shape only: what a label can show is checked by layoutBagLabel, which names the field and what to do. */
export const BagLabelInputSchema = z.object({
  postingNumber: z.string(),
  orderNumber: z.string(),
  packageIndex: z.number().int(),
  packageCount: z.number().int(),
  carrier: z.string(),
  deliveryMethod: z.string(),
  warehouse: z.string(),
  shipBy: z.string(),
  items: z.array(z.object({ offerId: z.string(), name: z.string(), quantity: z.number() })),
  trackingNumber: z.string().nullable().optional(),
  dataMatrix: z.boolean().optional(),
  locale: z.enum(LABEL_LOCALES),
  timeZone: z.string(),
  captions: LabelCaptionsSchema.partial().optional(),
})

export const LabelSizeSpecSchema = z.union([
  z.object({
    preset: z.enum(Object.keys(LABEL_PRESETS) as [keyof typeof LABEL_PRESETS, ...Array<keyof typeof LABEL_PRESETS>]),
    orientation: z.enum(['portrait', 'landscape']).optional(),
  }),
  z.object({ widthMm: z.number(), heightMm: z.number(), orientation: z.enum(['portrait', 'landscape']).optional() }),
])

const BarRectSchema = z.object({ xMm: z.number(), yMm: z.number(), wMm: z.number(), hMm: z.number() })

const LabelElementSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    role: z.enum([
      'carrier',
      'package',
      'deliveryMethod',
      'postingNumber',
      'order',
      'warehouse',
      'shipBy',
      'itemsHeader',
      'item',
      'itemContinued',
      'moreItems',
      'trackingNumber',
    ]),
    text: z.string(),
    xMm: z.number(),
    baselineMm: z.number(),
    fontSizePt: z.number().positive(),
    bold: z.boolean(),
    widthMm: z.number(),
    maxWidthMm: z.number(),
    color: z.enum(['black', 'white']),
  }),
  z.object({ kind: z.literal('box'), role: z.enum(['rule', 'badge']), ...BarRectSchema.shape }),
  z.object({
    kind: z.literal('barcode'),
    role: z.enum(['posting', 'tracking', 'postingDataMatrix']),
    symbology: z.enum(['code128', 'datamatrix']),
    value: z.string(),
    xMm: z.number(),
    yMm: z.number(),
    widthMm: z.number(),
    heightMm: z.number(),
    moduleDots: z.number().int().positive(),
    moduleMm: z.number().positive(),
    quietZoneMm: z.number(),
    bars: z.array(BarRectSchema),
  }),
])

export const LabelLayoutSchema = z.object({
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  dpi: z.union([z.literal(203), z.literal(300)]),
  postingNumber: z.string(),
  elements: z.array(LabelElementSchema),
  fit: z.object({
    density: z.enum(['roomy', 'compact']),
    textScale: z.number(),
    itemsShown: z.number().int(),
    itemsHidden: z.number().int(),
  }),
})

// Compile-time: each schema's type and its interface accept each other and name the same (optional) fields.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false
const inSync: [
  Same<z.infer<typeof BagLabelInputSchema>, BagLabelInput>,
  Same<z.infer<typeof LabelSizeSpecSchema>, LabelSizeSpec>,
  Same<z.infer<typeof LabelLayoutSchema>, LabelLayout>,
  Same<z.infer<typeof LabelCaptionsSchema>, LabelCaptions>,
] = [true, true, true, true]
void inSync
