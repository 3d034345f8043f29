// The orders document is written by more than one area (the sync here; packing when it learns a posting's new
// state; settings when an account's data is deleted). The inbox index must be rebuilt after each of those
// writes, so the orders area swaps `ctx.orders` for this thin wrapper that says when the data changed.
import type { StoredDocument } from '../../store'

export function watchDocument<T>(doc: StoredDocument<T>, changed: () => void): StoredDocument<T> {
  return {
    get file() {
      return doc.file
    },
    get data() {
      return doc.data
    },
    get recovery() {
      return doc.recovery
    },
    // Signalled right after the change is made in memory (readers see it from then on), before the write.
    update: (mutate) =>
      doc.update((data) => {
        try {
          mutate(data)
        } finally {
          changed()
        }
      }),
    replace: async (data) => {
      try {
        await doc.replace(data)
      } finally {
        changed()
      }
    },
  }
}
