import { SightlineError } from "../model/index.js";

/**
 * A store failure. Codes: `store_open_failed`, `store_missing`, `store_outdated`, `store_read_only`,
 * `store_folder_unwritable`, `migrations_missing`, `corrupt_row` (a stored value no longer
 * matches its schema; the message names the table and row), `cursor_unserialisable`, `row_vanished`,
 * `conflict_not_found`, `duplicate_fingerprint`, `snooze_without_until`, `alert_not_found`.
 */
export class StoreError extends SightlineError {}
