// A job as the packer names it, in the bench's language: "Bag labels 41257303-0007-1 (+2)". (The job's own
// title is written by the station in English for system print queues.)
import type { TFunction } from 'i18next'
import type { PrintJob } from '../../../../shared/domain/printers'

export function jobLabel(job: Pick<PrintJob, 'kind' | 'postingNumbers'>, t: TFunction): string {
  const [first] = job.postingNumbers
  const more = job.postingNumbers.length - 1
  return `${t(`printing:kinds.${job.kind}`)}${first ? ` ${first}` : ''}${more > 0 ? ` (+${more})` : ''}`
}
