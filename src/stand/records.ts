// The records of the training stand's state (users, children, certificates, the registry's
// applications, sessions) and the small rules about their ids (state.ts keeps them).
import { createHash } from 'node:crypto';

export type Sex = 'male' | 'female';
/** An id as the APIs show it: a number, or a string in the `uuid` variant. */
export type ApiId = number | string;
export type IdStyle = 'numeric' | 'uuid';
export type CertificateType = 'accounting' | 'unconfirmed' | 'funding';

export interface SiteUser {
  id: number;
  apiId: ApiId;
  email: string;
  password: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string; // digits only, e.g. 71111111111
  municipality: string;
  resident: boolean;
  verified: boolean; // «Проверен»: e-mail confirmed
  consent: boolean;
  createdAt: string;
}

export interface Child {
  id: number;
  apiId: ApiId;
  userId: number;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
  snils: string;
  deleted: boolean;
  confirmed: boolean;
  confirmedBy: { id: number; name: string; email: string; organization: string; phone: string } | null;
  createdAt: string;
}

export interface Certificate {
  id: number;
  apiId: ApiId;
  childId: number;
  type: CertificateType;
  number: string;
  denomination: number;
  createdAt: string;
}

export interface Admin {
  id: number;
  email: string;
  password: string;
  name: string;
  organization: string;
  phone: string;
}

/** A child's identity document in the registry app. */
export type DocumentType = 'birth-certificate' | 'passport' | 'other';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['birth-certificate', 'passport', 'other'];

export interface ApplicationChild {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
  documentType: DocumentType;
  documentSeries: string;
  documentNumber: string;
}

export interface Applicant {
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string; // digits only, e.g. 79991234567
  email: string;
}

/** An application in the registry app («АИС «Реестр сертификатов»», /registry/). */
export interface Application {
  id: number;
  /** e.g. «З-000123» (settings.registryFormat). */
  number: string;
  /** Ten digits by default, e.g. 5500000001. */
  certificateNumber: string;
  child: ApplicationChild;
  /** The child is over 14 and applies by themselves (the applicant's name is the child's). */
  over14: boolean;
  applicant: Applicant;
  municipality: string;
  pdConfirmed: boolean;
  documentsReceived: boolean;
  refused: boolean;
  refuseReason: string | null;
  /** The consents of the last edit were all ticked (not in the state dump). */
  consents: boolean;
  createdAt: string;
  updatedAt: string;
}

/** How the registry numbers applications and certificates (settings.registryFormat's part). */
export interface RegistryNumbering {
  applicationPrefix: string;
  applicationDigits: number;
  firstApplication: number;
  certificateDigits: number;
  firstCertificate: number;
}

export const DEFAULT_NUMBERING: RegistryNumbering = {
  applicationPrefix: 'З-',
  applicationDigits: 6,
  firstApplication: 123,
  certificateDigits: 10,
  firstCertificate: 1,
};

/** The key that makes two applications "for the same document". */
export const documentKey = (c: Pick<ApplicationChild, 'documentType' | 'documentSeries' | 'documentNumber'>): string =>
  `${c.documentType}|${c.documentSeries.trim().toUpperCase()}|${c.documentNumber.trim().toUpperCase()}`;

export interface Session {
  token: string;
  kind: 'admin' | 'public' | 'registry';
  subjectId: number;
  createdAt: number;
  expiresAt: number | null;
}

/** Certificate types in the order the panel lists them; names are the memo's (a region may rename them). */
export const CERTIFICATE_TYPES: ReadonlyArray<{ id: CertificateType; name: string }> = [
  { id: 'unconfirmed', name: 'Сертификат не подтвержден' },
  { id: 'accounting', name: 'Сертификат учета' },
  { id: 'funding', name: 'Сертификат финансирования' },
];

/** A UUID (version 4 layout) derived from a name, so a stand hands out the same ids every run. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`navigator-stand:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The same id as `id` when written by a person or another tool: "2101" matches 2101. */
export const sameId = (a: ApiId, b: unknown): boolean =>
  (typeof b === 'string' || typeof b === 'number') && String(a) === String(b).trim();

export interface StateOptions {
  adminEmail: string;
  adminPassword: string;
  /** Region code used as the certificate number prefix, e.g. "55" → 55-0000123. */
  regionCode: string;
  /** Lifetime of a session in seconds; null = until expired on demand. */
  adminSessionTtlSec: number | null;
  publicSessionTtlSec: number | null;
  /** How ids look from outside (default numeric). */
  idStyle?: IdStyle;
  /** The registry app's sessions (null = until expired on demand). */
  registrySessionTtlSec?: number | null;
  /** How the registry numbers applications and certificates. */
  registryFormat?: RegistryNumbering;
}
