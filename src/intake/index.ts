// intake: the staff's queue workbook → typed rows (DESIGN.md, part «intake»; invariant 4). A flow
// declares its columns (a ColumnSet); intake finds them, reads every cell with the flow's readers
// and draws the template from them. Flows import intake only through this file.
export type { CellProblem, IntakeFileErrorCode, IntakeOptions, IntakeResult, IntakeWarning, InvalidRow, QueueRow, SentRecord } from './types.js';
export { IntakeFileError } from './types.js';
export { readQueue, intakeGrid } from './queue.js';
export { planRun, IntakeInvalidError, type RunPlan, type SkippedRow } from './plan.js';
export { formatProblem, formatProblems, formatReport, formatSummary, skipReason } from './format.js';
export { writeTemplate, buildTemplate, INSTRUCTIONS_SHEET, LISTS_SHEET, STAFF_COLUMNS, TEMPLATE_ROWS, type TemplateOptions } from './template.js';
export { DATE_FORMAT, HEADER_FILL, THIN } from './template-sheet.js';
export { saveWorkbook } from './workbook-file.js';
export { KEY, KEY_COLUMN } from './columns.js';
export { QUEUE_SHEET } from './read-xlsx.js';
export { MAX_KEY_LENGTH, normaliseKey, slugify } from './key.js';
export { sentOnly, type SentOf } from './sent.js';
export {
  columnValues,
  type CellReader,
  type ColumnSet,
  type ColumnValues,
  type FlowColumn,
  type ReadEnv,
  type RowCheck,
  type RowMarks,
  type RowView,
  type TemplateEnv,
  type UniqueRule,
} from './flow-columns.js';
// The kit a flow's readers are made of: cells, checked values and the readers of common cells.
export { display, isBlank, type CellValue } from './cells.js';
export { bad, ok, type Checked } from './check.js';
export { ageAt, localYmd, parseBirthDate, years, type Ymd } from './date.js';
export { emailFromTemplate, emailProblem, otherTemplateEmails, parsePreparedEmail } from './email.js';
export { parseMunicipality } from './municipality.js';
export { parseSex, SEX_LABELS, type Sex } from './sex.js';
export { collapseSpaces, fold, latinToCyrillic, normaliseDashes, shown } from './text.js';
