// The accounting-certificate flow against an in-memory fake of the Navigator: what each step
// decides from what it reads, without a browser.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountingCertificateFlow, type AccountingContext } from '../../../flows/accounting/certificate.js';
import { runSteps } from '../../../src/procedure/engine.js';
import { RowWindows } from '../../../flows/accounting/windows.js';
import type { AdminPort, ChildData, PublicSitePort, RegisterOutcome } from '../../../src/navigator/ports.js';
import { BusinessError, DuplicateError, SystemError } from '../../../src/core/errors.js';
import { accountingPlugin } from '../../../flows/accounting/plugin.js';

interface FakeUser { id: string; email: string; lastName: string; firstName: string; patronymic: string; resident: boolean; verified: boolean; password: string }
interface FakeChild extends ChildData { id: string; userId: string; confirmed: boolean; certificates: Array<{ type: string; number: string }> }

class FakeNavigator {
  users: FakeUser[] = [];
  children: FakeChild[] = [];
  calls: string[] = [];
  captcha = false;
  emailConfirmation = false;
  /** A panel whose page objects read records and write answers (as the real page objects do). */
  answers = false;
  /** The server keeps «Резидент РФ» ticked whatever is saved (its answer says so). */
  residentSticks = false;
  opened: string[] = [];
  /** Another installation (or a person) acting at the same moment as navbot's own act or login. */
  onCertificateSave?: (child: FakeChild) => void;
  onAddChild?: () => void;
  onLogin?: () => void;
  onChooseType?: (child: FakeChild) => void;
  /** No certificate source could tell (the page object's reading): what was tried. */
  unreadable?: string[];
  /** The save answers success without the certificate's number. */
  numberless = false;
  /** The save is carried out but its answer is lost. */
  loseSaveAnswer = false;
  /** The reading's source as the page object says it (default: a complete list, numberless rows dropped). */
  source?: { source: 'record' | 'check'; complete: boolean };
  private seq = 100;

  /** A certificate with the next number, as the panel issues it. */
  issue(c: FakeChild, type = 'Сертификат учета'): string {
    const number = `55-${String(this.seq++).padStart(7, '0')}`;
    c.certificates.push({ type, number });
    return number;
  }

  admin(): AdminPort {
    const nav = this;
    return {
      ensureLoggedIn: async () => undefined,
      findUsersByEmail: async (email) => nav.users.filter((u) => u.email === email).map((u) => ({ ...u })),
      openUser: async (id) => {
        nav.opened.push(`user ${id}`);
        const u = nav.users.find((x) => x.id === id)!;
        const loaded = { ...u };
        const form = { resident: u.resident, verified: u.verified };
        let saved: typeof loaded | undefined;
        const card = {
          readMain: async () => ({ ...loaded, ...form }),
          setResident: async (v: boolean) => void (form.resident = v),
          setVerified: async (v: boolean) => void (form.verified = v),
          save: async () => {
            nav.calls.push('admin.save');
            Object.assign(u, form);
            if (nav.residentSticks) u.resident = true;
            saved = { ...u };
          },
          children: async (options?: { reload?: boolean }) => {
            if (options?.reload) nav.calls.push('admin.reloadChildren');
            return nav.children
              .filter((c) => c.userId === id)
              .map((c) => ({ id: c.id, name: 'Без Внесения Данных', deleted: false, ...(nav.answers ? { birthDate: c.birthDate, sex: c.sex } : {}) }));
          },
          openChild: async (childId: string) => {
            nav.opened.push(`child ${childId}`);
            const c = nav.children.find((x) => x.id === childId)!;
            const answered: { confirmed?: boolean; certificate?: { type: string; number: string }; certificateSaved?: boolean } = {};
            const child = {
              read: async () =>
                nav.unreadable
                  ? { id: c.id, birthDate: c.birthDate, sex: c.sex, confirmed: c.confirmed, certificates: [], reading: { known: false as const, tried: nav.unreadable } }
                  : nav.source
                    ? { id: c.id, birthDate: c.birthDate, sex: c.sex, confirmed: c.confirmed, certificates: [...c.certificates], reading: { known: true as const, ...nav.source, certificates: [...c.certificates] } }
                    : { id: c.id, birthDate: c.birthDate, sex: c.sex, confirmed: c.confirmed, certificates: c.certificates.filter((x) => x.number !== '') },
              readData: async () => ({ id: c.id, birthDate: c.birthDate, sex: c.sex, confirmed: c.confirmed }),
              answers: () => ({ ...answered }),
              confirmWithoutSnils: async () => {
                nav.calls.push('admin.confirm');
                c.confirmed = true;
                answered.confirmed = true;
              },
              openCertificateDialog: async () => {
                let type = '';
                return {
                  chooseType: async (name: string) => {
                    type = name;
                    nav.onChooseType?.(c);
                  },
                  save: async () => {
                    nav.calls.push('admin.certificate');
                    nav.onCertificateSave?.(c);
                    const certificate = { type, number: nav.numberless ? '' : `55-${String(nav.seq++).padStart(7, '0')}` };
                    c.certificates.push(certificate);
                    if (nav.loseSaveAnswer) throw new SystemError('the save\'s answer was lost');
                    answered.certificateSaved = true;
                    if (!nav.numberless) answered.certificate = { ...certificate };
                  },
                  cancel: async () => undefined,
                };
              },
              close: async () => undefined,
            };
            if (nav.answers) return child;
            const { readData: _r, answers: _a, ...plain } = child;
            return plain;
          },
          close: async () => undefined,
        };
        if (nav.answers) return { ...card, saved: () => saved && { ...saved } };
        return card;
      },
    };
  }

