// In-memory state of the training stand. Deliberately permissive: like a careless operator, it
// lets a second user, child or certificate be created, and only counts such duplicates so tests
// can prove that navbot never makes them.

export type Sex = 'male' | 'female';
export type CertificateType = 'accounting' | 'unconfirmed' | 'funding';

export interface SiteUser {
  id: number;
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

export interface Session {
  token: string;
  kind: 'admin' | 'public';
  subjectId: number;
  createdAt: number;
  expiresAt: number | null;
}

export const CERTIFICATE_TYPES: ReadonlyArray<{ id: CertificateType; name: string }> = [
  { id: 'unconfirmed', name: 'Сертификат не подтвержден' },
  { id: 'accounting', name: 'Сертификат учета' },
  { id: 'funding', name: 'Сертификат финансирования' },
];

export interface StateOptions {
  adminEmail: string;
  adminPassword: string;
  /** Region code used as the certificate number prefix, e.g. "55" → 55-0000123. */
  regionCode: string;
  /** Lifetime of a session in seconds; null = until expired on demand. */
  adminSessionTtlSec: number | null;
  publicSessionTtlSec: number | null;
}

export class StandState {
  users: SiteUser[] = [];
  children: Child[] = [];
  certificates: Certificate[] = [];
  admins: Admin[] = [];
  sessions = new Map<string, Session>();
  private nextUserId = 2101;
  private nextChildId = 5001;
  private nextCertificateId = 1;
  private nextCertificateNumber = 123;
  private tokenCounter = 0;

  constructor(readonly options: StateOptions, private readonly now: () => number = Date.now) {
    this.reset();
  }

  /** The state a stand with these settings starts with; `now` is a clock tests can move. */
  static from(settings: StateOptions, now: () => number = Date.now): StandState {
    const { adminEmail, adminPassword, regionCode, adminSessionTtlSec, publicSessionTtlSec } = settings;
    return new StandState({ adminEmail, adminPassword, regionCode, adminSessionTtlSec, publicSessionTtlSec }, now);
  }

  reset(): void {
    this.users = [];
    this.children = [];
    this.certificates = [];
    this.sessions.clear();
    this.nextUserId = 2101;
    this.nextChildId = 5001;
    this.nextCertificateId = 1;
    this.nextCertificateNumber = 123;
    this.admins = [
      {
        id: 1,
        email: this.options.adminEmail,
        password: this.options.adminPassword,
        name: 'Оператор стенда',
        organization: 'Учебный стенд Навигатора',
        phone: '+70000000000',
      },
    ];
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  findUserByEmail(email: string): SiteUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  addUser(input: Omit<SiteUser, 'id' | 'createdAt' | 'resident' | 'verified'> & { resident?: boolean; verified?: boolean }): SiteUser {
    const user: SiteUser = { resident: true, verified: false, ...input, id: this.nextUserId++, createdAt: this.stamp() };
    this.users.push(user);
    return user;
  }

  addChild(input: Pick<Child, 'userId' | 'lastName' | 'firstName' | 'patronymic' | 'birthDate' | 'sex'>): Child {
    const child: Child = {
      ...input,
      id: this.nextChildId++,
      snils: '',
      deleted: false,
      confirmed: false,
      confirmedBy: null,
      createdAt: this.stamp(),
    };
    this.children.push(child);
    return child;
  }

  addCertificate(childId: number, type: CertificateType, denomination = 0): Certificate {
    const seq = String(this.nextCertificateNumber++).padStart(7, '0');
    const certificate: Certificate = {
      id: this.nextCertificateId++,
      childId,
      type,
      number: `${this.options.regionCode}-${seq}`,
      denomination,
      createdAt: this.stamp(),
    };
    this.certificates.push(certificate);
    return certificate;
  }

  openSession(kind: Session['kind'], subjectId: number): Session {
    const ttl = kind === 'admin' ? this.options.adminSessionTtlSec : this.options.publicSessionTtlSec;
    const token = `${kind}-${(++this.tokenCounter).toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
    const session: Session = { token, kind, subjectId, createdAt: this.now(), expiresAt: ttl === null ? null : this.now() + ttl * 1000 };
    this.sessions.set(token, session);
    return session;
  }

  /** The live session for a token, or undefined when unknown or expired (expired ones are dropped). */
  session(token: string | undefined, kind: Session['kind']): Session | undefined {
    if (!token) return undefined;
    const s = this.sessions.get(token);
    if (!s || s.kind !== kind) return undefined;
    if (s.expiresAt !== null && s.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return s;
  }

  expireSessions(kind?: Session['kind']): number {
    let n = 0;
    for (const [token, s] of this.sessions) {
      if (!kind || s.kind === kind) {
        this.sessions.delete(token);
        n++;
      }
    }
    return n;
  }

  duplicates(): { users: number; children: number; certificates: number } {
    const extra = (keys: string[]) => keys.length - new Set(keys).size;
    return {
      users: extra(this.users.map((u) => u.email.toLowerCase())),
      children: extra(this.children.filter((c) => !c.deleted).map((c) => `${c.userId}|${c.birthDate}|${c.sex}`)),
      certificates: extra(this.certificates.map((c) => `${c.childId}|${c.type}`)),
    };
  }

  /** The control API's `GET /__stand/state` shape (see DESIGN.md, Contracts). */
  dump() {
    return {
      users: this.users.map((u) => ({
        id: u.id,
        email: u.email,
        lastName: u.lastName,
        firstName: u.firstName,
        patronymic: u.patronymic,
        phone: u.phone,
        municipality: u.municipality,
        resident: u.resident,
        verified: u.verified,
      })),
      children: this.children.map((c) => ({
        id: c.id,
        userId: c.userId,
        lastName: c.lastName,
        firstName: c.firstName,
        patronymic: c.patronymic,
        birthDate: c.birthDate,
        sex: c.sex,
        confirmed: c.confirmed,
        deleted: c.deleted,
      })),
      certificates: this.certificates.map((c) => ({ id: c.id, childId: c.childId, type: c.type, number: c.number })),
      duplicates: this.duplicates(),
    };
  }
}
