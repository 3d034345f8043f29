// Words printed on the station's bag label, per label language, and the ship-by date as the bench reads it.
// Captions are plain strings with {placeholders} so they can travel through IPC/JSON and be overridden per shop.

export const LABEL_LOCALES = ['ru', 'en', 'zh'] as const
export type LabelLocale = (typeof LABEL_LOCALES)[number]

export interface LabelCaptions {
  /** "package k of n"; placeholders {k} and {n}. */
  packageOf: string
  order: string
  warehouse: string
  shipBy: string
  items: string
  /** Unit word after the item count, e.g. "шт.". */
  units: string
  tracking: string
  /** Hidden item lines; placeholder {n}. */
  more: string
}

export const LABEL_CAPTIONS: Record<LabelLocale, LabelCaptions> = {
  ru: {
    packageOf: 'Место {k} из {n}',
    order: 'Заказ',
    warehouse: 'Склад',
    shipBy: 'Отгрузить до',
    items: 'Товары',
    units: 'шт.',
    tracking: 'Трек-номер',
    more: '+{n} ещё',
  },
  en: {
    packageOf: 'Package {k} of {n}',
    order: 'Order',
    warehouse: 'Warehouse',
    shipBy: 'Ship by',
    items: 'Items',
    units: 'pcs',
    tracking: 'Tracking',
    more: '+{n} more',
  },
  zh: {
    packageOf: '包裹 {k}/{n}',
    order: '订单',
    warehouse: '仓库',
    shipBy: '发货截止',
    items: '商品',
    units: '件',
    tracking: '运单号',
    more: '另有 {n} 项',
  },
}

/** Replaces {name} placeholders. */
export function fillCaption(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

export class ShipByFormatError extends Error {
  constructor(
    readonly field: 'shipBy' | 'timeZone',
    message: string,
  ) {
    super(message)
    this.name = 'ShipByFormatError'
  }
}

const formatterCache = new Map<string, { numeric: Intl.DateTimeFormat; month: Intl.DateTimeFormat }>()

/** Date formatters per time zone: making one costs more than laying out a label, and a bench has one zone. */
function formatters(timeZone: string) {
  let f = formatterCache.get(timeZone)
  if (!f) {
    f = {
      numeric: new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      month: new Intl.DateTimeFormat('en-GB', { timeZone, month: 'short' }),
    }
    formatterCache.set(timeZone, f)
  }
  return f
}

/**
 * The ship-by deadline (ISO UTC) in the bench's time zone, unambiguous per language:
 * ru "03.06.2026 13:00", en "3 Jun 2026 13:00", zh "2026-06-03 13:00".
 */
export function formatShipBy(iso: string, timeZone: string, locale: LabelLocale): string {
  const when = new Date(iso)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(when.getTime())) {
    throw new ShipByFormatError('shipBy', `"${iso}" is not an ISO date-time`)
  }
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = formatters(timeZone).numeric.formatToParts(when)
  } catch {
    throw new ShipByFormatError('timeZone', `"${timeZone}" is not a time zone this system knows`)
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const [y, mo, d, h, mi] = [part('year'), part('month'), part('day'), part('hour'), part('minute')]
  switch (locale) {
    case 'ru':
      return `${d}.${mo}.${y} ${h}:${mi}`
    case 'en': {
      const month = formatters(timeZone).month.format(when)
      return `${Number(d)} ${month} ${y} ${h}:${mi}`
    }
    case 'zh':
      return `${y}-${mo}-${d} ${h}:${mi}`
  }
}
