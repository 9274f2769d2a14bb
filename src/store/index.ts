export { type ActionRow, encodeRecord } from "./action-codec.js";
export {
  type AlertLedgerEntry,
  type AlertLedgerEntryInput,
  AlertLedgerEntrySchema,
  type AlertStatus,
  AlertStatusSchema,
  alertLedgerKey,
  type MessageRef,
  MessageRefSchema,
} from "./alert-ledger.js";
export {
  type ApplyConflictsResult,
  CONFLICT_LIFECYCLE,
  type OwedChange,
  type ReconcileRun,
  type StoredConflict,
  StoredConflictSchema,
} from "./conflict-repo.js";
export { type CopyReport, copySqliteToPostgres } from "./copy-store.js";
export { StoreError } from "./errors.js";
export { migrationsFolder } from "./migrations-folder.js";
export { isPostgresUrl, type OpenStoreOptions, openStore } from "./open-store.js";
export { type DependencyOverride, DependencyOverrideSchema } from "./overrides-repo.js";
export { redactDatabaseUrl } from "./pg/open-pg-store.js";
export type {
  ActionRepository,
  ActionSearchFilter,
  ActionSummary,
  AlertLedgerRepository,
  ConflictRepository,
  DependentRef,
  DirectoryRepository,
  ReadModels,
  RiskHistoryRepository,
  RiskKind,
  RiskRow,
  Store,
  SyncRepository,
} from "./port.js";
export type { QuarantinedRecord, SyncStateEntry } from "./sync-repo.js";
