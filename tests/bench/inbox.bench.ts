// Inbox over 10,000 postings: building the index once per data change, then filter / search / sort / facet
// counts per keystroke — against a naive baseline in the same process that does what a first version would:
// Array.filter with toLowerCase() on every field per query, one filter pass per facet over the searched
// postings for the counts, and a sort that parses dates in the comparator.
import { performance } from 'node:perf_hooks'
import { buildInboxIndex, queryInbox, type FacetName, type InboxQueryInput } from '../../shared/domain/inbox-query'
import type { Posting } from '../../shared/domain/posting'
import { moneyAtStake } from '../../shared/domain/tariff'
import { CARRIERS, WAREHOUSES, generatePostings, seededRandom } from '../unit/domain/generate-postings'
import { stats, time, type Bench } from './lib'

const COUNT = 10_000
const NOW = Date.parse('2026-06-05T09:00:00Z')
const OPEN = ['awaiting_verification', 'awaiting_approve', 'acceptance_in_progress', 'awaiting_packaging']

interface NamedQuery {
  kind: string
  query: InboxQueryInput
}

function mixedQueries(postings: Posting[]): NamedQuery[] {
  const rnd = seededRandom(2026)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const out: NamedQuery[] = []
  for (let k = 0; k < 40; k++) {
    out.push({
      kind: 'filters only',
      query: {
        filters: {
          ...(rnd() < 0.7 ? { warehouse: [pick(WAREHOUSES).id] } : {}),
          ...(rnd() < 0.5 ? { carrier: [pick(CARRIERS).id] } : {}),
          ...(rnd() < 0.3 ? { status: [] } : {}),
          ...(rnd() < 0.3 ? { integration: [pick(['ozon', '3pl_tracking', 'non_integrated', 'other'] as const)] } : {}),
        },
      },
    })
  }
  for (let k = 0; k < 40; k++) {
    const number = pick(postings).postingNumber
    out.push({ kind: 'posting number prefix', query: { search: number.slice(0, 4 + (k % 8)), filters: { status: [] } } })
  }
  const words = ['ЁЛОЧНАЯ', 'елочная игрушка', 'кружка КРАСНАЯ', 'отвёрток', 'ЩЕТКА', 'кабель usb-c', 'Пледик', 'ёмкая', 'зелёный 150', 'футболка хлопковая']
  for (let k = 0; k < 40; k++) {
    out.push({ kind: 'Cyrillic text', query: { search: pick(words), ...(rnd() < 0.5 ? { filters: { warehouse: [pick(WAREHOUSES).id] } } : {}) } })
  }
  for (let k = 0; k < 20; k++) {
    const item = pick(postings).items[0]!
    out.push({ kind: 'SKU / offer id', query: { search: k % 2 ? String(item.sku).slice(0, 6) : item.offerId.toLowerCase() } })
  }
  for (let k = 0; k < 20; k++) {
    out.push({ kind: 'sort by money at stake', query: { sort: 'moneyAtStake', filters: { warehouse: [pick(WAREHOUSES).id] } } })
  }
  // Typing "кружка красная" letter by letter, as the search box sends it.
  const typed = 'кружка красная'
  for (let k = 1; k <= typed.length; k++) out.push({ kind: 'typing letter by letter', query: { search: typed.slice(0, k) } })
  return out
}

// ─── The naive baseline ────────────────────────────────────────────────────────────────────────────────────

