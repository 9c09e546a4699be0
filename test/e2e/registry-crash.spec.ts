// Crash safety of the registry flows (issue 14 §3): navbot is killed with SIGKILL while an act's
// answer is held by the stand (the registry did it, navbot never heard), and after the act, before
// its verify read the record back; the next run must finish the row with no second application and
// no second press. The suite runs this reduced matrix (create, confirm); `npm run crash:registry`
// runs the full one (also killed before the act is carried out, and «Документы получены», «Отказать»).
// Driven only by the stand's held requests and request log, never by hooks inside navbot.
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { killWhenHeld, ledgerJournal, runNavbot, tempDir, useStand } from './support/navbot.js';
import { ACCEPT_HEADERS, APPLY_HEADERS, applications, bornYearsAgo, makeSheet, registryEnv, requests, seedApplication, type StandApplication } from './support/registry.js';

const FULL = process.env.NAVBOT_REGISTRY_CRASH === 'full';

/** The registry's record as the flows read it (probe and verify). */
const READ = '^/registry/api/applications/\\d+$';

interface Act {
  flow: 'registry-apply' | 'registry-accept';
  step: string;
  /** The act's request. */
  path: string;
  /** Which read of the record is the act's verify (the reads before it are probes). */
  verifyRead: number;
  decision?: 'Отказать';
  inSuite: boolean;
}

const ACTS: Act[] = [
  { flow: 'registry-apply', step: 'createApplication', path: '^/registry/applications$', verifyRead: 1, inSuite: true },
  // confirm's probe reads once, its verify is the second read.
  { flow: 'registry-accept', step: 'confirmPersonalData', path: '^/registry/applications/\\d+/confirm$', verifyRead: 2, inSuite: true },
  { flow: 'registry-accept', step: 'documentsReceived', path: '^/registry/applications/\\d+/received$', verifyRead: 4, inSuite: false },
  { flow: 'registry-accept', step: 'refuseApplication', path: '^/registry/applications/\\d+/refuse$', verifyRead: 2, decision: 'Отказать', inSuite: false },
];

type Point = 'before-act' | 'held-response' | 'after-act';
const POINTS: Point[] = FULL ? ['before-act', 'held-response', 'after-act'] : ['held-response', 'after-act'];

const target = useStand();

const CHILD = {
  lastName: 'Орлова',
  firstName: 'Вера',
  patronymic: 'Игоревна',
  sex: 'female',
  documentType: 'birth-certificate',
  documentSeries: 'II-АБ',
  documentNumber: '765432',
};
const APPLICANT = { lastName: 'Орлов', firstName: 'Игорь', patronymic: '', phone: '79120001122', email: 'orlov@mail.ru' };

async function queueFor(act: Act, dir: string, seeded?: StandApplication): Promise<string> {
  const file = path.join(dir, 'q.xlsx');
  if (act.flow === 'registry-apply') {
    const birth = bornYearsAgo(9);
    return makeSheet(file, APPLY_HEADERS, [
      {
        Ключ: 'К-1', Фамилия: CHILD.lastName, Имя: CHILD.firstName, Отчество: CHILD.patronymic, 'Дата рождения': birth, Пол: 'Женский',
        'Тип документа': 'Свидетельство о рождении', 'Серия документа': CHILD.documentSeries, 'Номер документа': CHILD.documentNumber, Муниципалитет: 'г. Северный',
        'Фамилия заявителя': APPLICANT.lastName, 'Имя заявителя': APPLICANT.firstName, 'Телефон заявителя': '+7 912 000-11-22', 'E-mail заявителя': APPLICANT.email,
      },
    ]);
  }
  return makeSheet(file, ACCEPT_HEADERS, [
    {
      Ключ: 'К-1', 'Номер заявки': seeded!.number, 'Номер сертификата': seeded!.certificateNumber, Фамилия: CHILD.lastName, 'Номер документа': CHILD.documentNumber,
      ...(act.decision ? { Решение: act.decision, 'Причина отказа': 'Не представлено свидетельство' } : {}),
    },
  ]);
}

for (const act of ACTS.filter((a) => FULL || a.inSuite)) {
  for (const point of POINTS) {
    test(`${act.flow}: SIGKILL ${point} of ${act.step} — the next run does it once`, async () => {
      test.setTimeout(120_000);
      const dir = tempDir();
      const env = registryEnv(target.url, dir);
      const birthIso = bornYearsAgo(9).split('.').reverse().join('-');
      const seeded = act.flow === 'registry-accept' ? await seedApplication(target.url, { child: { ...CHILD, birthDate: birthIso }, applicant: APPLICANT, municipality: 'г. Северный' }) : undefined;
      const file = await queueFor(act, dir, seeded);
      const actRe = new RegExp(act.path);
      // before-act: the act's request is stalled before the registry carries it out, then abandoned.
      // held-response: the registry carries it out, its answer is held.
      // after-act: the act went through; the verify's read of the record is stalled.
      const rule =
        point === 'after-act'
          ? { match: { method: 'GET', path: READ }, nth: act.verifyRead, action: 'stall' }
          : { match: { method: 'POST', path: act.path }, nth: 1, action: point === 'before-act' ? 'stall' : 'hold' };
      await target.client.faults([rule]);
      const waitFor = point === 'after-act' ? { method: 'GET', re: new RegExp(READ) } : { method: 'POST', re: actRe };

      await killWhenHeld(['run', '--flow', act.flow, file], env, target.client, waitFor);

      // The journal announced the act before it was made.
      const journal = ledgerJournal(dir);
      expect(journal).toContain(`"step":"${act.step}","kind":"intent"`);

      const second = await runNavbot(['run', '--flow', act.flow, file], env);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const apps = await applications(target.url);
      // One application for the document, whatever happened.
      expect(apps).toHaveLength(1);
      const app = apps[0]!;
      expect(app.child).toMatchObject({ lastName: CHILD.lastName, documentSeries: CHILD.documentSeries, documentNumber: CHILD.documentNumber });
      // The act's posts: one, and a second only when the first was abandoned before the registry
      // carried it out (a held answer is logged with status 0, yet was carried out).
      const log = await requests(target.url);
      const posts = (p: string) => log.filter((r) => r.method === 'POST' && new RegExp(p).test(r.path));
      expect(posts(act.path)).toHaveLength(point === 'before-act' ? 2 : 1);
      if (act.decision) {
        expect(app).toMatchObject({ refused: true, refuseReason: 'Не представлено свидетельство', pdConfirmed: false });
      } else if (act.flow === 'registry-accept') {
        expect(app).toMatchObject({ pdConfirmed: true, documentsReceived: true, refused: false });
        // No button pressed twice: one confirmation, one «Документы получены» (the act's own counted above).
        for (const other of ['^/registry/applications/\\d+/confirm$', '^/registry/applications/\\d+/received$'].filter((p) => p !== act.path)) {
          expect(posts(other)).toHaveLength(1);
        }
      }
    });
  }
}
