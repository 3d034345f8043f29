// Sandbox options and the switches for every behaviour the reference marks [UNCERTAIN] or [CONFLICT].
// Defaults follow the reference's recommendations (ozon-fbs-api.md §11, §13).
import type { WindowLimit } from '../rate-limiter'

export interface SandboxVariants {
  /** v4 list answers at the top level (docs, default) or wrapped in `result` (one live observation) — §5.2. */
  listWrapper: 'top' | 'result'
  /**
   * Posting numbers after a split ship (§6.1, undocumented): `keep-first` = first package keeps the number,
   * others get `<order>-<max+1>`; `all-new` = every package gets a new number and the original becomes
   * `cancelled_from_split_pending`.
   */
  splitNumbering: 'keep-first' | 'all-new'
  /** Status of the posting split off by `/v4/posting/fbs/ship/package` (§6.2 [CONFLICT]). */
  shipPackageStatus: 'awaiting_packaging' | 'awaiting_deliver'
  /** Label/act bodies: raw PDF bytes (field evidence, default) or the documented JSON `{file_content}` (§1.6). */
  binaryBodies: 'raw' | 'json'
  /** Which label barcode `/v2/posting/fbs/get-by-barcode` accepts (§5.7 [UNCERTAIN]). */
  barcodeLookup: 'both' | 'lower' | 'upper'
  /** Missing auth headers: 403 code 7 (observed) or 401 code 16 (GO tests) — §11. */
  missingHeaders: '403' | '401'
  /** HTTP status for business refusals (undocumented, §1.4): 400 (default) or 409. POSTING_NOT_FOUND is 404. */
  businessErrorStatus: 400 | 409
  /** `/v1/delivery-method/list` maximum `limit`: 50 (doc text) or 100 (doc example) — §13.8. */
  deliveryMethodV1MaxLimit: 50 | 100
  /** `/v1/carriage/create` refuses with `not_packaged` while postings due by departure are still unpacked. */
  carriageRequiresAllPacked: boolean
  /** Method paths answered with 404 as if Ozon had switched them off (to exercise client fallbacks). */
  disabledMethods: string[]
}

export const DEFAULT_SANDBOX_VARIANTS: SandboxVariants = {
  listWrapper: 'top',
  splitNumbering: 'keep-first',
  shipPackageStatus: 'awaiting_packaging',
  binaryBodies: 'raw',
  barcodeLookup: 'both',
  missingHeaders: '403',
  businessErrorStatus: 400,
  deliveryMethodV1MaxLimit: 50,
  carriageRequiresAllPacked: false,
  disabledMethods: [],
}

export interface SandboxAccount {
  clientId: string
  apiKey: string
  name?: string
  seed?: number
}

export interface DemoOptions {
  /** How many postings a fresh account starts with (default: 80–150 picked by the seed). 0 = none. */
  postings?: number
  /** New postings keep arriving relative to the current time, as at Ozon (default true). */
  arrivals?: boolean
  /** Mean minutes between arrivals (default 35). */
  arrivalEveryMinutes?: number
  /** Ozon cancels a posting this long past its pack-by time (default 72 h; null = never). */
  autoCancelOverdueAfterHours?: number | null
  /** Packed Ozon-logistics postings are picked up (→ delivering) after this long (default 36 h; null = never). */
  autoPickupAfterHours?: number | null
}

export interface SandboxOptions {
  /** 0 = a free port (default). */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** State persists here across restarts; omit = in memory. */
  dataDir?: string
  seed?: number
  /** Labels become available this long after packing (default 45–60 s per posting, like Ozon). */
  labelReadyDelayMs?: number
  /** A label task turns from `in_progress` to `completed` after this long (default 1500 ms). */
  labelTaskDelayMs?: number
  /** Asynchronous ship completes after this long (default 1500 ms; 0 = by the next request). */
  shipDelayMs?: number
  /** Marking codes are "checked" this long after exemplar/set (default 2000 ms). */
  exemplarCheckDelayMs?: number
  /** Act/carriage documents are formed this long after approve (default 3000 ms). */
  actDelayMs?: number
  accounts?: SandboxAccount[]
  now?: () => Date
  demo?: DemoOptions
  /** Requests per second per Client-Id (default 50, like Ozon). */
  rateLimitPerSecond?: number
  /** Stricter per-method limits (default: `/v1/warehouse/list` once a minute). */
  methodLimits?: Record<string, WindowLimit>
  variants?: Partial<SandboxVariants>
  /** Where the sandbox reports what it does (default: nothing). */
  log?: (line: string) => void
}

export const DEFAULT_ACCOUNT: SandboxAccount = { clientId: 'demo', apiKey: 'demo', name: 'Демо-магазин «Уютный дом»' }

export const DEFAULT_METHOD_LIMITS: Record<string, WindowLimit> = {
  '/v1/warehouse/list': { max: 1, perMs: 60_000 },
}

/** Timings the sandbox uses, resolved from the options (and changeable at run time through the control). */
export interface Timings {
  /** null = per-posting 45–60 s like Ozon. */
  labelReadyDelayMs: number | null
  labelTaskDelayMs: number
  shipDelayMs: number
  exemplarCheckDelayMs: number
  actDelayMs: number
}

export function resolveTimings(o: SandboxOptions): Timings {
  return {
    labelReadyDelayMs: o.labelReadyDelayMs ?? null,
    labelTaskDelayMs: o.labelTaskDelayMs ?? 1500,
    shipDelayMs: o.shipDelayMs ?? 1500,
    exemplarCheckDelayMs: o.exemplarCheckDelayMs ?? 2000,
    actDelayMs: o.actDelayMs ?? 3000,
  }
}
