// What a sandbox route handler receives and may return.
import type { Body } from '../body'
import type { SandboxState } from '../state'
import type { SbAccount } from '../world'

export interface Call {
  state: SandboxState
  acc: SbAccount
  body: Body
  now: Date
  /** `http://127.0.0.1:<port>` as the client reached us — used to build `file_url`s. */
  origin: string
}

/** A binary answer (PDF) — sent raw or as the documented JSON object, per the `binaryBodies` switch. */
export class FileAnswer {
  constructor(
    readonly bytes: Buffer,
    readonly contentType: string,
    readonly fileName: string,
  ) {}
}

export type Route = (c: Call) => unknown | Promise<unknown>
