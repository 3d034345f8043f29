// The words printed on the hand-over manifest, in Russian and English (what couriers in Russia read and sign).
export type ManifestLanguage = 'ru' | 'en'

export interface ManifestWords {
  title: string
  batch: string
  seller: string
  carrier: string
  deliveryMethod: string
  warehouse: string
  departure: string
  closedAt: string
  packer: string
  courier: string
  carriage: string
  colPosting: string
  colOrder: string
  colTracking: string
  colPlace: string
  colUnits: string
  totalPackages: string
  totalOrders: string
  totalUnits: string
  note: string
  handedOver: string
  received: string
  signature: string
  nameBlank: string
  dateTime: string
  page: string
  of: string
  copy: string
}

export const MANIFEST_WORDS: Record<ManifestLanguage, ManifestWords> = {
  ru: {
    title: 'Акт приёма-передачи отправлений',
    batch: 'Партия',
    seller: 'Продавец',
    carrier: 'Служба доставки',
    deliveryMethod: 'Способ доставки',
    warehouse: 'Склад',
    departure: 'Дата отгрузки',
    closedAt: 'Передано',
    packer: 'Сдал (упаковщик)',
    courier: 'Принял (курьер)',
    carriage: 'Отгрузка Ozon',
    colPosting: 'Отправление',
    colOrder: 'Заказ',
    colTracking: 'Трек-номер',
    colPlace: 'Место',
    colUnits: 'Шт.',
    totalPackages: 'Мест',
    totalOrders: 'Заказов',
    totalUnits: 'Единиц товара',
    note: 'Примечание',
    handedOver: 'Сдал',
    received: 'Принял',
    signature: 'подпись',
    nameBlank: 'ФИО',
    dateTime: 'дата, время',
    page: 'стр.',
    of: 'из',
    copy: 'копия',
  },
  en: {
    title: 'Hand-over manifest',
    batch: 'Batch',
    seller: 'Seller',
    carrier: 'Carrier',
    deliveryMethod: 'Delivery method',
    warehouse: 'Warehouse',
    departure: 'Departure date',
    closedAt: 'Handed over',
    packer: 'Handed over by (packer)',
    courier: 'Received by (courier)',
    carriage: 'Ozon carriage',
    colPosting: 'Posting',
    colOrder: 'Order',
    colTracking: 'Tracking number',
    colPlace: 'Pkg',
    colUnits: 'Units',
    totalPackages: 'Packages',
    totalOrders: 'Orders',
    totalUnits: 'Units',
    note: 'Note',
    handedOver: 'Handed over',
    received: 'Received',
    signature: 'signature',
    nameBlank: 'name',
    dateTime: 'date, time',
    page: 'page',
    of: 'of',
    copy: 'copy',
  },
}
