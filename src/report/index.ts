export { buildReport, buildMissingReports, latestRunId, loadModel, REPORT_HTML, REPORT_XLSX, type BuildOptions, type BuiltReport } from './build.js';
export { readRunMeta, writeRunMeta, updateRunMeta, hasRunMeta, RUN_META_FILE, EVENTS_FILE, RunMetaError, type RunMeta, type RunMetaRow, type RunMode } from './meta.js';
export { STATUSES, STATUS_LABEL, STAND_BANNER, DRY_RUN_BANNER, statusLabels, shownStatuses, type ReportStatus } from './labels.js';
export { JournalView } from './journal-view.js';
export type { JournalReader, ReportModel, ReportRow } from './model.js';
