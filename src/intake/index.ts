// intake: the staff's queue workbook → typed rows (DESIGN.md, part «intake»; invariant 4).
export type { CellProblem, IntakeFileErrorCode, IntakeOptions, IntakeResult, IntakeWarning, InvalidRow, QueueRow, SentFields, SentRecord } from './types.js';
export { IntakeFileError } from './types.js';
export { readQueue, intakeGrid } from './queue.js';
export { planRun, IntakeInvalidError, type RunPlan, type SkippedRow } from './plan.js';
export { formatProblem, formatProblems, formatReport, formatSummary, skipReason } from './format.js';
export { writeTemplate, buildTemplate, INSTRUCTIONS_SHEET, LISTS_SHEET, STAFF_COLUMNS, type TemplateOptions } from './template.js';
export { writeSampleQueue, sampleRows, type SampleRow } from './sample.js';
export { COLUMNS, HEADER, sentColumns, type Field } from './columns.js';
export { QUEUE_SHEET } from './read-xlsx.js';
export { normaliseKey, slugify } from './key.js';
export { sentOnly, type SentOf } from './sent.js';
export { columnValues, type CellReader, type ColumnSet, type ColumnValues, type FlowColumn, type ReadEnv, type RowCheck, type TemplateEnv, type UniqueRule } from './flow-columns.js';
export { intakeColumnSet } from './flow-queue.js';
