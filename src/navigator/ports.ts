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
  register(u: RegistrationData): Promise<{ outcome: RegisterOutcome; message?: string }>;
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

export interface ChildCardPort {
  read(): Promise<{ id: string; birthDate: string; sex: Sex; confirmed: boolean; certificates: Array<{ type: string; number: string }> }>;
  confirmWithoutSnils(): Promise<void>;
  openCertificateDialog(): Promise<CertificateDialogPort>;
  close(): Promise<void>;
}

export interface UserCardPort {
  readMain(): Promise<{ lastName: string; firstName: string; patronymic: string; email: string; resident: boolean; verified: boolean }>;
  setResident(value: boolean): Promise<void>;
  setVerified(value: boolean): Promise<void>;
  save(): Promise<void>;
  children(): Promise<Array<{ id: string; name: string; deleted: boolean; birthDate?: string }>>;
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
