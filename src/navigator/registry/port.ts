// What a flow may ask of the certificate registry's cabinet (АИС «Реестр сертификатов», the
// organisation's side; shared/REGISTRY.md): user-visible actions and the records the registry
// itself gives, no selectors. The page object (pages.ts) satisfies it; tests substitute fakes.
import type { Sex } from '../ports.js';

export type RegistryDocumentType = 'birth-certificate' | 'passport' | 'other';

export interface RegistryChild {
  lastName: string;
  firstName: string;
  patronymic: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  documentType: RegistryDocumentType;
  documentSeries: string;
  documentNumber: string;
}

export interface RegistryApplicant {
  lastName: string;
  firstName: string;
  patronymic: string;
  /** As the registry keeps it (the stand: 7XXXXXXXXXX). */
  phone: string;
  email: string;
}

/** An application as the registry's own record gives it (the view page's JSON, the JSON API). */
export interface RegistryRecord {
  /** As the registry gives it, kept as text. */
  id: string;
  number: string;
  certificateNumber: string;
  child: RegistryChild;
  over14: boolean;
  applicant: RegistryApplicant;
  municipality: string;
  pdConfirmed: boolean;
  documentsReceived: boolean;
  refused: boolean;
  refuseReason: string | null;
}

/** What «Создать заявку» is filled with. With `over14` the applicant's names are the child's and are not typed. */
export interface NewApplication {
  child: RegistryChild;
  over14: boolean;
  applicant: RegistryApplicant;
  municipality: string;
}

export type CreateOutcome =
  /** «Заявка отправлена»: the numbers the registry gave. */
  | { kind: 'created'; id: string; number: string; certificateNumber: string }
  /** Refused: an application for this document exists (its number, when the message names one). */
  | { kind: 'duplicate'; number?: string; message: string }
  /** Refused: the form's fields the registry marked, with its words. */
  | { kind: 'invalid'; message: string; fields: Array<{ label: string; message: string }> };

/** What «Редактировать» … «Отправить» ended with. */
export type EditOutcome =
  /** The registry saved the changes (its status line's words). */
  | { kind: 'saved'; message: string }
  /** The registry would not let the application be edited (a rule: refused, accepted), in its words. */
  | { kind: 'refused'; message: string }
  /** The form came back with the fields the registry marked, in its words. */
  | { kind: 'invalid'; message: string; fields: Array<{ label: string; message: string }> };

/** What an action button ended with: done (or already done), or refused by a rule, in the registry's words. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
}

export interface RegistryPort {
  /** Logs in (once; again when the registry sends the robot to its login page). */
  ensureLoggedIn(): Promise<void>;
  /** The organisation's applications for a child (name and birth date, as «Заявки» searches). */
  findByChild(q: { lastName: string; firstName: string; birthDate: string }): Promise<RegistryRecord[]>;
  /** The application with this number (the registry's JSON for robots), e.g. the one a duplicate refusal names. */
  findByNumber?(number: string): Promise<RegistryRecord | undefined>;
  /** «Поиск заявки» by both numbers: the application's record, or undefined when not found. */
  search(number: string, certificateNumber: string): Promise<RegistryRecord | undefined>;
  /** The application's record now (read-only). */
  read(id: string): Promise<RegistryRecord | undefined>;
  /** «Создать заявку»: fills the form, «Получить сертификат», the municipality, «Отправить». */
  create(a: NewApplication): Promise<CreateOutcome>;
  /** Dry run: fills the form without sending it. */
  previewCreate?(a: NewApplication): Promise<void>;
  /** «Подтвердить персональные данные» on the application's page. */
  confirm(id: string): Promise<ActionOutcome>;
  /** «Документы получены». */
  documentsReceived(id: string): Promise<ActionOutcome>;
  /** «Отказать» with a reason. */
  refuse(id: string, reason: string): Promise<ActionOutcome>;
  /**
   * «Редактировать»: sets exactly the child's fields given (the others stay as the form shows them),
   * ticks every consent the form asks for, «Отправить».
   */
  correct(id: string, fields: Partial<RegistryChild>): Promise<EditOutcome>;
  /** «Распечатать заявление», kept as a PDF at `file` (read-only on the registry). Returns the file written. */
  print(id: string, file: string): Promise<string>;
}
