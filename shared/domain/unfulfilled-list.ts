// Which postings Ozon's unfulfilled list returns (ozon-fbs-api.md §2.1: everything not yet delivered, including
// `delivering` and `cancelled`). The station reads a posting re-read in one of these statuses as still the list's
// business; the sandbox answers the list with exactly these.

export const UNFULFILLED_LIST_STATUSES: ReadonlySet<string> = new Set([
  'awaiting_registration',
  'acceptance_in_progress',
  'awaiting_approve',
  'awaiting_packaging',
  'awaiting_deliver',
  'arbitration',
  'client_arbitration',
  'delivering',
  'driver_pickup',
  'cancelled',
  'not_accepted',
  'sent_by_seller',
])
