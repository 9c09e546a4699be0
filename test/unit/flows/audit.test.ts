// The audit flow against a fake of the Navigator's admin panel: what each step finds, what it
// reports missing in Russian, and that it never changes anything.
import { describe, expect, it } from 'vitest';
import { AUDIT_LAYOUT, auditFlow, auditPlugin, GAP_ACTION, type AuditContext } from '../../../flows/accounting/audit.js';
import { runSteps } from '../../../src/procedure/engine.js';
import { RowWindows } from '../../../flows/accounting/windows.js';
import type { LedgerRecord, RowOffer } from '../../../src/procedure/plugin.js';
import { defaultProfile } from '../../../src/config/profile.js';
import type { AdminPort, Sex } from '../../../src/navigator/ports.js';

interface FakeUser { id: string; email: string; lastName: string; firstName: string; patronymic: string }
interface FakeChild { id: string; userId: string; birthDate: string; sex: Sex; confirmed: boolean; deleted?: boolean; certificates: Array<{ type: string; number: string }> }

/** The admin panel, read-only: any call that would change something is recorded as a write. */
class FakePanel {
  users: FakeUser[] = [];
  children: FakeChild[] = [];
  writes: string[] = [];
  reads: string[] = [];

  port(): AdminPort {
    const nav = this;
    const write = (what: string) => async () => void nav.writes.push(what);
    return {
      ensureLoggedIn: async () => undefined,
      findUsersByEmail: async (email) => {
        nav.reads.push(`find ${email}`);
        return nav.users.filter((u) => u.email === email).map((u) => ({ ...u, resident: false, verified: false }));
      },
      openUser: async (id) => {
        nav.reads.push(`user ${id}`);
        const u = nav.users.find((x) => x.id === id)!;
        return {
          readMain: async () => ({ ...u, resident: false, verified: false }),
          setResident: write('setResident'),
          setVerified: write('setVerified'),
          save: write('saveUser'),
          children: async () => nav.children.filter((c) => c.userId === id).map((c) => ({ id: c.id, name: 'Без Внесения Данных', deleted: c.deleted ?? false })),
          openChild: async (childId: string) => {
            nav.reads.push(`child ${childId}`);
            const c = nav.children.find((x) => x.id === childId)!;
            return {
              read: async () => ({ id: c.id, birthDate: c.birthDate, sex: c.sex, confirmed: c.confirmed, certificates: [...c.certificates] }),
              confirmWithoutSnils: write('confirm'),
              openCertificateDialog: async () => {
                nav.writes.push('certificateDialog');
                return { chooseType: write('chooseType'), save: write('saveCertificate'), cancel: async () => undefined };
              },
              close: async () => undefined,
            };
          },
          close: async () => undefined,
        };
      },
    };
  }

  placeholder(id: string, email: string): FakeUser {
    const u = { id, email, lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных' };
    this.users.push(u);
    return u;
  }
}

const EMAIL = 'robot+k1@school.ru';
const ACCOUNTING = { type: 'Сертификат учета', number: '55-0000001' };

function context(panel: FakePanel): AuditContext {
  const admin = panel.port();
  return {
    row: { key: 'k1', birthDate: '2014-03-10', sex: 'female', email: EMAIL },
    placeholder: { lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', phone: '+7 (111) 111-11-11' },
    certificateTypeName: 'Сертификат учета',
    admin,
    windows: new RowWindows(admin),
  };
}

const journal = { intent: () => expect.unreachable('the audit never announces an act'), done: () => undefined };
const audit = (panel: FakePanel) => runSteps(auditFlow, context(panel), {}, 'findUser', journal, 1);

describe('audit flow', () => {
  it('should find the user, the child and its one accounting certificate, and change nothing', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '70', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: true, certificates: [{ type: 'Сертификат финансирования', number: '99-1' }, ACCOUNTING] });
    const r = await audit(panel);
    expect(r.facts).toEqual({ userId: '7', childId: '70', certificateNumber: '55-0000001' });
    expect(r.acted).toEqual([]);
    expect(panel.writes).toEqual([]);
    expect(auditPlugin.outcome(r.facts, { actedLast: false })).toEqual({ status: 'already' });
  });

