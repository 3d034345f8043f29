// Product barcodes for scan-to-verify, from Ozon's product info (`/v3/product/info/list`: the seller's EAN-13
// and Ozon's `OZN<sku>`), cached per SKU in the packing document so the next posting with the same goods opens
// without asking Ozon again, and so a scan of a product that is not in this posting can be named.
import type { PackingProduct } from '../../../shared/contract/packing'
import type { PostingItem } from '../../../shared/domain/posting'
import type { Logger } from '../../../shared/log'
import type { StoredDocument } from '../../store'
import type { Account } from '../accounts'
import { productKey, type PackingData, type ProductRecord } from './document'

/** Barcodes rarely change; a day-old copy is still good, and a failed refresh keeps the old one. */
const FRESH_MS = 24 * 60 * 60 * 1000

export class ProductCatalog {
  constructor(
    private readonly doc: StoredDocument<PackingData>,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  /** Makes sure the posting's SKUs have barcodes, asking Ozon once for the missing or old ones. */
  async ensure(account: Account, items: readonly PostingItem[]): Promise<void> {
    const t = this.now().getTime()
    const wanted = items.filter((i) => {
      const rec = this.doc.data.products[productKey(account.id, i.sku)]
      return !rec || t - Date.parse(rec.fetchedAt) > FRESH_MS
    })
    if (wanted.length === 0) return
    let found: Awaited<ReturnType<Account['client']['productInfo']>>
    try {
      found = await account.client.productInfo({ skus: wanted.map((i) => i.sku) })
    } catch (err) {
      // Offer id and SKU still verify; barcodes come next time.
      this.log.warn('product barcodes could not be fetched; offer id and SKU still verify', { error: String(err), skus: wanted.map((i) => i.sku) })
      return
    }
    const fetchedAt = this.now().toISOString()
    await this.doc.update((d) => {
      for (const item of wanted) {
        const info = found.find((p) => p.sku === item.sku) ?? found.find((p) => p.offer_id === item.offerId)
        const rec: ProductRecord = {
          accountId: account.id,
          sku: item.sku,
          offerId: info?.offer_id || item.offerId,
          name: info?.name || item.name,
          barcodes: info?.barcodes ?? [],
          image: info?.image ?? null,
          fetchedAt,
        }
        d.products[productKey(account.id, item.sku)] = rec
      }
    })
  }

  /** The posting's items with whatever barcodes are known. */
  products(accountId: string, items: readonly PostingItem[]): PackingProduct[] {
    return items.map((i) => {
      const rec = this.doc.data.products[productKey(accountId, i.sku)]
      return { sku: i.sku, offerId: i.offerId, name: i.name, barcodes: rec?.barcodes ?? [], image: rec?.image ?? null }
    })
  }

  barcodeBook(accountId: string, items: readonly PostingItem[]): Map<number, string[]> {
    return new Map(this.products(accountId, items).map((p) => [p.sku, p.barcodes]))
  }

  /** A product known to this bench (by barcode, offer id or SKU) that is not one of `except`. */
  other(accountId: string, code: string, except: readonly number[]): { sku: number; offerId: string; name: string } | undefined {
    const skip = new Set(except)
    for (const rec of Object.values(this.doc.data.products)) {
      if (rec.accountId !== accountId || skip.has(rec.sku)) continue
      if (rec.barcodes.includes(code) || rec.offerId === code || String(rec.sku) === code) return { sku: rec.sku, offerId: rec.offerId, name: rec.name }
    }
    return undefined
  }
}
