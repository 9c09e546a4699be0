// The admin panel's sections of the region profile (NAVBOT_PROFILE): the texts it shows, where the
// robot reads the records behind them, and how the panel is built. Declared by the target, composed
// into config's profileSchema through ../target-profiles.ts. Plain data (zod schemas with the
// training stand's defaults) that imports nothing of navbot, so config never pulls in a page
// object. The JSON keys are the profile file's format (regions' files, doctor's
// profile.suggested.json): never rename them.
import { z } from 'zod';

const adminTexts = z.object({
  loginEmail: z.string().default('E-mail'),
  loginPassword: z.string().default('Пароль'),
  loginButton: z.string().default('ВОЙТИ'),
  menuSiteUsers: z.string().default('Пользователи сайта'),
  userWindowTitle: z.string().default('#{id} клиент'),
  tabMain: z.string().default('Основные'),
  tabChildren: z.string().default('Дети'),
  lastName: z.string().default('Фамилия'),
  firstName: z.string().default('Имя'),
  patronymic: z.string().default('Отчество'),
  email: z.string().default('Email'),
  resident: z.string().default('Резидент РФ'),
  save: z.string().default('Сохранить'),
  close: z.string().default('Закрыть'),
  childName: z.string().default('ФИО ребенка'),
  childWindowTitle: z.string().default('Редактирование ребенка'),
  confirmation: z.string().default('Подтверждение'),
  confirm: z.string().default('Подтвердить'),
  issueCertificate: z.string().default('Выдать сертификат'),
  yes: z.string().default('Да'),
  no: z.string().default('Нет'),
  certificateWindowTitle: z.string().default('Новый сертификат'),
  certificateType: z.string().default('Тип сертификата'),
  accountingCertificate: z.string().default('Сертификат учета'),
  certificates: z.string().default('Сертификаты'),
  search: z.string().default('Поиск'),
  // Grids, the child card and message boxes (read by the admin page objects).
  columnId: z.string().default('ID'),
  columnFullName: z.string().default('ФИО'),
  verified: z.string().default('Проверен'),
  childDeleted: z.string().default('Удален?'),
  childBirthDateColumn: z.string().default('Дата рождения'),
  childBirthDate: z.string().default('Дата рождения'),
  childSex: z.string().default('Пол'),
  male: z.string().default('Мужской'),
  female: z.string().default('Женский'),
  confirmationStatus: z.string().default('Статус'),
  /** In «Подтверждение», who confirmed (the memo: ID, Пользователь, Email, Учреждение, Телефон). */
  confirmedByUser: z.string().default('Пользователь'),
  confirmed: z.string().default('Подтвержден'),
  notConfirmed: z.string().default('Не подтвержден'),
  certificateTypeColumn: z.string().default('Тип'),
  certificateNumberColumn: z.string().default('Номер'),
  ok: z.string().default('OK'),
  cancel: z.string().default('Отмена'),
});

/**
 * Where the robot reads what decides a step: the fields of the records the panel itself loaded
 * (the Ext record behind a form or a grid row) and its read-only endpoints (called with the
 * panel's own session). Defaults: the vendor's REST names as public sources give them
 * (NAVIGATOR.md, REST API); a region that names them otherwise says so here.
 */
