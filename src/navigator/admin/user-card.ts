// The site user card «#<id> клиент»: tab «Основные» (read, tick, save) and tab «Дети».
import { SystemError } from '../../core/errors.js';
import { exactly, gridLoads, readCheckbox, readField, readFormRecord, readGrid, readGridRecordsAndRows, reloadGrid, sameText, waitGridLoaded } from '../ext.js';
import type { Sex, UserChild, UserMainData } from '../ports.js';
import { ChildCard } from './child-card.js';
import { isoFromRu, truthy, type PanelDriver } from './driver.js';

export type UserMain = UserMainData;
export type UserChildRow = UserChild;

export class UserCard {
  readonly title: string;

  constructor(
    private readonly d: PanelDriver,
    readonly id: string,
  ) {
    this.title = d.t.userWindowTitle.replace('{id}', id);
  }

  /**
   * What the server holds for the user: the record the panel loaded into the card's form (fields
   * named by the profile's adminData), or the fields on screen where the panel keeps no record.
   */
  async readMain(): Promise<UserMain> {
    const t = this.d.t;
    const began = Date.now();
    await this.d.requireWindow(this.title, 'reading the user card');
    const fromRecord = this.fromRecord(await readFormRecord(this.d.page, this.title));
    if (fromRecord) return fromRecord;
    const text = async (label: string) => {
      const v = await readField(this.d.page, this.title, label);
      return v ?? this.d.absent(`поля «${label}» в окне «${this.title}»`, `admin panel: no field «${label}» on the user card`, began);
    };
    const flag = async (label: string) => {
      const v = await readCheckbox(this.d.page, this.title, label);
      return v ?? this.d.absent(`отметки «${label}» в окне «${this.title}»`, `admin panel: no checkbox «${label}» on the user card`, began);
    };
    return {
      lastName: await text(t.lastName),
      firstName: await text(t.firstName),
      patronymic: await text(t.patronymic),
      email: await text(t.email),
      resident: await flag(t.resident),
      verified: await flag(t.verified),
    };
  }

  /** A user record (the form's, or a save's answer) in the profile's field names; null without the flags. */
  private fromRecord(record: Record<string, unknown> | null | undefined): UserMain | null {
    const f = this.d.profile.adminData.userFields;
    if (!record || !(f.resident in record) || !(f.verified in record)) return null;
    return {
      lastName: String(record[f.lastName] ?? ''),
      firstName: String(record[f.firstName] ?? ''),
      patronymic: String(record[f.patronymic] ?? ''),
      email: String(record[f.email] ?? ''),
      resident: truthy(record[f.resident]),
      verified: truthy(record[f.verified]),
    };
  }

  /** The user as the server answered the last «Сохранить» of this card (the save request's JSON). */
  private lastSaved: UserMain | undefined;

  saved(): UserMain | undefined {
    return this.lastSaved;
  }

  setResident(value: boolean): Promise<void> {
    return this.tick(this.d.t.resident, value);
  }

  setVerified(value: boolean): Promise<void> {
    return this.tick(this.d.t.verified, value);
  }

  /** «Сохранить» on «Основные»; waits for the answer. A refusal → BusinessError. */
  async save(): Promise<void> {
    const t = this.d.t;
    const { win, seen } = await this.tab(t.tabMain);
    this.lastSaved = undefined;
    const save = this.d.button(win, t.save);
    const outcome = await this.d.act(() => save.click(this.d.wait), { request: true, windowShown: this.title }, `«${t.save}» user #${this.id}`, seen, [
      this.d.sought(`кнопки «${t.save}» в окне «${this.title}»`, save),
    ]);
    if (outcome.message) {
      await this.d.refusal(`сохранение пользователя #${this.id}`, 'Проверьте карточку пользователя в админ-панели и запустите снова.');
    }
    // The answer to this card's own save request: the user as the server now holds it.
    this.lastSaved = this.fromRecord(await this.d.answer(outcome)) ?? undefined;
  }