  site(): PublicSitePort {
    const nav = this;
    let session: FakeUser | undefined;
    return {
      register: async (u) => {
        nav.calls.push('site.register');
        if (nav.captcha) return { outcome: 'captcha' as RegisterOutcome };
        if (nav.users.some((x) => x.email === u.email)) return { outcome: 'email-taken' as RegisterOutcome };
        nav.users.push({ ...u, id: String(nav.seq++), resident: true, verified: false });
        return { outcome: 'registered' as RegisterOutcome };
      },
      login: async (email, password) => {
        const u = nav.users.find((x) => x.email === email && x.password === password);
        if (!u) return 'bad-credentials';
        if (nav.emailConfirmation && !u.verified) return 'email-not-confirmed';
        nav.onLogin?.();
        session = u;
        return 'ok';
      },
      listChildren: async () => nav.children.filter((c) => c.userId === session?.id),
      addChild: async (c) => {
        nav.calls.push('site.addChild');
        nav.onAddChild?.();
        // Children's ids are UUID strings in some regions (NAVIGATOR.md): the flow never converts them.
        nav.children.push({ ...c, id: randomUUID(), userId: session!.id, confirmed: false, certificates: [] });
      },
    };
  }
}

function context(nav: FakeNavigator, email = 'robot+k1@school.ru'): AccountingContext {
  const admin = nav.admin();
  const site = nav.site();
  return {
    row: { key: 'k1', birthDate: '2014-03-10', sex: 'female', municipality: 'г. Блестящий', email },
    password: 'Secret123abc',
    placeholder: { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', phone: '+7 (111) 111-11-11' },
    certificateTypeName: 'Сертификат учета',
    admin,
    windows: new RowWindows(admin),
    site: async () => site,
  };
}

function seedUser(nav: FakeNavigator, id = '7', email = 'robot+k1@school.ru'): FakeUser {
  const u = { id, email, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false, verified: false, password: 'Secret123abc' };
  nav.users.push(u);
  return u;
}
function seedChild(nav: FakeNavigator, id: string, userId = '7', extra: Partial<FakeChild> = {}): FakeChild {
  const c: FakeChild = { id, userId, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2014-03-10', sex: 'female', confirmed: false, certificates: [], ...extra };
  nav.children.push(c);
  return c;
}

const noJournal = { intent: () => undefined, done: () => undefined };
const run = (ctx: AccountingContext, facts = {}) => runSteps(accountingCertificateFlow, ctx, facts, 'register', noJournal, 1);

describe('accounting-certificate flow', () => {
  it('should issue one certificate to a new placeholder user and child', async () => {
    const nav = new FakeNavigator();
    const r = await run(context(nav));
    expect(nav.users).toHaveLength(1);
    expect(nav.users[0]).toMatchObject({ lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false, phone: '+7 (111) 111-11-11' });
    expect(nav.children[0]).toMatchObject({ lastName: 'Без', birthDate: '2014-03-10', sex: 'female', confirmed: true });
    expect(r.facts).toMatchObject({ userId: nav.users[0]!.id, childId: nav.children[0]!.id, certificateNumber: nav.children[0]!.certificates[0]!.number });
    expect(r.acted).toEqual(['register', 'addChild', 'clearResident', 'confirmChild', 'issueCertificate']);
  });

  it('should act nowhere on a second pass over a finished row', async () => {
    const nav = new FakeNavigator();
    await run(context(nav));
    nav.calls = [];
    const r = await run(context(nav));
    expect(nav.calls).toEqual([]);
    expect(r.acted).toEqual([]);
  });

  it('should never touch a real person registered with the row’s e-mail', async () => {
    const nav = new FakeNavigator();
    nav.users.push({ id: '1', email: 'robot+k1@school.ru', lastName: 'Иванова', firstName: 'Мария', patronymic: '', resident: true, verified: true, password: 'x' });
    const error = await run(context(nav)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toMatch(/настоящим пользователем Навигатора #1\b/);
    // A real person's name never goes into the reason (it reaches the journal, report and log).
    expect((error as BusinessError).reason).not.toMatch(/Иванова|Мария/);
    expect((error as BusinessError).action).toMatch(/другой e-mail/);
    expect(nav.calls).toEqual([]);
  });

  it('should register nobody when the key’s other spelling has a placeholder already (X-01 typed in Cyrillic before)', async () => {
    const nav = new FakeNavigator();
    nav.users.push({ id: '7', email: 'robot+kh-01@school.ru', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: false, verified: true, password: 'x' });
    const ctx = { ...context(nav, 'robot+x-01@school.ru'), otherEmails: ['robot+kh-01@school.ru'] };
    const error = (await run(ctx).catch((e: unknown) => e)) as BusinessError;
    expect(error).toBeInstanceOf(BusinessError);
    expect(error.reason).toMatch(/#7 с адресом robot\+kh-01@school\.ru/);
    expect(error.action).toMatch(/впишите в столбец «E-mail» этой строки адрес robot\+kh-01@school\.ru/);
    expect(nav.users).toHaveLength(1);
    expect(nav.calls).toEqual([]);
    // No placeholder under the other spelling: registered as usual.
    const fresh = new FakeNavigator();
    const r = await run({ ...context(fresh, 'robot+x-01@school.ru'), otherEmails: ['robot+kh-01@school.ru'] });
    expect(r.acted[0]).toBe('register');
    expect(fresh.users.map((u) => u.email)).toEqual(['robot+x-01@school.ru']);
  });

  it('should fail with a person’s action when the site demands a captcha', async () => {
    const nav = new FakeNavigator();
    nav.captcha = true;
    const error = (await run(context(nav)).catch((e: unknown) => e)) as BusinessError;
    expect(error).toBeInstanceOf(BusinessError);
    expect(error.action).toMatch(/navbot password «k1»/);
  });

  it('should tick «Проверен» when the region demands a confirmed e-mail, then add the child', async () => {
    const nav = new FakeNavigator();
    nav.emailConfirmation = true;
    await run(context(nav));
    expect(nav.users[0]!.verified).toBe(true);
    expect(nav.children).toHaveLength(1);
  });

  it('should refuse a user whose child has other data instead of adding a second child', async () => {
    const nav = new FakeNavigator();
    nav.users.push({ id: '5', email: 'robot+k1@school.ru', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', resident: true, verified: false, password: 'Secret123abc' });
    nav.children.push({ id: '9', userId: '5', lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', birthDate: '2013-01-01', sex: 'male', confirmed: false, certificates: [] });
    const error = (await run(context(nav)).catch((e: unknown) => e)) as BusinessError;
    expect(error).toBeInstanceOf(BusinessError);
    expect(error.reason).toMatch(/01\.01\.2013, мужской.*10\.03\.2014, женский/);
    expect(nav.children).toHaveLength(1);
  });

  it('should issue the accounting certificate even when another type exists', async () => {
    const nav = new FakeNavigator();
    await run(context(nav), {});
    const child = nav.children[0]!;
    child.certificates = [{ type: 'Сертификат не подтвержден', number: '55-0000001' }];
    const r = await runSteps(accountingCertificateFlow, context(nav), { userId: nav.users[0]!.id, childId: child.id }, 'issueCertificate', noJournal, 1);
    expect(r.acted).toEqual(['issueCertificate']);
    expect(child.certificates.map((c) => c.type)).toEqual(['Сертификат не подтвержден', 'Сертификат учета']);
  });

  it('should stop, naming both children, when a reused key finds the old child on its user', async () => {
    const nav = new FakeNavigator();
    await run(context(nav));
    nav.calls = [];
    const ctx = context(nav);
    ctx.row = { ...ctx.row, birthDate: '2019-07-07', sex: 'male' };
    ctx.previous = { key: 'К-1', birthDate: '2014-03-10', sex: 'female', file: '/x/апрель/очередь.xlsx', row: 4, at: '2026-04-01T00:00:00Z', sameQueue: false, childId: String(nav.children[0]!.id) };
    const error = await run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toContain('10.03.2014, женский');
    expect((error as BusinessError).reason).toContain('07.07.2019, мужской');
    expect((error as BusinessError).reason).toContain('апрель/очередь.xlsx');
    expect(nav.calls).toEqual([]);
    expect(nav.children).toHaveLength(1);
  });

  it('should go on with the child a person corrected to the row\'s data', async () => {
    const nav = new FakeNavigator();
    await run(context(nav));
    nav.children[0]!.birthDate = '2014-03-11';
    const ctx = context(nav);
    ctx.row = { ...ctx.row, birthDate: '2014-03-11' };
    ctx.previous = { key: 'К-1', birthDate: '2014-03-10', sex: 'female', file: '/x/очередь.xlsx', row: 2, at: '2026-04-01T00:00:00Z', sameQueue: true };
    const r = await run(ctx);
    expect(r.facts.childId).toBe(nav.children[0]!.id);
    expect(r.acted).toEqual([]);
  });

  it('should never take a child the ledger gives to another key', async () => {
    const nav = new FakeNavigator();
    await run(context(nav));
    nav.calls = [];
    const ctx = context(nav);
    ctx.row = { ...ctx.row, key: 'k2' };
    ctx.claimedChildren = new Map([[String(nav.children[0]!.id), 'k1']]);
    const error = await run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toContain('за ключом «k1»');
    expect(nav.calls).toEqual([]);
  });

  it('should verify from the save answers and the reloaded list: one user card and one child card a row', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    const ctx = context(nav);
    const r = await run(ctx);
    expect(r.acted).toEqual(['register', 'addChild', 'clearResident', 'confirmChild', 'issueCertificate']);
    expect(r.facts.certificateNumber).toBe(nav.children[0]!.certificates[0]!.number);
    expect(nav.opened).toEqual([`user ${nav.users[0]!.id}`, `child ${nav.children[0]!.id}`]);
    expect(nav.calls).toContain('admin.reloadChildren');
  });

  it('should open the cards again to verify where the panel says nothing in its answers', async () => {
    const nav = new FakeNavigator();
    const r = await run(context(nav));
    expect(r.acted).toHaveLength(5);
    // user: probe, verify of clearResident; child: found, verify of confirm, verify of the certificate.
    expect(nav.opened.filter((o) => o.startsWith('user'))).toHaveLength(2);
    expect(nav.opened.filter((o) => o.startsWith('child')).length).toBeGreaterThanOrEqual(3);
  });

  it('should fail the verify when the save’s answer says «Резидент РФ» is still ticked', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    nav.residentSticks = true;
    const error = await run(context(nav)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/still ticked/);
    expect(nav.calls).not.toContain('admin.confirm');
  });

  it('should not confirm or issue on a child whose data are not the row\'s', async () => {
    const nav = new FakeNavigator();
    await run(context(nav));
    const child = nav.children[0]!;
    child.confirmed = false;
    child.certificates = [];
    const ctx = context(nav);
    // The child changed on the target after the ledger's facts were written.
    child.birthDate = '2014-03-12';
    const facts = { userId: nav.users[0]!.id, childId: child.id };
    const error = await runSteps(accountingCertificateFlow, ctx, facts, 'confirmChild', noJournal, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessError);
    expect((error as BusinessError).reason).toContain('12.03.2014');
    expect(child.confirmed).toBe(false);
  });
});

describe('accounting-certificate flow: the target\'s word about duplicates', () => {
  /** A placeholder user with the row's e-mail, as another installation or a person left it. */
  const duplicateOf = async (p: Promise<unknown>) => {
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DuplicateError);
    return e as DuplicateError;
  };

  for (const answers of [true, false]) {
    it(`should stop on two identical children with both ids, keep the certified one, and act nowhere (${answers ? 'list records' : 'child cards'})`, async () => {
      const nav = new FakeNavigator();
      nav.answers = answers;
      seedUser(nav);
      seedChild(nav, '70');
      const certified = seedChild(nav, '71', '7', { confirmed: true });
      const number = nav.issue(certified);
      const e = await duplicateOf(run(context(nav)));
      expect(e.reason).toContain('#70 (не подтвержден, без сертификата учета)');
      expect(e.reason).toContain(`#71 (подтвержден, сертификат учета № ${number})`);
      expect(e.action).toMatch(/^Оставьте ребенка #71 \(у него сертификат учета\) и удалите #70 /);
      expect(e.facts).toEqual({ userId: '7', childId: '70, 71' });
      expect(nav.calls).toEqual([]);
    });
  }

  it('should stop on two accounting certificates of the child with both numbers, keep the first issued, and issue no third', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    seedUser(nav);
    const child = seedChild(nav, '70', '7', { confirmed: true });
    const first = nav.issue(child);
    const second = nav.issue(child);
    const e = await duplicateOf(run(context(nav)));
    expect(e.reason).toContain(`№ ${first}, № ${second}`);
    expect(e.action).toMatch(new RegExp(`^Оставьте сертификат № ${first} \\(выдан первым\\) и удалите № ${second} `));
    expect(e.facts).toMatchObject({ childId: '70', certificateNumber: `${first}, ${second}` });
    expect(nav.calls).toEqual([]);
    expect(child.certificates).toHaveLength(2);
  });

  it('should not take a number the server did not answer: the list shows another certificate than the one just saved', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    seedUser(nav);
    const child = seedChild(nav, '70', '7', { confirmed: true });
    // The save's answer names a certificate the list does not hold (a list read before the save).
    nav.onCertificateSave = (c) => {
      c.certificates.push({ type: 'Сертификат учета', number: '55-0000999' });
      nav.onCertificateSave = undefined;
      c.certificates.push = () => c.certificates.length; // ours never reaches the list this read sees
    };
    const error = await run(context(nav)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as Error).message).toMatch(/the server answered certificate 55-\d+, the child's list shows 55-0000999/);
    expect(child.certificates.map((c) => c.number)).toEqual(['55-0000999']);
  });

  it('should stop on two placeholder users with the row\'s e-mail, naming both', async () => {
    const nav = new FakeNavigator();
    seedUser(nav, '8');
    seedUser(nav, '12');
    const e = await duplicateOf(run(context(nav)));
    expect(e.reason).toContain('#8, #12');
    expect(e.action).toMatch(/^Оставьте пользователя #8 .* удалите #12 /);
    expect(nav.calls).toEqual([]);
  });

  it('should see a certificate issued at the same moment by another installation: a duplicate after its own act, and no third on the next run', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    let other = '';
    nav.onCertificateSave = (c) => {
      nav.onCertificateSave = undefined;
      other = nav.issue(c);
    };
    const e = await duplicateOf(run(context(nav)));
    const numbers = nav.children[0]!.certificates.map((c) => c.number);
    expect(numbers).toHaveLength(2);
    expect(numbers).toContain(other);
    for (const n of numbers) expect(e.reason).toContain(`№ ${n}`);
    expect(nav.calls.filter((c) => c === 'admin.certificate')).toHaveLength(1);
    // The next run stops at the probe: nothing is added.
    nav.calls = [];
    await duplicateOf(run(context(nav)));
    expect(nav.calls).toEqual([]);
    expect(nav.children[0]!.certificates).toHaveLength(2);
  });

  it('should see a child added at the same moment by another installation: a duplicate after its own act, nothing more', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    nav.onAddChild = () => {
      nav.onAddChild = undefined;
      seedChild(nav, 'other', nav.users[0]!.id);
    };
    const e = await duplicateOf(run(context(nav)));
    expect(nav.children).toHaveLength(2);
    expect(e.reason).toContain('#other');
    // Looked again right before adding (the list reloaded), and after: two answer, so nothing more is done.
    expect(nav.calls).toEqual(['site.register', 'admin.reloadChildren', 'site.addChild', 'admin.reloadChildren']);
  });

  it('should take a child another installation added while it logged in to the site, instead of adding a second', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    nav.onLogin = () => {
      nav.onLogin = undefined;
      seedChild(nav, 'theirs', nav.users[0]!.id);
    };
    const steps: Array<[string, string]> = [];
    const r = await runSteps(accountingCertificateFlow, context(nav), {}, 'register', { intent: (s) => steps.push(['intent', s]), done: (s) => steps.push(['done', s]) }, 1);
    expect(nav.children).toHaveLength(1);
    expect(r.facts.childId).toBe('theirs');
    expect(nav.calls).not.toContain('site.addChild');
    // Found, not made: no intent for the step.
    expect(steps).toContainEqual(['done', 'addChild']);
    expect(steps).not.toContainEqual(['intent', 'addChild']);
    expect(nav.calls.filter((c) => c === 'admin.reloadChildren').length).toBeGreaterThanOrEqual(1);
  });
});

describe('accounting-certificate flow: a second look right before «Сохранить»', () => {
  it('should take a certificate another installation issued while the dialog was filled, and save nothing', async () => {
    const nav = new FakeNavigator();
    nav.answers = true;
    let theirs = '';
    nav.onChooseType = (c) => {
      nav.onChooseType = undefined;
      theirs = nav.issue(c);
    };
    const steps: string[] = [];
    const r = await runSteps(accountingCertificateFlow, context(nav), {}, 'register', { intent: (s) => steps.push(`intent ${s}`), done: (s) => steps.push(`done ${s}`) }, 1);
    expect(r.facts.certificateNumber).toBe(theirs);
    expect(nav.children[0]!.certificates).toHaveLength(1);
    expect(nav.calls).not.toContain('admin.certificate');
    expect(steps).not.toContain('intent issueCertificate');
    expect(steps).toContain('done issueCertificate');
  });
});

describe('accounting outcome: another actor\'s work is said so', () => {
  const intended = new Set(['register', 'addChild', 'clearResident', 'confirmChild', 'issueCertificate']);
  it('should not call another run\'s number «Выдан» when this navbot issued another one', () => {
    const o = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateNumber: '55-0000162' },
      { actedLast: true, intended, made: { userId: '7', childId: '70', certificateNumber: '55-0000163' }, before: { run: 'r1', at: '2026-12-01T10:00:00Z', facts: { certificateNumber: '55-0000163' } } },
    );
    expect(o.status).toBe('already');
    expect(o.note).toMatch(/^Сертификат № 55-0000162 выдан не этим navbot \(другая установка navbot или человек\); этот navbot выдавал № 55-0000163/);
  });

  it('should say a found certificate, user and child were not made by this navbot', () => {
    const o = accountingPlugin.outcome({ userId: '7', childId: '70', certificateNumber: '55-0000162' }, { actedLast: false, intended: new Set(), made: {} });
    expect(o.status).toBe('already');
    expect(o.note).toContain('Сертификат № 55-0000162 уже был в Навигаторе: его выдал не этот navbot');
    expect(o.note).toContain('Пользователь #7 зарегистрирован не этим navbot');
    expect(o.note).toContain('Ребенок #70 добавлен не этим navbot');
  });

  it('should issue with a word where the child was another installation\'s', () => {
    const o = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateNumber: '55-0000164' },
      { actedLast: true, intended: new Set(['register', 'issueCertificate']), made: { userId: '7', certificateNumber: '55-0000164' } },
    );
    expect(o).toEqual({ status: 'issued', note: 'Ребенок #70 добавлен не этим navbot (другая установка navbot или человек)' });
  });

  it('should not say «Выдан navbot ранее» of a number an earlier run only found', () => {
    const o = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateNumber: '55-0000129' },
      { actedLast: false, intended: new Set(), made: {}, before: { run: 'r1', at: '2026-12-01T10:00:00Z', facts: { certificateNumber: '55-0000129' } } },
    );
    expect(o.status).toBe('already');
    expect(o.note).toMatch(/^Сертификат № 55-0000129 уже был в Навигаторе: его выдал не этот navbot/);
  });

  it('should not call «Выдан» the one certificate left after a duplicate: whose it is cannot be told', () => {
    // The act was open when two certificates answered; a person deleted one; the probe found the other.
    const o = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateNumber: '55-0000162' },
      { actedLast: false, intended, made: { userId: '7', childId: '70' }, contested: new Set(['issueCertificate']) },
    );
    expect(o.status).toBe('already');
    expect(o.note).toBe('Сертификат № 55-0000162 остался у ребенка один после дубликата; выдал ли его этот navbot или другая установка, сказать нельзя');
  });

  it('should say nothing more for a row navbot made itself', () => {
    const made = { userId: '7', childId: '70', certificateNumber: '55-0000164' };
    expect(accountingPlugin.outcome(made, { actedLast: true, intended, made })).toEqual({ status: 'issued' });
  });
});

