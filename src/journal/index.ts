export { Journal, type JournalOptions, type ResumePoint } from './journal.js';
export { ROW_STEP, ENTRY_KINDS, assertSafeFacts, inScope, type LedgerScope, type Entry, type EntryError, type EntryInput, type EntryKind, type Facts, type FactValue } from './entry.js';
export { replayRow, type RowState } from './row-state.js';
export { queueIdFor, newRunId, assertQueueId, QUEUE_ID_PATTERN } from './queue-id.js';
