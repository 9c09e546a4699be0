// doctor returns an outcome and the CLI maps it to an exit code (DESIGN.md, Contracts: 0 ready,
// 2 settings or a mismatch, 3 unreachable); survey.json records doctor's own numbers, kept equal here.
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/exit-codes.js';
import { doctorExitCode } from '../../../src/cli/commands/doctor.js';
import { CODE, withSnapshot } from '../../../src/doctor/codes.js';
import { runDoctor } from '../../../src/doctor/run.js';

describe('doctor outcome', () => {
  it('the CLI maps each outcome to the contract exit code', () => {
    expect(doctorExitCode({ kind: 'ready' })).toBe(0);
    expect(doctorExitCode({ kind: 'settings' })).toBe(2);
    expect(doctorExitCode({ kind: 'mismatch', dir: '/tmp/x' })).toBe(2);
    expect(doctorExitCode({ kind: 'unreachable' })).toBe(3);
  });

  it('--snapshot asked and no zip on disk: a ready survey ends 2, a worse one keeps its code', () => {
    expect(withSnapshot(CODE.ok, true, false)).toBe(2);
    expect(withSnapshot(CODE.unreachable, true, false)).toBe(3);
    expect(withSnapshot(CODE.ok, true, true)).toBe(0);
    expect(withSnapshot(CODE.ok, false, false)).toBe(0);
  });

  it("the codes survey.json records are the CLI's", () => {
    expect(CODE).toEqual({ ok: EXIT.ok, invalid: EXIT.invalid, unreachable: EXIT.unreachable });
  });

  it('wrong settings: the message, the rest skipped, outcome «settings»', async () => {
    const lines: string[] = [];
    const outcome = await runDoctor({
      settings: () => {
        throw new Error('NAVBOT_ADMIN_URL не задан');
      },
      version: '0.0.0',
      write: (line) => void lines.push(line),
    });
    expect(outcome).toEqual({ kind: 'settings' });
    const text = lines.join('');
    expect(text).toContain('navbot doctor — проверка готовности к работе\n');
    expect(text).toContain('  ✗ NAVBOT_ADMIN_URL не задан\n');
    expect(text).toContain('Остальные проверки пропущены: сначала исправьте настройки (.env).');
  });

  it('a registry flow names itself in the heading', async () => {
    const lines: string[] = [];
    await runDoctor({ settings: () => { throw new Error('нет настроек'); }, registry: { title: 'подача заявок в реестр' }, version: '0.0.0', write: (line) => void lines.push(line) });
    expect(lines[0]).toBe('navbot doctor — проверка готовности к работе (подача заявок в реестр)\n');
  });
});
