import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../../src/cli/commands/report.js';
import { CliExit, EXIT } from '../../../src/cli/exit-codes.js';
import { makeFakeRun, type FakeRun } from './fake-run.js';

const made: FakeRun[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.NAVBOT_REPORTS_DIR;
  for (const r of made.splice(0)) fs.rmSync(r.root, { recursive: true, force: true });
});

async function navbotReport(...args: string[]): Promise<string> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const program = new Command().exitOverride();
  register(program);
  await program.parseAsync(['node', 'navbot', 'report', ...args]);
  return out.join('');
}

describe('navbot report', () => {
  it('should rebuild the latest run under NAVBOT_REPORTS_DIR and print its paths', async () => {
    const run = makeFakeRun({ crashed: true });
    made.push(run);
    process.env.NAVBOT_REPORTS_DIR = run.reportsDir;
    const text = await navbotReport();
    expect(text).toContain(`Отчёт прогона ${run.runId} собран.`);
    expect(text).toContain(path.resolve(run.runDir, 'report.xlsx'));
    expect(text).toContain('Выдан: 1');
    expect(text).toContain('Внимание: Прогон не завершился');
    expect(fs.existsSync(path.join(run.runDir, 'report.html'))).toBe(true);
  });

  it('should accept a run id and refuse an unknown one with exit code 2', async () => {
    const run = makeFakeRun();
    made.push(run);
    process.env.NAVBOT_REPORTS_DIR = run.reportsDir;
    expect(await navbotReport(run.runId)).toContain('собран');
    const err = await navbotReport('2020-01-01T00-00-00-0000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliExit);
    expect((err as CliExit).code).toBe(EXIT.invalid);
    expect((err as CliExit).message).toContain(run.runId);
  });

  it('should take only a plain folder name under NAVBOT_REPORTS_DIR: no path, «..» or separators (exit code 2)', async () => {
    const run = makeFakeRun();
    made.push(run);
    process.env.NAVBOT_REPORTS_DIR = run.reportsDir;
    // A folder outside the reports folder that holds a run.json: never written into.
    const outside = path.join(run.root, 'elsewhere');
    fs.mkdirSync(outside);
    fs.copyFileSync(path.join(run.runDir, 'run.json'), path.join(outside, 'run.json'));
    const attempts = [outside, '../elsewhere', '..', `${run.runId}/..`, `x/${run.runId}`, `x\\${run.runId}`, '.', 'C:run'];
    for (const id of attempts) {
      const err = await navbotReport(id).catch((e: unknown) => e);
      expect(err, id).toBeInstanceOf(CliExit);
      expect((err as CliExit).code).toBe(EXIT.invalid);
      expect((err as CliExit).message).toContain('— не идентификатор прогона. Укажите имя папки прогона из папки отчётов');
    }
    expect(fs.readdirSync(outside)).toEqual(['run.json']);
    // A link in the reports folder that leads outside it is refused too.
    fs.symlinkSync(outside, path.join(run.reportsDir, 'link'), 'dir');
    const err = await navbotReport('link').catch((e: unknown) => e);
    expect((err as CliExit).message).toContain('ссылка за пределы папки отчётов');
    expect(fs.readdirSync(outside)).toEqual(['run.json']);
  });

  it('should refuse a run.json whose queueId is not a queue id (exit code 2, Russian)', async () => {
    const run = makeFakeRun();
    made.push(run);
    process.env.NAVBOT_REPORTS_DIR = run.reportsDir;
    const file = path.join(run.runDir, 'run.json');
    const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const queueId of ['../../../etc/passwd', '/etc/passwd', 'a/b', '']) {
      fs.writeFileSync(file, JSON.stringify({ ...meta, queueId }));
      const err = await navbotReport(run.runId).catch((e: unknown) => e);
      expect(err, queueId).toBeInstanceOf(CliExit);
      expect((err as CliExit).code).toBe(EXIT.invalid);
      expect((err as CliExit).message).toMatch(/повреждён или изменён вручную: Недопустимый идентификатор очереди|не похож на run\.json navbot/);
    }
    expect(fs.existsSync(path.join(run.runDir, 'report.xlsx'))).toBe(false);
  });
});
