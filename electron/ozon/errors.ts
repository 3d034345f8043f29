// The one error type the Ozon client throws. It keeps Ozon's own `code` and `message` (the machine reason,
// e.g. POSTING_ALREADY_SHIPPED), sorts the failure into a `kind` the station can branch on, and carries a
// sentence a packer can act on in the UI language. Secrets never enter it: the transport scrubs every text.

export type OzonErrorKind =
  | 'auth' // bad, missing or deactivated Api-Key / Client-Id
  | 'forbidden' // key valid but lacks a role, IP restricted, offer not signed
  | 'rate_limit' // 429 / code 8, or a method blocked for minutes ("Circle is open")
  | 'validation' // the request itself is malformed (code 3 "Request validation error", proto parse error)
  | 'business' // Ozon refused for a business reason (wrong status, wrong quantity, …)
  | 'not_found' // posting / task / method not found
  | 'network' // connection refused, reset, dropped
  | 'timeout' // no answer within timeoutMs
  | 'server' // 5xx
  | 'malformed' // 2xx whose body is not what the method promises

export type OzonLocale = 'ru' | 'en' | 'zh'

export interface OzonErrorInit {
  kind: OzonErrorKind
  httpStatus: number | null
  code: number | null
  ozonMessage: string
  method: string
  retryable: boolean
  /** The request may have been carried out although no good answer came back (timeout, 5xx, reset after send). */
  outcomeUnknown?: boolean
  /** Seconds Ozon asked us to wait (Retry-After), when it said so. */
  retryAfterMs?: number | null
  locale?: OzonLocale
  /** Extra words for the human message, e.g. the posting number concerned. */
  subject?: string
}

export class OzonError extends Error {
  readonly kind: OzonErrorKind
  readonly httpStatus: number | null
  readonly code: number | null
  readonly ozonMessage: string
  readonly method: string
  readonly retryable: boolean
  readonly outcomeUnknown: boolean
  readonly retryAfterMs: number | null
  readonly human: string

  constructor(init: OzonErrorInit) {
    const human = humanMessage(init.kind, init.ozonMessage, init.locale ?? 'ru', init.subject)
    super(`${init.method}: ${init.kind}${init.httpStatus ? ` (HTTP ${init.httpStatus})` : ''}: ${init.ozonMessage || human}`)
    this.name = 'OzonError'
    this.kind = init.kind
    this.httpStatus = init.httpStatus
    this.code = init.code
    this.ozonMessage = init.ozonMessage
    this.method = init.method
    this.retryable = init.retryable
    this.outcomeUnknown = init.outcomeUnknown ?? false
    this.retryAfterMs = init.retryAfterMs ?? null
    this.human = human
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      httpStatus: this.httpStatus,
      code: this.code,
      ozonMessage: this.ozonMessage,
      method: this.method,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
      human: this.human,
    }
  }
}

export function isOzonError(e: unknown): e is OzonError {
  return e instanceof OzonError
}

/** Ozon reasons that mean "this posting is already past packing" — on a retry they may mean our earlier ship worked. */
export const ALREADY_PACKED_REASONS = ['POSTING_ALREADY_SHIPPED', 'HAS_INCORRECT_STATUS'] as const

/**
 * Sorts an HTTP error answer into a kind. Ozon's status per business error is undocumented (§1.4, §13.9),
 * so the message decides first and the status only breaks ties.
 */
export function classifyHttpError(
  status: number,
  code: number | null,
  message: string,
): { kind: OzonErrorKind; retryable: boolean } {
  const m = message.toLowerCase()
  if (status === 429 || code === 8 || m.includes('rate limit')) return { kind: 'rate_limit', retryable: true }
  if (m.includes('circle is open')) return { kind: 'rate_limit', retryable: true }
  if (m.includes('missing a required role') || m.includes('restricted to specific ip') || m.includes('offer not signed'))
    return { kind: 'forbidden', retryable: false }
  if (status === 401 || code === 7 || code === 16 || m.includes('api-key') || m.includes('client-id'))
    return { kind: 'auth', retryable: false }
  if (status >= 500) return { kind: 'server', retryable: true }
  if (m.includes('not_found') || m.includes('not found') || status === 404) return { kind: 'not_found', retryable: false }
  if (status === 403) return { kind: 'forbidden', retryable: false }
  if (
    m.startsWith('request validation error') ||
    m.startsWith('proto:') ||
    m === 'invalid_argument' ||
    m.includes('must be specified') ||
    m.includes('mismatch between cutoff')
  )
    return { kind: 'validation', retryable: false }
  return { kind: 'business', retryable: false }
}

