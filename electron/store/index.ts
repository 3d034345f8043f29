export { openDocument, StoreError, type DocumentSpec, type StoredDocument } from './document'
export { openJournal, JournalEntry, type Journal } from './journal'
export { openAuditLog, AuditEntry, type AuditLog } from './audit'
export type { RecoveryReport } from './durable-file'
