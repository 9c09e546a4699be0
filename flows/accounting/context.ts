// The accounting flow's context for one attempt of a row (plugin.ts builds it from what the runner
// offers), and the small readers its steps share: the facts earlier steps found, the user's and
// the child's cards this row has open, the row's own child.
import { BusinessError, SystemError } from '../../src/core/errors.js';
import type { Facts } from '../../src/procedure/engine.js';
import type { AdminPort, CertificateDialogPort, ChildCardPort, ChildFacts, PublicSitePort, Sex, UserCardPort } from '../../src/navigator/ports.js';
import type { CertificateMemory } from './certificate-decision.js';
import { ruDate, type PreviousUse } from './identity.js';
import { sexRu, type Placeholder } from './placeholder.js';
import type { SentRow } from './row.js';
import type { RowWindows } from './windows.js';

export interface AccountingContext {
  row: SentRow;
  /** Derived from NAVBOT_SECRET and the row key; never logged. */
  password: string;
  placeholder: Placeholder;
  /** The certificate type's text in the «Тип сертификата» combo. */
  certificateTypeName: string;
  admin: AdminPort;
  /** The key was used on this target with another child's data (accounting-identity.ts). */
  previous?: PreviousUse;
  /** Children the ledger gives to other keys: child id → that key. Never claimed twice. */
  claimedChildren?: ReadonlyMap<string, string>;
  /** The template's addresses for the key's other spellings («Х-01» typed in Latin…): looked at before registering. */
  otherEmails?: readonly string[];
  /** The cards this row has open in the admin panel (see row-windows.ts). */
  windows: RowWindows;
  /** The public site, in a context of this row's own (opened on first use). */
  site(): Promise<PublicSitePort>;
  /** What the ledger (and this run) knows of the key's certificate: decides where the panel cannot (certificate-decision.ts). */
  certificateMemory?: CertificateMemory;
  /** «Новый сертификат», filled by `issueCertificate.ready` and saved by its act. */
  certificateDialog?: CertificateDialogPort;
  /** What the site said to the login `addChild.ready` made (the act does not send it again). */
  siteLogin?: Awaited<ReturnType<PublicSitePort['login']>>;
  /** Keeps a screenshot of what is on the admin screen now (e.g. the issued certificate). */
  capture?(name: string): Promise<void>;
  /** The same for the public site's page. */
  captureSite?(name: string): Promise<void>;
}

export const NOT_YET = 'можно показать только после предыдущих шагов';


/** An id found by an earlier step of this attempt; ids are strings as the panel gives them. */
export function requireFact(facts: Facts, name: string): string {
  const v = facts[name];
  if (typeof v !== 'string' || v === '') throw new SystemError(`missing fact ${name}: an earlier step did not record it`);
  return v;
}

export function userOf(ctx: AccountingContext, facts: Facts, fresh = false): Promise<UserCardPort> {
  return ctx.windows.user(requireFact(facts, 'userId'), fresh);
}

export function childOf(ctx: AccountingContext, facts: Facts, fresh = false): Promise<ChildCardPort> {
  return ctx.windows.child(requireFact(facts, 'userId'), requireFact(facts, 'childId'), fresh);
}

/** The child's data as its open card holds them (no certificates read where the card can tell without). */
export function readChild(card: ChildCardPort): Promise<ChildFacts> {
  return card.readData ? card.readData() : card.read();
}

/** Confirming and issuing act only on a child whose data are the row's (read from the open card). */
export function assertRowChild(ctx: AccountingContext, data: { id: string; birthDate: string; sex: Sex }): void {
  if (data.birthDate === ctx.row.birthDate && data.sex === ctx.row.sex) return;
  throw new BusinessError(
    `Ребенок #${data.id} в Навигаторе: ${ruDate(data.birthDate)}, ${sexRu(data.sex)}, а в очереди: ${ruDate(ctx.row.birthDate)}, ${sexRu(ctx.row.sex)}. navbot не подтверждает и не выдает сертификат ребенку с другими данными.`,
    'Проверьте дату рождения и пол в очереди и в админ-панели; исправление данных ребенка — решение человека. Затем запустите снова.',
  );
}
