// An in-memory registry for the registry flows' unit tests: it keeps records as the registry's
// JSON gives them and logs every call that writes (create, the buttons, the edit, the print).
import { writeFileSync } from 'node:fs';
import type { ActionOutcome, CreateOutcome, EditOutcome, NewApplication, RegistryPort, RegistryRecord } from '../../../src/navigator/registry/port.js';

const fold = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е');

export class FakeRegistry {
  apps: RegistryRecord[] = [];
  calls: string[] = [];
  /** The next create is carried out but its answer is lost. */
  loseNextAnswer = false;
  /** Refuse creates with these field errors. */
  invalid?: Array<{ label: string; message: string }>;
  /** Refuse edits with this message. */
  editRefusal?: string;
  /** A registry whose search by name tells «ё» from «е». */
  strictSearch = false;
  private seq = 0;

  add(a: NewApplication, extra: Partial<RegistryRecord> = {}): RegistryRecord {
    this.seq++;
    const r: RegistryRecord = {
      id: String(this.seq),
      number: `З-${String(122 + this.seq).padStart(6, '0')}`,
      certificateNumber: `55${String(this.seq).padStart(8, '0')}`,
      child: { ...a.child },
      over14: a.over14,
      applicant: { ...a.applicant, phone: a.applicant.phone.replace(/\D/g, '').replace(/^8/, '7') },
      municipality: a.municipality,
      pdConfirmed: false,
      documentsReceived: false,
      refused: false,
      refuseReason: null,
      ...extra,
    };
    this.apps.push(r);
    return r;
  }

  port(): RegistryPort {
    const reg = this;
    const find = (id: string) => reg.apps.find((a) => a.id === id);
    const press = (id: string, what: string, ok: (r: RegistryRecord) => string | undefined, apply: (r: RegistryRecord) => void): ActionOutcome => {
      reg.calls.push(`${what} ${id}`);
      const r = find(id)!;
      const refusal = ok(r);
      if (refusal) return { ok: false, message: refusal };
      apply(r);
      return { ok: true, message: 'ok' };
    };
    return {
      ensureLoggedIn: async () => undefined,
      findByChild: async (q) => {
        const f = reg.strictSearch ? (x: string) => x : fold;
        return reg.apps.filter((a) => f(a.child.lastName) === f(q.lastName) && f(a.child.firstName) === f(q.firstName) && a.child.birthDate === q.birthDate).map((a) => structuredClone(a));
      },
      findByNumber: async (number) => {
        const a = reg.apps.find((x) => x.number === number);
        return a && structuredClone(a);
      },
      search: async (number, certificate) => {
        const a = reg.apps.find((x) => x.number === number && x.certificateNumber === certificate);
        return a && structuredClone(a);
      },
      read: async (id) => {
        const a = find(id);
        return a && structuredClone(a);
      },
      create: async (a): Promise<CreateOutcome> => {
        reg.calls.push('create');
        if (reg.invalid) return { kind: 'invalid', message: 'Проверьте правильность заполнения формы', fields: reg.invalid };
        const earlier = reg.apps.find((x) => x.child.documentType === a.child.documentType && x.child.documentSeries === a.child.documentSeries && x.child.documentNumber === a.child.documentNumber);
        if (earlier) return { kind: 'duplicate', number: earlier.number, message: `Заявка на этот документ уже подана: заявка № ${earlier.number}` };
        const r = reg.add(a);
        if (reg.loseNextAnswer) {
          reg.loseNextAnswer = false;
          throw new Error('net::ERR_CONNECTION_RESET');
        }
        return { kind: 'created', id: r.id, number: r.number, certificateNumber: r.certificateNumber };
      },
      confirm: async (id) => press(id, 'confirm', (r) => (r.refused ? 'По заявке оформлен отказ' : undefined), (r) => (r.pdConfirmed = true)),
      documentsReceived: async (id) =>
        press(id, 'received', (r) => (r.refused ? 'отказ' : !r.pdConfirmed ? 'Сначала подтвердите персональные данные' : undefined), (r) => (r.documentsReceived = true)),
      refuse: async (id, reason) =>
        press(id, 'refuse', (r) => (r.documentsReceived ? 'Документы получены, заявка принята: изменение невозможно' : undefined), (r) => {
          r.refused = true;
          r.refuseReason = reason;
        }),
      correct: async (id, fields): Promise<EditOutcome> => {
        reg.calls.push(`correct ${id} ${Object.keys(fields).join(',')}`);
        const r = find(id)!;
        if (reg.editRefusal) return { kind: 'refused', message: reg.editRefusal };
        Object.assign(r.child, fields);
        if (reg.loseNextAnswer) {
          reg.loseNextAnswer = false;
          throw new Error('net::ERR_CONNECTION_RESET');
        }
        return { kind: 'saved', message: 'Изменения сохранены' };
      },
      print: async (id, file) => {
        reg.calls.push(`print ${id}`);
        writeFileSync(file, `%PDF-1.4 fake ${id}`);
        return file;
      },
    };
  }
}