function naiveQuery(postings: Posting[], q: InboxQueryInput, now: number) {
  const f = q.filters ?? {}
  const statuses = f.status ?? ['awaiting_packaging']
  const group = (t: string) => (t === 'ozon' || t === '3pl_tracking' || t === 'non_integrated' ? t : 'other')
  const norm = (s: string) => s.toLowerCase().replaceAll('ё', 'е').replace(/[\s-]+/g, '')
  const words = (q.search ?? '').split(/\s+/).map(norm).filter(Boolean)
  const matchesSearch = (x: Posting) => {
    if (words.length === 0) return true
    const fields = [x.postingNumber, x.orderNumber, ...x.items.flatMap((i) => [i.offerId, String(i.sku), i.name])].map(norm)
    return fields.some((field) => field.includes(words.join(''))) || words.every((w) => fields.some((field) => field.includes(w)))
  }
  const checks: Record<FacetName, (x: Posting) => boolean> = {
    warehouse: (x) => !f.warehouse?.length || f.warehouse.includes(x.warehouse.id),
    carrier: (x) => !f.carrier?.length || f.carrier.map(String).includes(String(x.carrier.id)),
    deliveryMethod: (x) => !f.deliveryMethod?.length || f.deliveryMethod.includes(x.deliveryMethod.id),
    status: (x) => statuses.length === 0 || statuses.includes(x.status),
    integration: (x) => !f.integration?.length || (f.integration as string[]).includes(group(x.integrationType)),
    account: (x) => !f.account?.length || f.account.includes(x.accountId),
  }
  // Searched once per query (not once per facet), to keep the baseline honest.
  const searched = postings.filter(matchesSearch)
  const rows = searched.filter((x) => Object.values(checks).every((c) => c(x)))
  const facets = {} as Record<string, Record<string, number>>
  for (const name of Object.keys(checks) as FacetName[]) {
    const others = Object.entries(checks).filter(([n]) => n !== name)
    const counts: Record<string, number> = {}
    for (const x of searched.filter((x) => others.every(([, c]) => c(x)))) {
      const key = name === 'warehouse' ? x.warehouse.id : name === 'carrier' ? String(x.carrier.id) : name === 'status' ? x.status : x.accountId
      counts[key] = (counts[key] ?? 0) + 1
    }
    facets[name] = counts
  }
  const overdue = postings.filter((x) => OPEN.includes(x.status) && new Date(x.shipmentDate).getTime() <= now).length
  if (q.sort === 'moneyAtStake') {
    const stake = new Map(rows.map((x) => [x, OPEN.includes(x.status) ? moneyAtStake(x, now) : 0]))
    rows.sort((a, b) => stake.get(b)! - stake.get(a)! || new Date(a.shipmentDate).getTime() - new Date(b.shipmentDate).getTime())
  } else {
    rows.sort((a, b) => new Date(a.shipmentDate).getTime() - new Date(b.shipmentDate).getTime())
  }
  return { rows, facets, overdue }
}

export default {
  name: 'inbox',
  async run(report) {
    const postings = generatePostings({ count: COUNT, now: NOW })
    report.note(`${COUNT} generated postings, 5 warehouses, 5 carriers, ~60 % with tariff steps`)

    const build = await time(() => buildInboxIndex(postings, NOW), 15, 3)
    report.timing('index build, 10,000 postings', build)

    const index = buildInboxIndex(postings, NOW)
    const queries = mixedQueries(postings)
    // Both sides must answer the same question, or the ratio means nothing.
    for (const { query } of queries) {
      const ours = queryInbox(index, query, NOW).total
      const naive = naiveQuery(postings, query, NOW).rows.length
      if (ours !== naive) throw new Error(`inbox bench: results differ for ${JSON.stringify(query)}: ${ours} vs ${naive}`)
    }

    const ourSamples = new Map<string, number[]>()
    const naiveSamples = new Map<string, number[]>()
    const record = (into: Map<string, number[]>, kind: string, ms: number) => {
      into.set(kind, [...(into.get(kind) ?? []), ms])
      into.set('all', [...(into.get('all') ?? []), ms])
    }
    // Three rounds, alternating which side goes first, so both see the same machine state.
    for (let round = 0; round < 3; round++) {
      queries.forEach(({ kind, query }, k) => {
        const runOurs = () => {
          const t0 = performance.now()
          queryInbox(index, query, NOW)
          record(ourSamples, kind, performance.now() - t0)
        }
        const runNaive = () => {
          const t0 = performance.now()
          naiveQuery(postings, query, NOW)
          record(naiveSamples, kind, performance.now() - t0)
        }
        if ((k + round) % 2) {
          runOurs()
          runNaive()
        } else {
          runNaive()
          runOurs()
        }
      })
    }

    const all = stats(ourSamples.get('all')!)
    const naiveAll = stats(naiveSamples.get('all')!)
    report.timing('query (mixed), index', all)
    report.timing('query (mixed), naive', naiveAll)
    report.ratio('query median, mixed', naiveAll.median, all.median)
    report.ratio('query p95, mixed', naiveAll.p95, all.p95)
    report.figure('index build repaid after (queries)', build.median / (naiveAll.median - all.median), 'queries')
    for (const kind of ourSamples.keys()) {
      if (kind === 'all') continue
      const ours = stats(ourSamples.get(kind)!)
      const naive = stats(naiveSamples.get(kind)!)
      report.timing(`  ${kind}, index`, ours)
      report.ratio(`  ${kind}, median`, naive.median, ours.median)
    }
  },
} satisfies Bench
