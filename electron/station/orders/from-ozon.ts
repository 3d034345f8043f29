// Ozon's posting (already validated and normalised by the client) → the station's Posting model.
import type { Posting } from '../../../shared/domain/posting'
import type { DeliveryMethod, Warehouse } from '../../../shared/domain/reference'
import type { OzonDeliveryMethod, OzonPosting, OzonWarehouse } from '../../ozon'

export function postingFromOzon(p: OzonPosting, accountId: string, syncedAt: string): Posting {
  const marked = new Set(p.requirements.products_requiring_mandatory_mark)
  const dm = p.delivery_method
  return {
    accountId,
    postingNumber: p.posting_number,
    orderNumber: p.order_number,
    orderId: String(p.order_id),
    parentPostingNumber: p.parent_posting_number,
    status: p.status,
    substatus: p.substatus,
    warehouse: { id: dm.warehouse_id, name: dm.warehouse },
    deliveryMethod: { id: dm.id, name: dm.name },
    carrier: { id: dm.tpl_provider_id ?? '', name: dm.tpl_provider },
    integrationType: p.tpl_integration_type,
    trackingNumber: p.tracking_number,
    inProcessAt: p.in_process_at,
    shipmentDate: p.shipment_date,
    shipmentDateWithoutDelay: p.shipment_date_without_delay,
    deliveringDate: p.delivering_date,
    items: p.products.map((i) => ({
      sku: i.sku,
      offerId: i.offer_id,
      name: i.name,
      quantity: i.quantity,
      price: i.price,
      requiresMarkingCode: marked.has(i.sku),
    })),
    labelBarcodes: p.barcodes ? { upper: p.barcodes.upper_barcode, lower: p.barcodes.lower_barcode } : null,
    isMultibox: p.is_multibox,
    multiBoxQty: p.multi_box_qty,
    isExpress: p.is_express,
    availableActions: p.available_actions,
    tariffSteps: p.tariffication_steps.map((s) => ({
      type: s.tariff_type,
      ratePercent: s.tariff_rate,
      charge: s.tariff_charge,
      minCharge: s.min_charge,
      deadlineAt: s.tariff_deadline_at,
    })),
    cancellation:
      p.cancellation && (p.cancellation.cancel_reason_id || p.cancellation.cancel_reason)
        ? {
            reasonId: p.cancellation.cancel_reason_id,
            reason: p.cancellation.cancel_reason,
            initiator: p.cancellation.cancellation_initiator || p.cancellation.cancellation_type,
          }
        : null,
    syncedAt,
  }
}

export function warehouseFromOzon(w: OzonWarehouse, accountId: string): Warehouse {
  const size = w.carriage_label_type === 'BIG' || w.carriage_label_type === 'SMALL' ? w.carriage_label_type : null
  return { accountId, id: w.warehouse_id, name: w.name, status: w.status, labelSize: size, firstMile: w.first_mile_type }
}

export function deliveryMethodFromOzon(d: OzonDeliveryMethod, accountId: string): DeliveryMethod {
  return {
    accountId,
    id: d.id,
    name: d.name,
    status: d.status,
    warehouseId: d.warehouse_id,
    carrierId: d.provider_id,
    integrationType: d.tpl_integration_type,
    cutoff: d.cutoff,
  }
}
