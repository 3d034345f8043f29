// How a secret is sealed before it is written to disk. The core owns this interface; the shells provide it:
// the desktop app seals with Electron `safeStorage` (the OS keychain, electron/main/secrets.ts), the web host
// keeps the text as is in a file only the user can read (`userFileCipher`).

export type SecretStorageKind = 'os-keychain' | 'user-file'

export interface SecretCipher {
  readonly kind: SecretStorageKind
  /** False when this cipher cannot work here (no keychain, or only a plain-text fallback): the store uses the user file. */
  available(): Promise<boolean>
  seal(plain: string): Promise<Buffer>
  /** Throws when the sealed bytes can no longer be opened (e.g. the OS keychain was reset). */
  open(sealed: Buffer): Promise<string>
}

/**
 * The web host's storage: the secret's bytes as they are, protected by the file's 0600 permissions — the
 * same protection as ~/.ssh keys. It never fails to open what it sealed.
 */
export const userFileCipher: SecretCipher = {
  kind: 'user-file',
  available: async () => true,
  seal: async (plain) => Buffer.from(plain, 'utf8'),
  open: async (sealed) => sealed.toString('utf8'),
}
