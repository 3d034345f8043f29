// When a posting moved past packaging, for "packed today" and the hand-over limit. This bench's own packing is
// in its operation journal (kind `ship`, closed as `confirmed` when Ozon confirmed; the entry's result names
// the postings Ozon made of the packages). Postings packed elsewhere get the time a sync first saw them packed.
import type { Journal, JournalEntry } from '../../store'
import { postingKey, type OrdersData } from './document'

const SHIP_KIND = 'ship'

/** accountId/postingNumber (or a bare posting number when the entry names no account) → ISO time packed. */
export function packedTimes(journal: Journal): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of journal.entries(SHIP_KIND)) {
    if (!e.closed || e.state !== 'confirmed') continue
    const accountId = accountOf(e)
    const put = (number: string) => out.set(accountId ? postingKey(accountId, number) : number, e.updatedAt)
    put(e.key)
    for (const number of resultingPostings(e)) put(number)
  }
  return out
}

export function packedAtOf(times: Map<string, string>, data: OrdersData, accountId: string, postingNumber: string): string | null {
  const key = postingKey(accountId, postingNumber)
  return times.get(key) ?? times.get(postingNumber) ?? data.leftPackingAt[key] ?? null
}

// The journal's intent and result are the packing area's own shapes (see packing/ship.ts); read them
// defensively so a change there degrades to "time unknown" rather than an error in the inbox.
function accountOf(e: JournalEntry): string | null {
  const intent = e.intent as { accountId?: unknown } | null
  return typeof intent?.accountId === 'string' ? intent.accountId : null
}

function resultingPostings(e: JournalEntry): string[] {
  const result = e.result as { postings?: { posting_number?: unknown }[] } | null | undefined
  if (!Array.isArray(result?.postings)) return []
  return result.postings.map((p) => p?.posting_number).filter((n): n is string => typeof n === 'string')
}
