// The demo seller's assortment: a home-goods shop with a few marked goods (shoes, clothes, perfume — categories
// under Честный ЗНАК). Names and articles look like a real Ozon cabinet.
import { type Rng, chance, ean13, int, rng, subSeed } from './random'
import type { SbProduct } from './world'

/** [name, offer_id, price RUB, requires marking code] */
const ASSORTMENT: readonly (readonly [string, string, number, boolean])[] = [
  ['Кружка керамическая красная 350 мл', 'MUG-RED-350', 499, false],
  ['Кружка керамическая белая 450 мл', 'MUG-WHT-450', 549, false],
  ['Набор бокалов для вина 6 шт, 350 мл', 'GLS-WINE-6', 1890, false],
  ['Тарелка обеденная фарфоровая 26 см', 'PLT-PORC-26', 390, false],
  ['Сковорода антипригарная 28 см с крышкой', 'PAN-28-LID', 2790, false],
  ['Кастрюля из нержавеющей стали 3 л', 'POT-SS-3L', 1990, false],
  ['Нож поварской 20 см, сталь X50CrMoV15', 'KNF-CHEF-20', 1450, false],
  ['Доска разделочная бамбуковая 40×30 см', 'BRD-BAMB-4030', 690, false],
  ['Полотенце махровое 70×140 см, серое', 'TWL-7014-GRY', 890, false],
  ['Комплект постельного белья 2-сп., сатин', 'BED-SAT-2SP', 4290, false],
  ['Подушка ортопедическая с эффектом памяти', 'PLW-MEM-60', 2390, false],
  ['Плед флисовый 150×200 см, бежевый', 'PLD-FLC-150', 1190, false],
  ['Свеча ароматическая «Ваниль и сандал»', 'CNDL-VAN-200', 590, false],
  ['Контейнеры для хранения, набор 5 шт', 'BOX-STOR-5', 790, false],
  ['Органайзер для ящика, 8 отделений', 'ORG-DRW-8', 450, false],
  ['Вешалки деревянные, 10 шт', 'HNG-WOOD-10', 990, false],
  ['Лампа настольная светодиодная, белая', 'LMP-LED-WHT', 1790, false],
  ['Удлинитель 5 розеток, 3 м, с USB', 'EXT-5S-3M-USB', 1290, false],
  ['Батарейки AA алкалиновые, 12 шт', 'BAT-AA-12', 520, false],
  ['Термос стальной 1 л, чёрный', 'THR-1L-BLK', 1590, false],
  ['Бутылка для воды 750 мл, тритан', 'BTL-TRT-750', 690, false],
  ['Коврик для ванной 50×80 см', 'MAT-BATH-5080', 790, false],
  ['Дозатор для жидкого мыла, стекло', 'DSP-SOAP-GLS', 450, false],
  ['Щётка для пола с телескопической ручкой', 'BRM-TELE', 1090, false],
  ['Салфетки из микрофибры, 10 шт', 'MFB-CLOTH-10', 390, false],
  ['Губки для посуды, 20 шт', 'SPG-DISH-20', 290, false],
  ['Чайник электрический 1,7 л, стекло', 'KTL-GLS-17', 2490, false],
  ['Френч-пресс 600 мл', 'FRP-600', 990, false],
  ['Мельница для специй, набор 2 шт', 'MLL-SPICE-2', 890, false],
  ['Форма для выпечки силиконовая, 24 см', 'BAK-SIL-24', 540, false],
  ['Кроссовки женские беговые, р. 38', 'SNK-W-RUN-38', 5490, true],
  ['Кроссовки мужские городские, р. 43', 'SNK-M-CITY-43', 6290, true],
  ['Тапочки домашние войлочные, р. 40', 'SLP-FELT-40', 1290, true],
  ['Футболка хлопковая мужская, чёрная, L', 'TSH-M-BLK-L', 990, true],
  ['Пижама женская фланелевая, M', 'PJM-W-FLN-M', 2190, true],
  ['Туалетная вода «Северный лес», 50 мл', 'EDT-NORD-50', 3490, true],
  ['Носки хлопковые, 5 пар, р. 41–43', 'SCK-5P-4143', 590, false],
  ['Рюкзак городской 20 л, серый', 'BPK-CITY-20', 2990, false],
  ['Зонт складной автоматический, чёрный', 'UMB-AUTO-BLK', 1490, false],
  ['Часы настенные бесшумные 30 см', 'CLK-WALL-30', 1190, false],
] as const

export function makeCatalog(seed: number): SbProduct[] {
  const r: Rng = rng(subSeed(seed, 'catalog'))
  return ASSORTMENT.map(([name, offer_id, price, requires_mark], i) => {
    const sku = 1_400_000_000 + int(r, 0, 599_999_999) + i
    // Most sellers have their own EAN-13; some products only carry Ozon's OZN barcode.
    const own = chance(r, 0.8) ? [ean13(r)] : []
    return {
      product_id: 700_000_000 + int(r, 0, 99_999_999),
      sku,
      offer_id,
      name,
      price,
      currency: 'RUB',
      barcodes: [...own, `OZN${sku}`],
      requires_mark,
      image: `https://cdn1.ozone.ru/s3/multimedia-demo/${sku}.jpg`,
    }
  })
}
