// The accounting certificate flow's context (what one attempt of a row works with) and the
// helpers every step uses: a fact an earlier step found, the row's user and child cards.
import { SystemError } from '../../src/core/errors.js';
import type { Facts } from '../../src/procedure/engine.js';
import type { RowWindows } from './windows.js';
import { type AdminPort, type CertificateDialogPort, type ChildCardPort, type PublicSitePort, type UserCardPort } from '../../src/navigator/ports.js';
import { type CertificateMemory } from './certificate-decision.js';
import { type PreviousUse } from './identity.js';
import { type Placeholder } from './placeholder.js';

import type { SentRow } from './row.js';

export interface AccountingContext {
  row: SentRow;
  /** Derived from NAVBOT_SECRET and the row key; never logged. */
  password: string;
  placeholder: Placeholder;
  /** The certificate type's text in the «Тип сертификата» combo. */
  certificateTypeName: string;
  admin: AdminPort;
  /** The key was used on this target with another child's data (identity.ts). */
  previous?: PreviousUse;
  /** Children the ledger gives to other keys: child id → that key. Never claimed twice. */
  claimedChildren?: ReadonlyMap<string, string>;
  /** The template's addresses for the key's other spellings («Х-01» typed in Latin…): looked at before registering. */
  otherEmails?: readonly string[];
  /** The cards this row has open in the admin panel (see windows.ts). */
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
