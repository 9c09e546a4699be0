// The flow registry and `--flow`: which flows navbot knows, which one runs by default, how an
// unknown name ends (exit 2, the list in Russian), what each flow's template and validation read,
// and that a read-only flow can never reach an act.
import ExcelJS from 'exceljs';
import { Command } from 'commander';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FLOW, FLOWS, findFlow, unnamedLedgerFlow } from '../../../flows/index.js';
import { definePlugin, ReadOnlyViolation, type RowOffer } from '../../../src/procedure/plugin.js';
import { defaultProfile } from '../../../src/config/profile.js';
import { flowFor } from '../../../src/cli/flow-option.js';
import { ledgerScope } from '../../../src/cli/batch.js';
import { CliExit, EXIT } from '../../../src/cli/exit-codes.js';
import { register as registerTemplate } from '../../../src/cli/commands/template.js';
import { register as registerValidate } from '../../../src/cli/commands/validate.js';
import { register as registerRun } from '../../../src/cli/commands/run.js';
import { register as registerRehearse } from '../../../src/cli/commands/demo.js';
import { tempDir, workbook } from '../intake/helpers.js';

describe('flow registry', () => {
  it('should list the accounting certificate (the default, owner of the old ledgers), the audit and the two of the registry', () => {
    expect(FLOWS.map((f) => f.name)).toEqual(['accounting-certificate', 'audit', 'registry-apply', 'registry-accept']);
    expect(new Set(FLOWS.map((f) => f.name)).size).toBe(FLOWS.length);
    expect(DEFAULT_FLOW.name).toBe('accounting-certificate');
    expect(FLOWS.filter((f) => f.ownsUnnamedLedger).map((f) => f.name)).toEqual(['accounting-certificate']);
    expect(unnamedLedgerFlow()?.name).toBe('accounting-certificate');
    expect(findFlow('audit')?.readOnly).toBe(true);
    expect(findFlow('accounting-certificate')?.readOnly).toBe(false);
    expect(findFlow('Audit')).toBeUndefined();
  });

  it('should give each flow its own ledger scope; only the owner reads unnamed entries', () => {
    expect(ledgerScope(findFlow('accounting-certificate')!)).toEqual({ flow: 'accounting-certificate', unnamed: true });
    expect(ledgerScope(findFlow('audit')!)).toEqual({ flow: 'audit', unnamed: false });
  });

  it('should pick the default without --flow and refuse an unknown flow with exit 2 and the list', () => {
    expect(flowFor(undefined)).toBe(DEFAULT_FLOW);
    expect(flowFor('audit').name).toBe('audit');
    const e = (() => {
      try {
        flowFor('registry-approve');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(CliExit);
    expect((e as CliExit).code).toBe(EXIT.invalid);
    expect((e as CliExit).message).toMatch(/^Неизвестная процедура «registry-approve» \(--flow\)/);
    for (const f of FLOWS) expect((e as CliExit).message).toContain(`${f.name} — ${f.title}`);
  });

  it('should stop the run before a read-only flow could act', async () => {
    const acted: string[] = [];
    const plugin = definePlugin<object>({
      name: 'look',
      title: 'только смотрит',
      columns: { flow: 'look', row: 'одна строка', columns: [] },
      uses: ['registry'],
      readOnly: true,
      flow: {
        name: 'look',
        steps: [
          {
            name: 'peek',
            title: 'взгляд',
            probe: async () => undefined,
            act: async () => void acted.push('act'),
            verify: async () => ({ facts: {} }),
          },
        ],
      },
      layout: { title: 'Смотр', statuses: [], headline: [], columns: [] },
      context: () => ({ ctx: {}, release: async () => undefined }),
      outcome: () => ({ status: 'already' }),
    });
    const offer = { target: () => ({}), profile: defaultProfile() } as unknown as RowOffer;
    const written: string[] = [];
    const row = plugin.open(offer, { sent: { key: 'к' }, password: 'x' });
    const error = await row.run({}, 'peek', { intent: (s) => void written.push(`intent ${s}`), done: (s) => void written.push(`done ${s}`) }, 1).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ReadOnlyViolation);
    expect((error as Error).message).toMatch(/только читает.*ничего не отправлено/);
    expect(acted).toEqual([]);
    expect(written).toEqual([]);
  });
});

describe('--flow on the command line', () => {
  const dir = tempDir();
  // Defaults only: a developer's .env must not change these tests.
  const PINNED = ['NAVBOT_PROFILE', 'NAVBOT_MUNICIPALITY', 'NAVBOT_EMAIL_TEMPLATE'] as const;
  const saved = Object.fromEntries(PINNED.map((k) => [k, process.env[k]]));
  beforeAll(() => {
    for (const k of PINNED) process.env[k] = '';
  });
  afterAll(() => {
    for (const k of PINNED) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  async function cli(...args: string[]): Promise<{ out: string; code: number }> {
    const program = new Command().exitOverride();
    for (const register of [registerTemplate, registerValidate, registerRun, registerRehearse]) register(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const before = process.exitCode;
    try {
      await program.parseAsync(['node', 'navbot', ...args]);
      return { out, code: Number(process.exitCode ?? 0) };
    } catch (e) {
      if (e instanceof CliExit) return { out: `${out}${e.message}\n`, code: e.code };
      throw e;
    } finally {
      spy.mockRestore();
      process.exitCode = before;
    }
  }

  it('should end run, template, validate and rehearse with an unknown flow at exit 2, before reading anything', async () => {
    for (const args of [
      ['run', path.join(dir, 'нет-такого.xlsx'), '--flow', 'nope'],
      ['template', path.join(dir, 'x.xlsx'), '--flow', 'nope'],
      ['validate', path.join(dir, 'нет-такого.xlsx'), '--flow', 'nope'],
      ['rehearse', path.join(dir, 'нет-такого.xlsx'), '--flow', 'nope'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(EXIT.invalid);
      expect(r.out).toContain('Неизвестная процедура «nope»');
      expect(r.out).toContain('audit — ');
    }
  });

  it('should write each flow’s template with its own columns', async () => {
    const headers = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return (wb.getWorksheet('Очередь')!.getRow(1).values as unknown[]).slice(1);
    };
    expect((await cli('template', path.join(dir, 'выдача.xlsx'))).code).toBe(0);
    expect(await headers(path.join(dir, 'выдача.xlsx'))).toEqual(['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет', 'E-mail', 'ФИО (для себя)', 'Примечание']);
    const audit = await cli('template', path.join(dir, 'сверка.xlsx'), '--flow', 'audit');
    expect(audit.code).toBe(0);
    expect(audit.out).toContain('--flow audit');
    expect(await headers(path.join(dir, 'сверка.xlsx'))).toEqual(['Ключ', 'Дата рождения', 'Пол', 'E-mail', 'ФИО (для себя)', 'Примечание']);
  });

  it('should validate a queue for the flow’s columns only', async () => {
    const file = await workbook(dir, [
      ['Ключ', 'Дата рождения', 'Пол', 'E-mail'],
      ['К-1', new Date(Date.UTC(2015, 2, 10)), 'Ж', ''],
    ]);
    const accounting = await cli('validate', file);
    expect(accounting.code).toBe(EXIT.invalid);
    expect(accounting.out).toContain('Муниципалитет');
    const audit = await cli('validate', file, '--flow', 'audit', '--json');
    expect(audit.code).toBe(0);
    const json = JSON.parse(audit.out) as { valid: boolean; rows: Array<{ sent: Record<string, string> }> };
    expect(json.valid).toBe(true);
    expect(json.rows[0]!.sent).toEqual({ key: 'k-1', birthDate: '2015-03-10', sex: 'female', email: expect.stringMatching(/^robot\+k-1@/) });
  });
});