describe('issueCertificate where the panel cannot show certificates (issue 22 §1)', () => {
  const ready = (nav: FakeNavigator) => {
    nav.answers = true;
    seedUser(nav);
    return seedChild(nav, '70', '7', { confirmed: true });
  };
  const from = (ctx: AccountingContext) => runSteps(accountingCertificateFlow, ctx, { userId: '7', childId: '70' }, 'issueCertificate', noJournal, 1);

  it('stops before any save, naming the profile keys and doctor --sample-certified, when nothing can be read', async () => {
    const nav = new FakeNavigator();
    const child = ready(nav);
    nav.unreadable = ['в профиле не указан ни один источник'];
    const e = (await from({ ...context(nav), certificateMemory: { saveSent: false } }).catch((x: unknown) => x)) as BusinessError;
    expect(e).toBeInstanceOf(BusinessError);
    expect(e.reason).toMatch(/не может прочитать.*не указан ни один источник/);
    expect(e.action).toContain('adminData.certificateRead');
    expect(e.action).toContain('navbot doctor --sample-certified');
    expect(nav.calls).toEqual([]);
    expect(child.certificates).toHaveLength(0);
  });

  it('takes the ledger\'s number where this target issued it, without a save', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    nav.unreadable = ['POST … ответил HTTP 403'];
    const r = await from({ ...context(nav), certificateMemory: { issuedNumber: '55-0000042', saveSent: false } });
    expect(r.facts.certificateNumber).toBe('55-0000042');
    expect(r.acted).toEqual([]);
    expect(nav.calls).toEqual([]);
  });

  it('an intent without an outcome stops («возможно, уже выдан») and never saves again', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    nav.unreadable = ['в профиле не указан ни один источник'];
    const e = (await from({ ...context(nav), certificateMemory: { saveSent: true } }).catch((x: unknown) => x)) as BusinessError;
    expect(e.reason).toMatch(/^Сертификат, возможно, уже выдан/);
    expect(e.action).toMatch(/Проверьте в админ-панели/);
    expect(nav.calls).toEqual([]);
  });

  it('a save whose answer was lost, where no source shows certificates: the retry in the same run stops, one certificate', async () => {
    const nav = new FakeNavigator();
    const child = ready(nav);
    // The source answers «none» before the save, then fails (a refusal) after it.
    const memory = { saveSent: false };
    nav.onCertificateSave = () => void (nav.unreadable = ['POST … ответил HTTP 403']);
    nav.loseSaveAnswer = true;
    const first = await from({ ...context(nav), certificateMemory: memory }).catch((x: unknown) => x);
    expect(first).toBeInstanceOf(SystemError);
    expect(memory.saveSent).toBe(true);
    const again = (await from({ ...context(nav), certificateMemory: memory }).catch((x: unknown) => x)) as BusinessError;
    expect(again).toBeInstanceOf(BusinessError);
    expect(again.reason).toMatch(/возможно, уже выдан/);
    expect(nav.calls.filter((c) => c === 'admin.certificate')).toHaveLength(1);
    expect(child.certificates).toHaveLength(1);
  });

  it('a save answered without a number and no source showing one: issued, number unread; the report says «Выдан, номер не прочитан» with what to do', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    nav.numberless = true;
    const r = await from({ ...context(nav), certificateMemory: { saveSent: false } });
    expect(r.facts).toMatchObject({ certificateIssued: true });
    expect(r.facts.certificateNumber).toBeUndefined();
    const verdict = accountingPlugin.outcome(r.facts, { actedLast: true, intended: new Set(['issueCertificate']), made: r.facts });
    expect(verdict.status).toBe('incomplete');
    expect(verdict.note).toMatch(/номер не показал/);
    expect(verdict.action).toMatch(/--flow audit/);
    const label = accountingPlugin.layout.statuses.find((s) => s.status === 'incomplete')?.label;
    expect(label).toBe('Выдан, номер не прочитан');
  });
});