const adminData = z.object({
  /** Fields of a site user's record (the user card's form). */
  userFields: z
    .object({
      /** The user's id in the users list's records (the list's rows are opened by it). */
      id: z.string().default('id'),
      resident: z.string().default('is_resident'),
      verified: z.string().default('is_verified'),
      lastName: z.string().default('last_name'),
      firstName: z.string().default('first_name'),
      patronymic: z.string().default('patro_name'),
      email: z.string().default('email'),
    })
    .prefault({}),
  /** Fields of a child's record (the «Дети» grid rows and the child window's form). */
  kidFields: z
    .object({
      id: z.string().default('id'),
      birthDate: z.string().default('birthday'),
      sex: z.string().default('sex'),
      approved: z.string().default('is_approved'),
      deleted: z.string().default('is_deleted'),
    })
    .prefault({}),
  /** How the records spell the sexes. */
  sexValues: z.object({ male: z.string().default('male'), female: z.string().default('female') }).prefault({}),
  /**
   * Where the accounting certificate's state and number are read (issue 22 §1), in this order:
   * the answer to «Сохранить» of «Новый сертификат» (always); a field of the child window's record
   * (`recordField`, a list of certificates); the «Сертификаты» grid on the child window (`grid`,
   * its texts in adminTexts.certificates / certificateTypeColumn / certificateNumberColumn); the
   * per-event check `POST check.path?eventId=…` (only with an event id); the `GET list.path`
   * (only where the region has one). No read path is assumed that no source shows: a region
   * configures (or `doctor` suggests) what its panel has. `{kid_id}` is replaced in paths.
   * `grid: true` is the training stand's default only: no public source shows such a grid on a
   * real region's child card. Before the first run on a real region, staff run
   * `navbot doctor --sample-certified EMAIL` and take the read path it proposes. With no source at
   * all the run stops before any write (flows/accounting/certificate-preflight.ts).
   */
  certificateRead: z
    .object({
      recordField: z.string().default(''),
      grid: z.boolean().default(true),
      check: z
        .object({ path: z.string().default('/api/pfdod/billing/check/event/certificate/kid/{kid_id}'), eventId: z.string().min(1) })
        .nullable()
        .default(null),
      list: z.object({ path: z.string().min(1) }).nullable().default(null),
    })
    .prefault({}),
  /**
   * Fields of a certificate there: its number, the type's name as the combo shows it, and the
   * flags of a cancelled or deleted certificate (not counted as issued).
   */
  certificateFields: z
    .object({
      number: z.string().default('number'),
      typeName: z.string().default('category_name'),
      cancelled: z.string().default('is_cancelled'),
      deleted: z.string().default('is_deleted'),
    })
    .prefault({}),
  /**
   * The request «Сохранить» of «Новый сертификат» sends (its path, without the query; `{kid_id}`
   * replaced): only its own answer says the certificate was saved — not the panel's other
   * requests after the click. '' (unknown): no answer is taken as the save's; the sources decide.
   */
  certificateSave: z.object({ method: z.string().default('POST'), path: z.string().default('/api/rest/certificate') }).prefault({}),
});

/**
 * How the admin panel is built where regions differ in structure, not in words (issue 22 §2).
 * Defaults: the training stand (a tree menu, the users grid on the page, a «Поиск» field with
 * Enter, Ext message boxes).
 */
const adminStructure = z.object({
  /**
   * How «Пользователи сайта» is reached: 'menu' — an item of the tree or the desktop's start
   * menu by its text (adminTexts.menuSiteUsers); 'route' — the hash route `usersRoute`
   * (e.g. '#siteuser'). `usersInWindow`: the section opens as a window titled by its name.
   */
  usersVia: z.enum(['menu', 'route']).default('menu'),
  usersRoute: z.string().default(''),
  usersInWindow: z.boolean().default(false),
  /**
   * The button that opens the menu holding «Пользователи сайта» (a "Desktop" build's start
   * button, e.g. «Пуск»); '' where the menu is always shown (a tree).
   */
  menuButton: z.string().default(''),
  /**
   * How the users list is searched by e-mail: the field named adminTexts.search, found by its
   * placeholder or its label; the search starts on Enter, or on the button `searchButton`.
   */
  searchBy: z.enum(['placeholder', 'label']).default('placeholder'),
  searchSubmit: z.enum(['enter', 'button']).default('enter'),
  searchButton: z.string().default(''),
  /**
   * How the panel asks «Да»/«Нет» and how it refuses: Ext message boxes, or windows with these
   * titles (a question window has the yes/no buttons; a refusal window its text and «OK»/«Закрыть»).
   */
  questionWindows: z.array(z.string()).default([]),
  refusalWindows: z.array(z.string()).default([]),
  /**
   * Where the child window shows that the child is confirmed, where its form holds no record:
   * 'status' — the «Статус» field in «Подтверждение» («Подтвержден» / «Не подтвержден», whole
   * texts); 'confirmer' — the block shows who confirmed («Пользователь» filled) or «Подтвердить»
   * is disabled (the memo); 'auto' — the status where the card has that field, else the confirmer.
   */
  confirmedShownBy: z.enum(['auto', 'status', 'confirmer']).default('auto'),
});

/** The admin panel's profile sections, each with its defaults. */
export const ADMIN_PROFILE = {
  adminTexts: adminTexts.prefault({}),
  adminData: adminData.prefault({}),
  adminStructure: adminStructure.prefault({}),
};
