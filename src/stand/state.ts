// In-memory state of the training stand. Deliberately permissive: like a careless operator, it
// lets a second user, child or certificate be created, and only counts such duplicates so tests
// can prove that navbot never makes them.
//
// Every record has an internal numeric `id` (the stand's own key, stable in tests) and an
// `apiId`: the id the outside world sees (APIs, pages, the state dump). They are the same number
// by default; with `idStyle: 'uuid'` (the `uuid` variant) users get numeric strings ("2101") and
// children and certificates UUID strings, as public sources show for some regions.
import { DEFAULT_NUMBERING, documentKey, sameId, stableUuid, type Admin, type ApiId, type Application, type ApplicationChild, type Certificate, type CertificateType, type Child, type RegistryNumbering, type Session, type SiteUser, type StateOptions } from './records.js';

export { CERTIFICATE_TYPES, DOCUMENT_TYPES, documentKey, sameId, stableUuid, type Admin, type ApiId, type Applicant, type Application, type ApplicationChild, type Certificate, type CertificateType, type Child, type DocumentType, type IdStyle, type RegistryNumbering, type Session, type Sex, type SiteUser, type StateOptions } from './records.js';

export class StandState {
  users: SiteUser[] = [];
  children: Child[] = [];
  certificates: Certificate[] = [];
  applications: Application[] = [];
  admins: Admin[] = [];
  sessions = new Map<string, Session>();
  /** Tokens issued by the captcha widget (`captcha-widget`): token → expiry time (ms). */
  captchaTokens = new Map<string, number>();
  private nextUserId = 2101;
  private nextChildId = 5001;
  private nextCertificateId = 1;
  private nextCertificateNumber = 123;
  private nextApplicationId = 1;
  private nextApplicationSeq = 123;
  private nextRegistryCertificateSeq = 1;
  private tokenCounter = 0;

  constructor(readonly options: StateOptions, private readonly now: () => number = Date.now) {
    this.reset();
  }

  /** The state a stand with these settings starts with; `now` is a clock tests can move. */
  static from(settings: StateOptions, now: () => number = Date.now): StandState {
    const { adminEmail, adminPassword, regionCode, adminSessionTtlSec, publicSessionTtlSec, idStyle, registrySessionTtlSec, registryFormat } = settings;
    return new StandState(
      {
        adminEmail,
        adminPassword,
        regionCode,
        adminSessionTtlSec,
        publicSessionTtlSec,
        idStyle: idStyle ?? 'numeric',
        registrySessionTtlSec: registrySessionTtlSec ?? null,
        registryFormat: { ...DEFAULT_NUMBERING, ...registryFormat },
      },
      now,
    );
  }

