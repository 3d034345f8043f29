// What printing needs from the labels area, as one narrow interface: the labels of some packages as one PDF
// (bag labels with their layouts, Ozon's cached labels), where Ozon's label of each package stands, and which
// package a posting number is. The labels area builds labels; printing only sends them.
import type { LabelChoice } from '../../../shared/contract/labels'
import type { LabelReadiness } from '../../../shared/domain/auto-print'
import type { BuiltBatch, LabelsService, PackageRef } from '../labels'

export type { BuiltBatch, PackageRef }

export interface LabelSource {
  /** The bench's choice of labels per package ('ozon' | 'bag' | 'both'). */
  choice(): LabelChoice
  /** The labels of these packages in the order given, as one PDF (`choice` picks the kinds). */
  build(refs: PackageRef[], choice: LabelChoice): Promise<BuiltBatch>
  /** Where Ozon's label of each posting stands; a posting the labels area does not track is absent. */
  readiness(refs: PackageRef[]): Map<string, { state: LabelReadiness; reason?: string }>
  /** Posting numbers → packages (the account of each), or a StationError naming the number. */
  resolve(postingNumbers: string[], accountId?: string): PackageRef[]
  packageOf(ref: PackageRef): { packageIndex: number; packageCount: number }
  /** Start waiting for (or ask Ozon again for) the labels of these packages. */
  retry(refs: PackageRef[]): Promise<void>
}

export function labelSourceOf(service: LabelsService): LabelSource {
  return {
    choice: () => service.choice(),
    build: (refs, choice) => service.build(refs, choice),
    readiness(refs) {
      const out = new Map<string, { state: LabelReadiness; reason?: string }>()
      if (refs.length === 0) return out
      const byAccount = new Map<string, string[]>()
      for (const r of refs) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r.postingNumber])
      for (const [accountId, postingNumbers] of byAccount) {
        for (const item of service.status({ postingNumbers, accountId, limit: postingNumbers.length }).items) {
          out.set(item.postingNumber, { state: item.state, reason: item.reason?.message })
        }
      }
      return out
    },
    resolve: (postingNumbers, accountId) => service.directory.resolve(postingNumbers, accountId),
    packageOf: (ref) => service.directory.packageOf(ref),
    async retry(refs) {
      const byAccount = new Map<string, string[]>()
      for (const r of refs) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r.postingNumber])
      for (const [accountId, postingNumbers] of byAccount) await service.retry({ postingNumbers, accountId })
    },
  }
}
