// Where the station keeps Api-Keys: a small sealed store behind an interface the shells fill in.
export { userFileCipher, type SecretCipher, type SecretStorageKind } from './cipher'
export { openSecretStore, SECRETS_FILE, type SecretRead, type SecretStore } from './store'
