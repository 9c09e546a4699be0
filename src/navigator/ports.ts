// What a flow may ask of the Navigator: user-visible actions only, no selectors. The page objects
// in src/navigator satisfy these shapes; tests can substitute fakes.

export type Sex = 'male' | 'female';

export interface ChildData {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
}

export interface RegistrationData {
  municipality: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string;
  email: string;
  password: string;
}

export type RegisterOutcome = 'registered' | 'email-taken' | 'confirm-email' | 'captcha';

export interface PublicSitePort {
  /** `attended`: a person was asked to pass the captcha and did not in time (a window, --headed). */
  register(u: RegistrationData): Promise<{ outcome: RegisterOutcome; message?: string; attended?: boolean }>;
  login(email: string, password: string): Promise<'ok' | 'bad-credentials' | 'email-not-confirmed'>;
  listChildren(): Promise<ChildData[]>;
  addChild(c: ChildData): Promise<void>;
  /** Dry run: fills the registration form without sending it. */
  previewRegistration?(u: RegistrationData): Promise<void>;
}

export interface AdminUserRow {
  /** As the panel gives it: a numeric string in some regions, a UUID in others. Never converted. */
  id: string;
  email: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  resident: boolean;
  verified: boolean;
}

export interface CertificateDialogPort {
  chooseType(name: string): Promise<void>;
  save(): Promise<void>;
  cancel(): Promise<void>;
}

export type CertificateSource = 'answer' | 'record' | 'grid' | 'check' | 'list';

/** What the panel showed of the kid's certificates. */
export type CertificateReading =
  | {
      readonly known: true;
      readonly source: CertificateSource;
      readonly certificates: Certificate[];
      /**
       * The source shows every certificate of the kid (a list): two accounting ones there are a
       * duplicate. The per-event check answers one object and cannot show a duplicate.
       */
      readonly complete: boolean;
    }
  | {
      readonly known: false;
      /** Russian, for the row's reason: what was asked and what it said. */
      readonly tried: string[];
    };


export interface Certificate {
  type: string;
  number: string;
}

/** A child as its card holds it. */
export interface ChildFacts {
  id: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
  confirmed: boolean;
}

/**
 * What the panel answered to the writes made on a card (the save request's JSON answer): a field
 * is set only when the answer carried it. Page objects that cannot tell leave it empty, and the
 * flow reads the card again instead.
 */
export interface CardAnswers {
  /** The child's «approved» flag in the answer to «Подтвердить». */
  confirmed?: boolean;
  /** The certificate in the answer to «Сохранить» of «Новый сертификат». */
  certificate?: Certificate;
  /** «Сохранить» of «Новый сертификат» answered success (with or without the certificate's fields). */
  certificateSaved?: boolean;
}

export interface ChildCardPort {
  /**
   * The card's data and the kid's certificates from the sources the profile names (read now;
   * `reload`: a list the card shows loads again first). `reading.known` false: no source could
   * tell — `certificates` is then empty and means nothing.
   */
  read(options?: { reload?: boolean }): Promise<ChildFacts & { certificates: Certificate[]; reading?: CertificateReading }>;
  /** The card's data alone, as the open card loaded it (no request where the panel keeps a record). */
  readData?(): Promise<ChildFacts>;
  /** What the panel answered to this card's last confirmation and certificate. */
  answers?(): CardAnswers;
  confirmWithoutSnils(): Promise<void>;
  openCertificateDialog(): Promise<CertificateDialogPort>;
  close(): Promise<void>;
}

export interface UserMainData {
  lastName: string;
  firstName: string;
  patronymic: string;
  email: string;
  resident: boolean;
  verified: boolean;
}

export interface UserChild {
  id: string;
  name: string;
  deleted: boolean;
  /** Where the list's records carry them (the panel's own fields; not shown in every region). */
  birthDate?: string;
  sex?: Sex;
}

export interface UserCardPort {
  /** What the open card loaded (its form's record, or the fields on screen). */
  readMain(): Promise<UserMainData>;
  /** The user as the server answered this card's last «Сохранить»; undefined when the answer did not say. */
  saved?(): UserMainData | undefined;
  setResident(value: boolean): Promise<void>;
  setVerified(value: boolean): Promise<void>;
  save(): Promise<void>;
  /** The «Дети» list; `reload` loads it again from the server unless showing the tab just did. */
  children(options?: { reload?: boolean }): Promise<UserChild[]>;
  openChild(id: string): Promise<ChildCardPort>;
  close(): Promise<void>;
}

export interface AdminPort {
  ensureLoggedIn(): Promise<void>;
  findUsersByEmail(email: string): Promise<AdminUserRow[]>;
  openUser(id: string): Promise<UserCardPort>;
}

/** Ids in the order the panel made them: numeric ids by value, others (UUIDs) as text. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return na ? -1 : nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