  it('should say «нет пользователя» when nobody has the row’s e-mail', async () => {
    const panel = new FakePanel();
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ missing: 'нет пользователя', gap: 'user' });
    expect(r.facts.detail).toContain(EMAIL);
    // Nothing else is looked at: there is nobody to open.
    expect(panel.reads).toEqual([`find ${EMAIL}`]);
    expect(auditPlugin.outcome(r.facts, { actedLast: false })).toEqual({ status: 'incomplete', note: r.facts.detail, action: GAP_ACTION.user });
  });

  it('should not take a real person with the row’s e-mail for the placeholder', async () => {
    const panel = new FakePanel();
    panel.users.push({ id: '3', email: EMAIL, lastName: 'Иванова', firstName: 'Мария', patronymic: '' });
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ missing: 'нет пользователя-заглушки', gap: 'placeholder' });
    expect(String(r.facts.detail)).toMatch(/#3\b/);
    expect(String(r.facts.detail)).not.toMatch(/Иванова|Мария/);
    expect(panel.reads).toEqual([`find ${EMAIL}`]);
  });

  it('should name the date and sex it looked for when the user has no such child', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '71', userId: '7', birthDate: '2013-01-01', sex: 'male', confirmed: true, certificates: [ACCOUNTING] });
    panel.children.push({ id: '72', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: true, deleted: true, certificates: [] });
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ userId: '7', missing: 'нет ребенка с датой 10.03.2014 и полом женский', gap: 'child' });
    expect(r.facts.childId).toBeUndefined();
    expect(r.facts.detail).toBe(`У пользователя #7 (e-mail ${EMAIL}) дети с другими данными: #71: 01.01.2013, мужской.`);
    expect(panel.writes).toEqual([]);
  });

  it('should say the child is not confirmed and has no certificate yet', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '70', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: false, certificates: [] });
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ userId: '7', childId: '70', missing: 'ребенок не подтвержден; нет сертификата учета', gap: 'unconfirmed' });
    expect(r.facts.certificateNumber).toBeUndefined();
    expect(auditPlugin.outcome(r.facts, { actedLast: false })).toMatchObject({ status: 'incomplete', action: GAP_ACTION.unconfirmed });
  });

  it('should report two accounting certificates of one child with both numbers', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '70', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: true, certificates: [ACCOUNTING, { type: 'Сертификат учёта', number: '55-0000002' }] });
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ certificateNumber: '55-0000001, 55-0000002', missing: 'у ребенка два сертификата учета', gap: 'duplicate' });
    expect(auditPlugin.outcome(r.facts, { actedLast: false })).toMatchObject({ status: 'duplicate', note: expect.stringContaining('№ 55-0000001, № 55-0000002'), action: expect.stringContaining('удалите № 55-0000002') });
  });

  it('should report two identical children of the placeholder user with both ids and which one to delete', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '70', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: false, certificates: [] });
    panel.children.push({ id: '71', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: true, certificates: [ACCOUNTING] });
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ userId: '7', childId: '70, 71', gap: 'duplicate', missing: 'одинаковых детей у пользователя: 2' });
    const o = auditPlugin.outcome(r.facts, { actedLast: false });
    expect(o.status).toBe('duplicate');
    expect(o.note).toContain(`#71 (подтвержден, сертификат учета № ${ACCOUNTING.number})`);
    expect(o.action).toMatch(/^Оставьте ребенка #71 .* удалите #70 /);
    expect(panel.writes).toEqual([]);
  });

  it('should report two placeholder users with the row’s e-mail', async () => {
    const panel = new FakePanel();
    panel.placeholder('9', EMAIL);
    panel.placeholder('7', EMAIL);
    const r = await audit(panel);
    expect(r.facts).toMatchObject({ userId: '7, 9', gap: 'duplicate' });
    expect(auditPlugin.outcome(r.facts, { actedLast: false })).toMatchObject({ status: 'duplicate', action: expect.stringMatching(/^Оставьте пользователя #7 .* удалите #9 /) });
  });

  it('should show its findings in the report’s columns, with its own words for statuses', () => {
    expect(AUDIT_LAYOUT.columns.map((c) => c.header)).toEqual(['Номер сертификата', 'ID пользователя', 'ID ребенка', 'Чего не хватает']);
    expect(AUDIT_LAYOUT.statuses.map((s) => s.label).slice(0, 3)).toEqual(['Найдено', 'Не хватает', 'Ошибка']);
  });
});

describe('audit plug-in', () => {
  const offer = (panel: FakePanel): RowOffer => ({
    target: ((name: string) => {
      if (name === 'admin') return { port: panel.port(), capture: async () => undefined };
      if (name === 'site') return { open: async () => expect.unreachable('the audit never opens the public site'), capture: async () => undefined };
      return expect.unreachable(`the audit never opens the target ${name}`);
    }) as RowOffer['target'],
    profile: defaultProfile(),
    rowFile: () => expect.unreachable('the audit keeps no file per row'),
  });

  it('should take only its declared fields from a row and read it through the offered panel', async () => {
    const panel = new FakePanel();
    panel.placeholder('7', EMAIL);
    panel.children.push({ id: '70', userId: '7', birthDate: '2014-03-10', sex: 'female', confirmed: true, certificates: [ACCOUNTING] });
    expect(auditPlugin.readOnly).toBe(true);
    expect(auditPlugin.columns.columns.map((c) => c.field)).toEqual(['birthDate', 'sex', 'email']);
    const row = auditPlugin.open(offer(panel), { sent: { key: 'k1', birthDate: '2014-03-10', sex: 'female', municipality: 'не отправляется', email: EMAIL }, password: 'x' });
    const r = await row.run({}, 'findUser', journal, 1);
    await row.release();
    expect(r.facts).toEqual({ userId: '7', childId: '70', certificateNumber: '55-0000001' });
    expect(panel.writes).toEqual([]);
  });

  it('should look a registered key up by the e-mail the accounting flow registered, when the template changed', () => {
    const rows = [
      { key: 'К-1', keyNorm: 'к-1', rowNumber: 2, sent: { key: 'к-1', birthDate: '2014-03-10', sex: 'female' as const, email: 'new+k-1@school.ru' }, marks: { emailFromTemplate: true } },
      { key: 'К-2', keyNorm: 'к-2', rowNumber: 3, sent: { key: 'к-2', birthDate: '2014-03-11', sex: 'male' as const, email: 'own@school.ru' }, marks: {} },
    ];
    const rec = (key: string, email: string): LedgerRecord => ({
      keyNorm: key,
      binding: { content: { email }, file: '/q.xlsx', row: 2, at: '2026-01-01T00:00:00Z' },
      touched: new Set(['register']),
      facts: {},
    });
    const asked: Array<string | undefined> = [];
    const prepared = auditPlugin.prepare({
      rows,
      ledger: (flow) => {
        asked.push(flow);
        return new Map([
          ['к-1', rec('к-1', 'old+k-1@school.ru')],
          ['к-2', rec('к-2', 'other@school.ru')],
        ]);
      },
      file: '/q.xlsx',
    });
    expect(asked).toEqual(['accounting-certificate']);
    expect(prepared.rows.get('к-1')).toEqual({ kind: 'go', sent: { ...rows[0]!.sent, email: 'old+k-1@school.ru' } });
    // A prepared e-mail is the staff's word: the audit looks it up as typed.
    expect(prepared.rows.has('к-2')).toBe(false);
    expect(prepared.notices.join(' ')).toContain('old+k-1@school.ru');
  });
});