  /**
   * Children of the «Дети» tab (first page: 25 children are more than a family has), from the
   * records behind the grid (id, birth date, sex, «deleted» even where no column shows them), or
   * from the cells where the panel gives no such fields. `reload`: the list is loaded again from
   * the server (the store's own reload), unless showing the tab just loaded it.
   */
  async children(options: { reload?: boolean } = {}): Promise<UserChildRow[]> {
    const t = this.d.t;
    const began = Date.now();
    const kidsGrid = { windowTitle: this.title, headers: [t.childName, t.childDeleted] };
    // Only a reload needs to know whether showing the tab just loaded the list.
    const loadsBefore = options.reload ? await gridLoads(this.d.page, kidsGrid) : null;
    await this.tab(t.tabChildren);
    // The list is found by its columns: on a settled panel without them, a column's word differs.
    const list = { element: `списка детей со столбцами «${t.childName}», «${t.childDeleted}» на вкладке «${t.tabChildren}»`, present: async () => (await gridLoads(this.d.page, kidsGrid)) !== null };
    await this.d.guard(() => waitGridLoaded(this.d.page, kidsGrid, this.d.timeoutMs), `loading the «${t.tabChildren}» tab`, [list]);
    if (options.reload) {
      const loads = await gridLoads(this.d.page, kidsGrid);
      if (loadsBefore === null || loads === null || loads <= loadsBefore) {
        // Not loaded since the last read: the store loads again (its own reload), and we wait for that load.
        await this.d.act(
          async () => {
            if (!(await reloadGrid(this.d.page, kidsGrid))) throw new SystemError(`admin panel: no «${t.tabChildren}» grid on «${this.title}» to reload`);
          },
          { request: true },
          `reloading «${t.tabChildren}» of user #${this.id}`,
        );
        await this.d.guard(() => waitGridLoaded(this.d.page, kidsGrid, this.d.timeoutMs, loads ?? 0), `reloading the «${t.tabChildren}» tab`);
      }
    }
    const k = this.d.profile.adminData.kidFields;
    const sexes = this.d.profile.adminData.sexValues;
    const both = await readGridRecordsAndRows(this.d.page, kidsGrid);
    const records = both?.records;
    if (records && records.every((r) => r[k.id] !== undefined && r[k.id] !== null)) {
      // The names as shown (same store order), for messages only.
      const shown = both?.rows ?? [];
      return records.map((r, i) => {
        const birth = r[k.birthDate];
        const sexValue = String(r[k.sex] ?? '');
        const sex: Sex | undefined = sexValue === sexes.male ? 'male' : sexValue === sexes.female ? 'female' : undefined;
        return {
          id: String(r[k.id]),
          name: shown[i]?.[t.childName] ?? '',
          deleted: truthy(r[k.deleted]),
          ...(typeof birth === 'string' && /^\d{4}-\d{2}-\d{2}/.test(birth) ? { birthDate: birth.slice(0, 10) } : {}),
          ...(sex ? { sex } : {}),
        };
      });
    }
    const headers = [t.columnId, t.childName, t.childDeleted];
    const grid = await readGrid(this.d.page, { windowTitle: this.title, headers: [...headers, t.childBirthDateColumn] }).then(
      (g) => g ?? readGrid(this.d.page, { windowTitle: this.title, headers }),
    );
    if (!grid) return this.d.absent(`списка детей со столбцами ${headers.map((h) => `«${h}»`).join(', ')} в окне «${this.title}»`, `admin panel: no children grid on «${this.title}»`, began);
    return grid.rows.map((r) => {
      const birth = r[t.childBirthDateColumn];
      return {
        id: (r[t.columnId] ?? '').trim(),
        name: r[t.childName] ?? '',
        deleted: sameText(r[t.childDeleted], t.yes),
        ...(birth ? { birthDate: isoFromRu(birth) } : {}),
      };
    });
  }

  async openChild(id: string): Promise<ChildCard> {
    await this.tab(this.d.t.tabChildren);
    return ChildCard.open(this.d, this.title, id);
  }

  async close(): Promise<void> {
    await this.d.closeWindow(this.title, this.d.t.close);
  }

  /** Makes tab `name` the active one and waits for what it loads. */
  private async tab(name: string) {
    const { win, seen } = await this.d.requireWindowSeen(this.title, `tab «${name}»`);
    const tab = win.getByRole('tab', { name: exactly(name) });
    const sought = [this.d.sought(`вкладки «${name}» в окне «${this.title}»`, tab)];
    if ((await this.d.guard(() => tab.getAttribute('aria-selected', this.d.wait), `tab «${name}»`, sought)) === 'true') return { win, seen };
    const outcome = await this.d.act(() => tab.click(this.d.wait), { windowShown: this.title }, `tab «${name}» of user #${this.id}`, seen, sought);
    if (outcome.message) await this.d.refusal(`вкладка «${name}» пользователя #${this.id}`, 'Откройте карточку в админ-панели и проверьте её.');
    return { win, seen: outcome };
  }

  /** Ticks or unticks a checkbox of «Основные» like a person (not saved yet). */
  private async tick(label: string, value: boolean): Promise<void> {
    const { win } = await this.tab(this.d.t.tabMain);
    const box = win.getByRole('checkbox', { name: label }).filter({ visible: true }).first();
    await this.d.guard(() => box.setChecked(value, this.d.wait), `ticking «${label}»`, [this.d.sought(`отметки «${label}» в окне «${this.title}»`, box)]);
    const now = await readCheckbox(this.d.page, this.title, label);
    if (now !== value) throw new SystemError(`admin panel: «${label}» did not become ${value ? 'ticked' : 'unticked'}`);
  }
}
