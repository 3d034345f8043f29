// One JSON document on disk = one lowdb instance = one durable file, checked against its zod schema on read
// and migrated forward from older schema versions. Each area of the station owns its document(s)
// (settings, orders, packing, printing, …) so a busy area never rewrites another area's data.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import type { Logger } from '../../shared/log'
import { DurableJsonFile, NewerVersionError, type RecoveryReport } from './durable-file'

export interface DocumentSpec<T> {
  /** File name without extension, e.g. 'settings' → <dataDir>/settings.json */
  name: string
  /** Current schema version. Bump it and add a migration whenever the stored shape changes. */
  version: number
  schema: z.ZodType<T>
  defaults: () => T
  /** migrations[n] turns data of version n-1 into version n. */
  migrations?: Record<number, (data: unknown) => unknown>
}

export interface StoredDocument<T> {
  readonly file: string
  readonly data: T
  /** Change the data and wait until it is durably written. */
  update(mutate: (data: T) => void): Promise<void>
  /** Replace the data wholesale (e.g. an import) and wait until it is written. */
  replace(data: T): Promise<void>
  readonly recovery: RecoveryReport
}

const Envelope = z.object({ schemaVersion: z.number().int().positive(), data: z.unknown() })

export class StoreError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

export async function openDocument<T>(dataDir: string, spec: DocumentSpec<T>, log: Logger): Promise<StoredDocument<T>> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, `${spec.name}.json`)
  const adapter = new DurableJsonFile<Stored<T>>(file, (raw) => parseStored(raw, spec, file), log)
  const db = new Low<Stored<T>>(adapter, { schemaVersion: spec.version, data: spec.defaults() })
  try {
    await db.read()
  } catch (err) {
    if (err instanceof NewerVersionError) throw new StoreError(err.message, file)
    throw err
  }
  // Write once at open so a fresh or migrated document is on disk in the current version.
  await db.write()

  return {
    file,
    recovery: adapter.recovery,
    get data() {
      return db.data.data
    },
    async update(mutate) {
      mutate(db.data.data)
      await db.write()
    },
    async replace(data) {
      db.data = { schemaVersion: spec.version, data: spec.schema.parse(data) }
      await db.write()
    },
  }
}

interface Stored<T> {
  schemaVersion: number
  data: T
}

function parseStored<T>(raw: unknown, spec: DocumentSpec<T>, file: string): Stored<T> {
  const envelope = Envelope.parse(raw)
  if (envelope.schemaVersion > spec.version) {
    throw new NewerVersionError(
      `${path.basename(file)} was written by a newer version of the station (schema ${envelope.schemaVersion}, ` +
        `this one knows ${spec.version}). Update the station; the file was left untouched.`,
    )
  }
  let data = envelope.data
  for (let v = envelope.schemaVersion + 1; v <= spec.version; v++) {
    const migrate = spec.migrations?.[v]
    if (!migrate) throw new Error(`no migration to schema version ${v}`)
    data = migrate(data)
  }
  return { schemaVersion: spec.version, data: spec.schema.parse(data) }
}