// ---- human messages -------------------------------------------------------------------------------------------

type Phrases = Record<string, string>

const BY_REASON: Record<OzonLocale, Phrases> = {
  ru: {
    POSTING_ALREADY_SHIPPED: 'Отправление уже собрано — повторная сборка не нужна.',
    HAS_INCORRECT_STATUS: 'У отправления неподходящий статус для этого действия. Обновите список отправлений.',
    HAS_INCORRECT_PRODUCT_QUANTITY: 'Количество товаров в упаковках не совпадает с заказом. Проверьте план упаковки.',
    POSTING_NOT_FOUND: 'Отправление не найдено в Ozon. Проверьте номер или обновите список.',
    POSTING_ALREADY_CANCELLED: 'Отправление уже отменено — собирать его не нужно.',
    UNKNOW_PRODUCT: 'В плане упаковки есть товар, которого нет в отправлении.',
    UNKNOWN_PRODUCT_DEFINED: 'В плане упаковки есть товар, которого нет в отправлении.',
    EXEMPLAR_INFO_NOT_FILLED_COMPLETELY: 'Не заполнены коды маркировки «Честный ЗНАК». Отсканируйте коды всех экземпляров.',
    MANDATORY_MARK_REDUNDANT: 'Для этого товара код маркировки не нужен.',
    HAS_INCORRECT_CANCEL_REASON: 'Эту причину отмены нельзя использовать для отправления.',
    "The next postings aren't ready": 'Этикетки ещё не готовы — Ozon готовит их 45–60 секунд после сборки. Повторите позже.',
    NO_POSTINGS_FOR_BATCH_DOWNLOAD: 'Ни одно из отправлений не ожидает отгрузки — этикетки недоступны.',
    PACKED_WITH_ANOTHER_PLAN: 'Отправление уже собрано по-другому (на другом месте или в кабинете продавца). Обновите отправление — повторно собирать не нужно.',
    ship_failed: 'Ozon несколько раз не смог завершить сборку. Повторите позже или проверьте отправление в кабинете продавца.',
    INVALID_POSTING_STATE: 'Коды маркировки можно менять только до сборки отправления.',
  },
  en: {
    POSTING_ALREADY_SHIPPED: 'The posting is already packed — no need to pack it again.',
    HAS_INCORRECT_STATUS: 'The posting is not in a status that allows this. Refresh the postings.',
    HAS_INCORRECT_PRODUCT_QUANTITY: 'Quantities in the packages do not match the order. Check the packing plan.',
    POSTING_NOT_FOUND: 'Ozon does not know this posting. Check the number or refresh the list.',
    POSTING_ALREADY_CANCELLED: 'The posting is already cancelled — do not pack it.',
    UNKNOW_PRODUCT: 'The packing plan has an item that is not in the posting.',
    UNKNOWN_PRODUCT_DEFINED: 'The packing plan has an item that is not in the posting.',
    EXEMPLAR_INFO_NOT_FILLED_COMPLETELY: 'Marking codes (Chestny ZNAK) are missing. Scan the code of every unit.',
    MANDATORY_MARK_REDUNDANT: 'This product needs no marking code.',
    HAS_INCORRECT_CANCEL_REASON: 'This cancellation reason cannot be used for the posting.',
    "The next postings aren't ready": 'Labels are not ready yet — Ozon needs 45–60 s after packing. Try again shortly.',
    NO_POSTINGS_FOR_BATCH_DOWNLOAD: 'None of the postings awaits shipment — no labels available.',
    PACKED_WITH_ANOTHER_PLAN: 'The posting was already packed differently (at another bench or in the seller cabinet). Refresh it — do not pack it again.',
    ship_failed: 'Ozon failed to finish packing several times. Try again later or check the posting in the seller cabinet.',
    INVALID_POSTING_STATE: 'Marking codes can only be changed before the posting is packed.',
  },
  zh: {
    POSTING_ALREADY_SHIPPED: '该货件已完成打包，无需再次打包。',
    HAS_INCORRECT_STATUS: '货件当前状态不允许此操作。请刷新货件列表。',
    HAS_INCORRECT_PRODUCT_QUANTITY: '包裹中的商品数量与订单不符。请检查打包方案。',
    POSTING_NOT_FOUND: 'Ozon 中找不到该货件。请检查编号或刷新列表。',
    POSTING_ALREADY_CANCELLED: '该货件已取消，请勿打包。',
    UNKNOW_PRODUCT: '打包方案中包含不属于该货件的商品。',
    UNKNOWN_PRODUCT_DEFINED: '打包方案中包含不属于该货件的商品。',
    EXEMPLAR_INFO_NOT_FILLED_COMPLETELY: '缺少"Chestny ZNAK"标识码。请扫描每件商品的标识码。',
    MANDATORY_MARK_REDUNDANT: '该商品不需要标识码。',
    HAS_INCORRECT_CANCEL_REASON: '此取消原因不适用于该货件。',
    "The next postings aren't ready": '标签尚未就绪——Ozon 在打包后需要 45–60 秒。请稍后重试。',
    NO_POSTINGS_FOR_BATCH_DOWNLOAD: '没有等待发货的货件，无法获取标签。',
    PACKED_WITH_ANOTHER_PLAN: '该货件已按其他方案打包（在其他工位或卖家后台）。请刷新货件——无需再次打包。',
    ship_failed: 'Ozon 多次未能完成打包。请稍后重试，或在卖家后台检查该货件。',
    INVALID_POSTING_STATE: '只能在货件打包前修改标识码。',
  },
}

