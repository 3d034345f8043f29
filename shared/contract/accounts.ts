// Contract of the Ozon accounts: connect (checked at once against Ozon), re-check, replace a key, rename,
// remove (local data kept read-only) and forget. The Api-Key goes in through `accounts.check`, `accounts.add`
// and `accounts.replaceKey` only; no reply and no event ever carries it back.
import { z } from 'zod'
import { AccessCheck, AccountLabel, ApiKey, ApiUrl, ClientId, DEFAULT_OZON_API_URL } from '../domain/accounts'
import { method } from './define'

export const AccountState = z.enum([
  'active', // the station works for it now
  'needs_key', // its stored key can no longer be read (e.g. the OS keychain was reset): enter it again
  'removed', // removed by the person; its postings stay, read-only, until its data is deleted
])
export type AccountState = z.infer<typeof AccountState>

export const AccountInfo = z.object({
  id: z.string(),
  label: z.string(),
  clientId: z.string(),
  url: z.string(),
  /** ui: connected in Settings; env: from OZON_CLIENT_ID/OZON_API_KEY (change it there); demo: the built-in sandbox. */
  source: z.enum(['ui', 'env', 'demo']),
  state: AccountState,
  lastCheck: AccessCheck.nullable(),
  addedAt: z.string().nullable(),
  removedAt: z.string().nullable(),
  /** Postings of this account in the station's list. */
  postings: z.number().int().nonnegative(),
})
export type AccountInfo = z.infer<typeof AccountInfo>

export const AccountsList = z.object({
  /** demo: no live account, the station works against the built-in sandbox. */
  mode: z.enum(['demo', 'live']),
  /** Where Api-Keys are kept on this station: the OS keychain (desktop) or a file only this user can read. */
  secretStorage: z.enum(['os-keychain', 'user-file']),
  /** Every account the inbox may show, with its label — active ones first. */
  accounts: z.array(AccountInfo),
})
export type AccountsList = z.infer<typeof AccountsList>

const Credentials = z.object({
  clientId: ClientId,
  apiKey: ApiKey,
  /** The Seller API address; change it only for a sandbox ("advanced"). */
  url: ApiUrl.default(DEFAULT_OZON_API_URL),
})

export const AddAccountResult = z.object({
  /** False when the check said no (wrong key, no FBS roles, expired) or could not ask and saving anyway was not asked for. */
  saved: z.boolean(),
  check: AccessCheck,
  account: AccountInfo.nullable(),
})
export type AddAccountResult = z.infer<typeof AddAccountResult>

const confirm = z.literal(true, { error: 'confirm: true is required — this cannot be undone from the station' })

export const accountsMethods = {
  'accounts.list': method('Ozon accounts with their labels, state and last key check; the mode (demo/live).', z.object({}), AccountsList),
  'accounts.check': method('Ask Ozon about a Client-Id + Api-Key without saving them: roles, expiry, or what is wrong.', Credentials, AccessCheck),
  'accounts.add': method(
    'Connect an account: the key is checked at once and saved only when it works (or when saveUnverified and Ozon could not be reached).',
    Credentials.extend({ label: AccountLabel.optional(), saveUnverified: z.boolean().default(false) }),
    AddAccountResult,
  ),
  'accounts.recheck': method('Check a saved account\'s key again and remember the verdict.', z.object({ id: z.string().min(1) }), AccessCheck),
  'accounts.replaceKey': method(
    'Enter a new Api-Key for a saved account (after a keychain reset or a key rotation); checked before it is saved.',
    z.object({ id: z.string().min(1), apiKey: ApiKey, saveUnverified: z.boolean().default(false) }),
    AddAccountResult,
  ),
  'accounts.rename': method('Change the label shown for an account.', z.object({ id: z.string().min(1), label: AccountLabel }), AccountInfo),
  'accounts.remove': method(
    'Stop working for an account: its key is deleted, its postings stay read-only until its data is deleted.',
    z.object({ id: z.string().min(1), confirm }),
    AccountsList,
  ),
  'accounts.deleteData': method(
    'Delete the local postings and reference data of a removed account.',
    z.object({ id: z.string().min(1), confirm }),
    AccountsList,
  ),
}

export const AccountsChanged = z.object({ mode: z.enum(['demo', 'live']), activeIds: z.array(z.string()) })

export const accountsEvents = {
  'accounts.changed': AccountsChanged,
}
