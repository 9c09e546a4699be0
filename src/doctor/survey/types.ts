// The survey's findings and options: what each screen of the region showed (survey.json's
// `findings`), read by the comparison (../compare/) and the field kit.
import type { Page } from 'playwright';
import type { Profile } from '../../config/profile.js';
import type { PageInfo, PublicStructureFinding } from './public-forms.js';
import type { StructureFindings } from './structure.js';
import type { IdKind, TextFinding } from './match.js';

export interface SurveyOptions {
  adminUrl: string;
  publicUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** The profile in use; the survey works on a copy and never changes this one. */
  profile: Profile;
  timeoutMs: number;
  /** E-mail of an existing (placeholder) site user to read; without it, the first user listed. */
  sample?: string;
  /** The sample user's cabinet password (NAVBOT_SAMPLE_PASSWORD): the «ДЕТИ» tab is surveyed only with it. */
  samplePassword?: string;
  /** Keeps a screenshot of `page` named `name`; returns the file's name, if kept. */
  shot(page: Page, name: string): Promise<string | undefined>;
  /** Called at each screen the survey visits (with its screenshot's name): the field kit records it. */
  visit?(page: Page, name: string): Promise<void>;
}

export interface ColumnInfo {
  text: string;
  dataIndex: string | null;
  hidden: boolean;
}

export interface FieldInfo {
  label: string;
  name: string | null;
  xtype: string;
  checkbox: boolean;
  visible: boolean;
  /** Title of the fieldset the field sits in. */
  fieldset: string | null;
}

/** One window of the panel as read through ComponentQuery. */
export interface WindowInfo {
  title: string;
  tabs: string[];
  fields: FieldInfo[];
  /** Visible buttons' texts (tabs excluded). */
  buttons: string[];
  grids: Array<{ title: string; columns: ColumnInfo[]; rows: number }>;
  fieldsets: string[];
  /** Field names of the record loaded into the window's form (none: the panel keeps no record). */
  record: string[];
}

export interface LoginAnswer {
  status: number;
  /** Key paths of the JSON answer, two levels deep (`data.token`, `success`). */
  keys: string[];
  /** bearer: the answer carries an access token the panel sends back; cookie: a session cookie. */
  session: 'bearer' | 'cookie' | 'unknown';
  expiresAt: string | null;
  lifetimeSec: number | null;
  /** Permissions the answer lists (null: it lists none). */
  perms: string[] | null;
}

export interface SectionInfo {
  /** The section is an Ext grid (navbot reads Ext components; a React section it cannot). */
  ext: boolean;
  title: string;
  columns: ColumnInfo[];
  searchFields: string[];
  paging: string | null;
  rows: number;
  total: number | null;
  /** The window the list opened in (a "Desktop" build), or null on the page. */
  window?: string | null;
}

export type { PageInfo } from './public-forms.js';

export interface StageError {
  stage: string;
  message: string;
  /** The target did not answer (network, HTTP 5xx/429): exit 3 rather than 2. */
  unreachable: boolean;
}

export interface SurveyFindings {
  admin: {
    ext: { present: boolean; version: string | null };
    login: LoginAnswer | null;
    /** The panel accepted the login. */
    loggedIn: boolean;
    menu: string[];
    section: SectionInfo | null;
    user: { id: string; email: string; how: 'sample' | 'first'; placeholder: boolean | null } | null;
    userCard: (WindowInfo & { resident: boolean | null; verified: boolean | null; fromRecord: boolean }) | null;
    kids: { columns: ColumnInfo[]; count: number; idKind: IdKind; recordFields: string[]; childId: string | null; fromRecords: boolean } | null;
    child:
      | (WindowInfo & {
          id: string;
          fromRecord: boolean;
          confirmed: boolean | null;
          confirmation: { block: string | null; labels: string[]; statusShown: boolean; recordField: boolean };
          certificates: { grid: { title: string; columns: string[] } | null; endpoint: { path: string; count: number | null; error: string | null } };
          readError: string | null;
        })
      | null;
    dialog: (WindowInfo & { comboLabel: string | null; items: string[]; closed: boolean }) | null;
    /** How the panel is built: menu, users list, search, dialogs (structure.ts). */
    structure?: StructureFindings | null;
    /** Why a screen was not reached (Russian), by screen: user, userCard, kids, child, dialog. */
    skipped: Record<string, string>;
  };
  site: {
    register: PageInfo | null;
    login: PageInfo | null;
    municipalities: string[] | null;
    captcha: { checkbox: string | null; widget: string | null; siteKey: string | null };
    emailConfirmation: string | null;
    /** The site's structure (profile.publicStructure), as far as it was seen (public-forms.ts). */
    structure?: PublicStructureFinding;
  };
  texts: TextFinding[];
  /** Durations of the GETs the pages made (documents and XHR/fetch to the target), ms. */
  timing: number[];
  errors: StageError[];
  screenshots: string[];
}