const BY_KIND: Record<OzonLocale, Record<OzonErrorKind, string>> = {
  ru: {
    auth: 'Ozon не принял ключ API (Client-Id / Api-Key). Проверьте ключ в настройках или создайте новый в кабинете продавца.',
    forbidden: 'У ключа API нет прав на это действие. Выдайте ключу нужную роль в кабинете продавца.',
    rate_limit: 'Ozon ограничил частоту запросов. Подождите несколько секунд — запрос будет повторён.',
    validation: 'Ozon отклонил запрос как некорректный. Сообщите разработчикам: это ошибка программы.',
    business: 'Ozon отказал в операции.',
    not_found: 'Ozon не нашёл запрошенный объект.',
    network: 'Нет связи с Ozon. Проверьте подключение к интернету — ничего не потеряно, запрос можно повторить.',
    timeout: 'Ozon не ответил вовремя. Проверьте статус отправления перед повтором — ничего не потеряно.',
    server: 'Сбой на стороне Ozon. Повторите позже — ничего не потеряно.',
    malformed: 'Ozon прислал непонятный ответ. Повторите позже; если повторяется — сообщите разработчикам.',
  },
  en: {
    auth: 'Ozon rejected the API key (Client-Id / Api-Key). Check the key in settings or create a new one in the seller cabinet.',
    forbidden: 'The API key lacks the rights for this action. Give the key the needed role in the seller cabinet.',
    rate_limit: 'Ozon is limiting the request rate. Wait a few seconds — the request will be retried.',
    validation: 'Ozon rejected the request as invalid. Please report it: this is a program error.',
    business: 'Ozon refused the operation.',
    not_found: 'Ozon did not find what was asked for.',
    network: 'No connection to Ozon. Check the internet connection — nothing is lost, the request can be repeated.',
    timeout: 'Ozon did not answer in time. Check the posting status before repeating — nothing is lost.',
    server: 'Ozon had an internal failure. Try again later — nothing is lost.',
    malformed: 'Ozon sent an answer we cannot read. Try again later; report it if it keeps happening.',
  },
  zh: {
    auth: 'Ozon 拒绝了 API 密钥（Client-Id / Api-Key）。请在设置中检查密钥，或在卖家后台创建新密钥。',
    forbidden: 'API 密钥无权执行此操作。请在卖家后台为密钥分配所需角色。',
    rate_limit: 'Ozon 限制了请求频率。请稍候几秒，请求将自动重试。',
    validation: 'Ozon 认为请求无效。请报告开发人员：这是程序错误。',
    business: 'Ozon 拒绝了该操作。',
    not_found: 'Ozon 未找到请求的对象。',
    network: '无法连接 Ozon。请检查网络连接——数据不会丢失，可以重试。',
    timeout: 'Ozon 未及时响应。重试前请先检查货件状态——数据不会丢失。',
    server: 'Ozon 服务器故障。请稍后重试——数据不会丢失。',
    malformed: 'Ozon 返回了无法解析的响应。请稍后重试；如持续出现请报告开发人员。',
  },
}

const REASON_LABEL: Record<OzonLocale, string> = { ru: 'Причина Ozon', en: 'Ozon reason', zh: 'Ozon 原因' }

export function humanMessage(kind: OzonErrorKind, ozonMessage: string, locale: OzonLocale, subject?: string): string {
  const known = BY_REASON[locale][ozonMessage]
  let text = known ?? BY_KIND[locale][kind]
  // For refusals we have no sentence for, show Ozon's own reason so the packer (or support) can act on it.
  if (!known && ozonMessage && (kind === 'business' || kind === 'not_found')) text += ` ${REASON_LABEL[locale]}: ${ozonMessage}`
  return subject ? `${subject}: ${text}` : text
}