describe('issueCertificate never saves a second time (issue 22 §1 review)', () => {
  const ready = (nav: FakeNavigator) => {
    nav.answers = true;
    seedUser(nav);
    return seedChild(nav, '70', '7', { confirmed: true });
  };
  const from = (ctx: AccountingContext) => runSteps(accountingCertificateFlow, ctx, { userId: '7', childId: '70' }, 'issueCertificate', noJournal, 1);

  it('the per-event check reading «none» after a save was sent without an answer: the region\'s check decides, one save', async () => {
    const nav = new FakeNavigator();
    const child = ready(nav);
    nav.source = { source: 'check', complete: false };
    await from({ ...context(nav), certificateMemory: { saveSent: true } });
    expect(nav.calls.filter((c) => c === 'admin.certificate')).toHaveLength(1);
    expect(child.certificates).toHaveLength(1);
  });

  it('the per-event check reading «none» where this target issued a number: the ledger\'s number, no second save', async () => {
    const nav = new FakeNavigator();
    const child = ready(nav);
    nav.source = { source: 'check', complete: false };
    const r = await from({ ...context(nav), certificateMemory: { issuedNumber: '55-0000042', saveSent: true } });
    expect(r).toBeDefined();
    expect(nav.calls).not.toContain('admin.certificate');
    expect(child.certificates).toHaveLength(0);
  });

  it('a check showing the accounting certificate with an empty number: issued, number unread; never saved again', async () => {
    const nav = new FakeNavigator();
    const child = ready(nav);
    child.certificates.push({ type: 'Сертификат учета', number: '' });
    nav.source = { source: 'check', complete: false };
    const r = await from({ ...context(nav), certificateMemory: { saveSent: false } });
    expect(r.facts).toMatchObject({ certificateIssued: true });
    expect(r.acted).toEqual([]);
    expect(nav.calls).toEqual([]);
  });

  it('the ledger\'s certificate issued without a number: never saved again, even where a full list shows none', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    const r = await from({ ...context(nav), certificateMemory: { issuedWithoutNumber: true, saveSent: false } });
    expect(r.facts).toMatchObject({ certificateIssued: true });
    expect(nav.calls).toEqual([]);
  });

  it('the ledger\'s number where the check reads «none»: the ledger\'s word, no save', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    nav.source = { source: 'check', complete: false };
    const r = await from({ ...context(nav), certificateMemory: { issuedNumber: '55-0000042', saveSent: false } });
    expect(r.facts.certificateNumber).toBe('55-0000042');
    expect(nav.calls).toEqual([]);
  });

  it('a record field is read from a card opened again in recheck and verify (what the server holds now)', async () => {
    const nav = new FakeNavigator();
    ready(nav);
    nav.source = { source: 'record', complete: true };
    const r = await from({ ...context(nav), certificateMemory: { saveSent: false } });
    expect(r.facts.certificateNumber).toMatch(/^55-/);
    expect(nav.calls.filter((c) => c === 'admin.certificate')).toHaveLength(1);
    // probe's card, then recheck's and verify's cards opened again
    expect(nav.opened.filter((o) => o === 'child 70')).toHaveLength(3);
  });

  it('a certificate saved without a number and found later is this navbot\'s own, not «выдал не этот navbot»', () => {
    const o = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateIssued: true, certificateNumber: '55-0000170' },
      { actedLast: false, intended: new Set(['issueCertificate']), made: { userId: '7', childId: '70', certificateIssued: true } },
    );
    expect(o.status).toBe('issued');
    expect(o.note ?? '').not.toMatch(/не этот navbot/);
    const later = accountingPlugin.outcome(
      { userId: '7', childId: '70', certificateIssued: true, certificateNumber: '55-0000170' },
      { actedLast: true, intended: new Set(['issueCertificate']), made: { certificateIssued: true }, before: { run: 'r1', at: '2026-12-01T10:00:00Z', facts: { certificateIssued: true } } },
    );
    expect(later.status).toBe('already');
    expect(later.note).toMatch(/^Выдан navbot ранее: прогон r1/);
  });
});
