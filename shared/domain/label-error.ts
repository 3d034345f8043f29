// The one error a label can end in: a field that cannot be printed as given, and what the person can do about it.

export type LabelErrorCode =
  | 'invalid_size'
  | 'invalid_dpi'
  | 'missing_field'
  | 'unencodable'
  | 'no_items'
  | 'invalid_item'
  | 'invalid_package_number'
  | 'invalid_date'
  | 'invalid_time_zone'
  | 'invalid_locale'
  | 'barcode_does_not_fit'
  | 'content_does_not_fit'
  | 'no_labels'

/** A label that cannot be made as asked: which field, what is wrong with it and what to do. */
export class LabelError extends Error {
  postingNumber?: string

  constructor(
    readonly code: LabelErrorCode,
    readonly field: string,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${field}: ${problem}. ${remedy}`)
    this.name = 'LabelError'
  }

  /** Names the posting in the message (done by layoutBagLabel once the posting number is known). */
  forPosting(postingNumber: string): this {
    this.postingNumber = postingNumber
    this.message = `Label for posting ${postingNumber} — ${this.field}: ${this.problem}. ${this.remedy}`
    return this
  }
}
