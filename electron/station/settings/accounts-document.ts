// <dataDir>/accounts.json: the Ozon accounts connected from the UI — who they are and how their key last
// checked out. Never a key: those live in secrets.json, sealed (see ../secrets).
import { z } from 'zod'
import { AccessCheck } from '../../../shared/domain/accounts'
import type { DocumentSpec } from '../../store'

export const AccountRecord = z.object({
  id: z.string().min(1),
  clientId: z.string().min(1),
  label: z.string().min(1),
  url: z.string().min(1),
  addedAt: z.string(),
  /** Set when the person removed the account: no key, no client, postings kept read-only. */
  removedAt: z.string().nullable().default(null),
  lastCheck: AccessCheck.nullable().default(null),
})
export type AccountRecord = z.infer<typeof AccountRecord>

export const AccountsData = z.object({ accounts: z.array(AccountRecord).default([]) })
export type AccountsData = z.infer<typeof AccountsData>

export const accountsDocument: DocumentSpec<AccountsData> = {
  name: 'accounts',
  version: 1,
  schema: AccountsData,
  defaults: () => AccountsData.parse({}),
}

/** The secret store's name for an account's Api-Key. */
export const apiKeySecretName = (accountId: string) => `ozon-api-key:${accountId}`