  reset(): void {
    this.users = [];
    this.children = [];
    this.certificates = [];
    this.applications = [];
    this.sessions.clear();
    this.captchaTokens.clear();
    this.nextUserId = 2101;
    this.nextChildId = 5001;
    this.nextCertificateId = 1;
    this.nextCertificateNumber = 123;
    this.nextApplicationId = 1;
    this.nextApplicationSeq = this.numbering().firstApplication;
    this.nextRegistryCertificateSeq = this.numbering().firstCertificate;
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

  /** The state's clock (tests move it). */
  time(): number {
    return this.now();
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  private apiIdOf(kind: 'user' | 'kid' | 'certificate', id: number): ApiId {
    if (this.options.idStyle !== 'uuid') return id;
    return kind === 'user' ? String(id) : stableUuid(`${kind}:${id}`);
  }

  /** The user, child or certificate with this outside id (a number or its text alike). */
  user(apiId: unknown): SiteUser | undefined {
    return this.users.find((u) => sameId(u.apiId, apiId));
  }

  child(apiId: unknown): Child | undefined {
    return this.children.find((c) => sameId(c.apiId, apiId));
  }

  certificate(apiId: unknown): Certificate | undefined {
    return this.certificates.find((c) => sameId(c.apiId, apiId));
  }

  /** The outside id of a user / child by the internal one. */
  userApiId(id: number): ApiId {
    return this.users.find((u) => u.id === id)?.apiId ?? this.apiIdOf('user', id);
  }

  childApiId(id: number): ApiId {
    return this.children.find((c) => c.id === id)?.apiId ?? this.apiIdOf('kid', id);
  }

  findUserByEmail(email: string): SiteUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  addUser(input: Omit<SiteUser, 'id' | 'apiId' | 'createdAt' | 'resident' | 'verified'> & { resident?: boolean; verified?: boolean }): SiteUser {
    const id = this.nextUserId++;
    const user: SiteUser = { resident: true, verified: false, ...input, id, apiId: this.apiIdOf('user', id), createdAt: this.stamp() };
    this.users.push(user);
    return user;
  }

  addChild(input: Pick<Child, 'userId' | 'lastName' | 'firstName' | 'patronymic' | 'birthDate' | 'sex'>): Child {
    const id = this.nextChildId++;
    const child: Child = {
      ...input,
      id,
      apiId: this.apiIdOf('kid', id),
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
    const id = this.nextCertificateId++;
    const certificate: Certificate = {
      id,
      apiId: this.apiIdOf('certificate', id),
      childId,
      type,
      number: `${this.options.regionCode}-${seq}`,
      denomination,
      createdAt: this.stamp(),
    };
    this.certificates.push(certificate);
    return certificate;
  }

  private numbering(): RegistryNumbering {
    return { ...DEFAULT_NUMBERING, ...this.options.registryFormat };
  }

  /** The next free application number, e.g. «З-000123» (numbers seeded by hand are skipped). */
  private nextApplicationNumber(): string {
    const f = this.numbering();
    for (;;) {
      const n = `${f.applicationPrefix}${String(this.nextApplicationSeq++).padStart(f.applicationDigits, '0')}`;
      if (!this.applicationByNumber(n)) return n;
    }
  }

  /** The next free certificate number: the region code's digits, then the zero-padded sequence (10 digits by default). */
  private nextCertificateNumberForRegistry(): string {
    const f = this.numbering();
    const region = this.options.regionCode.replace(/\D/g, '');
    for (;;) {
      const seq = String(this.nextRegistryCertificateSeq++);
      const n = `${region}${seq.padStart(Math.max(0, f.certificateDigits - region.length), '0')}`;
      if (!this.applications.some((a) => a.certificateNumber === n)) return n;
    }
  }

  application(id: unknown): Application | undefined {
    return this.applications.find((a) => sameId(a.id, id));
  }

  applicationByNumber(number: string): Application | undefined {
    const wanted = number.trim().toUpperCase();
    return this.applications.find((a) => a.number.toUpperCase() === wanted);
  }

  /** The earlier application for the same document (type + series + number), if any. */
  applicationForDocument(child: Pick<ApplicationChild, 'documentType' | 'documentSeries' | 'documentNumber'>, exceptId?: number): Application | undefined {
    const key = documentKey(child);
    return this.applications.find((a) => a.id !== exceptId && documentKey(a.child) === key);
  }

  addApplication(
    input: Pick<Application, 'child' | 'over14' | 'applicant' | 'municipality'> &
      Partial<Pick<Application, 'number' | 'certificateNumber' | 'pdConfirmed' | 'documentsReceived' | 'refused' | 'refuseReason' | 'consents'>>,
  ): Application {
    const at = this.stamp();
    const application: Application = {
      id: this.nextApplicationId++,
      number: input.number ?? this.nextApplicationNumber(),
      certificateNumber: input.certificateNumber ?? this.nextCertificateNumberForRegistry(),
      child: { ...input.child },
      over14: input.over14,
      applicant: { ...input.applicant },
      municipality: input.municipality,
      pdConfirmed: input.pdConfirmed ?? false,
      documentsReceived: input.documentsReceived ?? false,
      refused: input.refused ?? false,
      refuseReason: input.refuseReason ?? null,
      consents: input.consents ?? false,
      createdAt: at,
      updatedAt: at,
    };
    this.applications.push(application);
    return application;
  }

  /** Marks an application changed now. */
  touch(application: Application): void {
    application.updatedAt = this.stamp();
  }

  /** An application as the state dump and the registry's JSON show it. */
  applicationView(a: Application) {
    return {
      id: a.id,
      number: a.number,
      certificateNumber: a.certificateNumber,
      child: { ...a.child },
      over14: a.over14,
      applicant: { ...a.applicant },
      municipality: a.municipality,
      pdConfirmed: a.pdConfirmed,
      documentsReceived: a.documentsReceived,
      refused: a.refused,
      refuseReason: a.refuseReason,
    };
  }

  openSession(kind: Session['kind'], subjectId: number): Session {
    const ttl =
      kind === 'admin'
        ? this.options.adminSessionTtlSec
        : kind === 'public'
          ? this.options.publicSessionTtlSec
          : (this.options.registrySessionTtlSec ?? null);
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

  /** The control API's `GET /__stand/state` shape (see DESIGN.md, Contracts); ids as the APIs show them. */
  dump() {
    return {
      users: this.users.map((u) => ({
        id: u.apiId,
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
        id: c.apiId,
        userId: this.userApiId(c.userId),
        lastName: c.lastName,
        firstName: c.firstName,
        patronymic: c.patronymic,
        birthDate: c.birthDate,
        sex: c.sex,
        confirmed: c.confirmed,
        deleted: c.deleted,
      })),
      certificates: this.certificates.map((c) => ({ id: c.apiId, childId: this.childApiId(c.childId), type: c.type, number: c.number })),
      applications: this.applications.map((a) => this.applicationView(a)),
      duplicates: this.duplicates(),
    };
  }
}
