// The desktop app's secret cipher: Electron `safeStorage` seals Api-Keys with a key held by the OS keychain
// (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux). The sealed bytes go to <dataDir>/secrets.json;
// the plain key never leaves the main process. On Linux without a keyring Electron falls back to a fixed
// built-in password ("basic_text") — that is no protection, so the station says "not available" and keeps the
// key in its owner-only file instead, openly.
import { safeStorage } from 'electron'
import type { SecretCipher } from '../station/secrets'

export function safeStorageCipher(): SecretCipher {
  return {
    kind: 'os-keychain',
    async available() {
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false
      return safeStorage.isAsyncEncryptionAvailable()
    },
    seal: (plain) => safeStorage.encryptStringAsync(plain),
    async open(sealed) {
      const { result } = await safeStorage.decryptStringAsync(sealed)
      return result
    },
  }
}
