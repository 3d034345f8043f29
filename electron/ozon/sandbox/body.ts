// Reading request bodies the way Ozon's gateway does: int64 as number or numeric string, clear validation
// messages naming the protobuf message and field.
import { invalid } from './api-error'

export type Body = Record<string, unknown>

export class BodyReader {
  constructor(
    readonly body: Body,
    /** Protobuf message name used in error texts, e.g. "GetFbsPostingRequest". */
    readonly message: string,
  ) {}

  private fail(field: string, what: string): never {
    throw invalid(this.message, field, what)
  }

  string(field: string, opts: { required?: boolean } = {}): string {
    const v = this.body[field]
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.fail(pascal(field), 'value length must be at least 1 runes')
      return ''
    }
    if (typeof v !== 'string') this.fail(pascal(field), `expected string, got ${typeof v}`)
    return v
  }

  /** int64 accepted as a JSON number or numeric string (§1.1). */
  int(field: string, opts: { required?: boolean; min?: number; max?: number; fallback?: number } = {}): number {
    const v = this.body[field]
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.fail(pascal(field), 'value is required')
      return opts.fallback ?? 0
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN
    if (!Number.isInteger(n)) this.fail(pascal(field), `expected an integer, got ${JSON.stringify(v)}`)
    if (opts.min !== undefined && n < opts.min) this.fail(pascal(field), `value must be greater than or equal to ${opts.min}`)
    if (opts.max !== undefined && n > opts.max) this.fail(pascal(field), `value must be inside range [${opts.min ?? 0}, ${opts.max}]`)
    return n
  }

  /** An int64 id kept as a string. */
  id(field: string, opts: { required?: boolean } = {}): string {
    const v = this.body[field]
    if (v === undefined || v === null || v === '' || v === 0) {
      if (opts.required) this.fail(pascal(field), 'value must be greater than 0')
      return ''
    }
    if (typeof v === 'number' && Number.isInteger(v)) return String(v)
    if (typeof v === 'string' && /^\d+$/.test(v)) return v
    return this.fail(pascal(field), `expected an int64, got ${JSON.stringify(v)}`)
  }

  bool(field: string): boolean {
    return this.body[field] === true
  }

  array(field: string, opts: { required?: boolean; max?: number } = {}): unknown[] {
    const v = this.body[field]
    if (v === undefined || v === null) {
      if (opts.required) this.fail(pascal(field), 'value must contain at least 1 item(s)')
      return []
    }
    if (!Array.isArray(v)) this.fail(pascal(field), `expected an array, got ${typeof v}`)
    if (opts.required && v.length === 0) this.fail(pascal(field), 'value must contain at least 1 item(s)')
    if (opts.max !== undefined && v.length > opts.max) this.fail(pascal(field), `value must contain no more than ${opts.max} item(s)`)
    return v
  }

  strings(field: string, opts: { required?: boolean; max?: number } = {}): string[] {
    return this.array(field, opts).map((x, i) => {
      if (typeof x !== 'string' || !x) this.fail(`${pascal(field)}[${i}]`, 'value length must be at least 1 runes')
      return x
    })
  }

  ids(field: string): string[] {
    return this.array(field).map((x, i) => {
      if (typeof x === 'number' && Number.isInteger(x)) return String(x)
      if (typeof x === 'string' && /^\d+$/.test(x)) return x
      return this.fail(`${pascal(field)}[${i}]`, `expected an int64, got ${JSON.stringify(x)}`)
    })
  }

  object(field: string, opts: { required?: boolean } = {}): BodyReader {
    const v = this.body[field]
    if (v === undefined || v === null) {
      if (opts.required) this.fail(pascal(field), 'value is required')
      return new BodyReader({}, `${this.message}.${pascal(field)}`)
    }
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(pascal(field), 'expected an object')
    return new BodyReader(v as Body, `${this.message}.${pascal(field)}`)
  }

  has(field: string): boolean {
    const v = this.body[field]
    return v !== undefined && v !== null && v !== ''
  }

  /** ISO date-time field (optional). */
  date(field: string, opts: { required?: boolean } = {}): string {
    const s = this.string(field, opts)
    if (s && Number.isNaN(Date.parse(s))) this.fail(pascal(field), `value must be a valid RFC 3339 date-time, got "${s}"`)
    return s
  }
}

function pascal(field: string): string {
  return field.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())
}
