// The registry app's pages (/registry/): login, the application form and its rules, search, the
// view page's actions, editing, printing, the list and the JSON for robots.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_TEXTS as T } from '../../../src/stand/settings.js';
import { checkBirthSeries, reachedAge } from '../../../src/stand/registry/validation.js';
import {
  Browser,
  button,
  consents,
  dataOf,
  definitions,
  fieldError,
  fieldErrors,
  labels,
  startRegistryStand,
  statusLine,
  validForm,
  type RegistryStand,
} from './registry-harness.js';

let stand: RegistryStand;
let org: Browser;

beforeEach(async () => {
  stand = await startRegistryStand();
  org = new Browser(stand.app);
});
afterEach(async () => {
  await stand.close();
});

const apps = () => stand.ctx.state.applications;

async function signedIn(): Promise<Browser> {
  expect((await org.login()).status).toBe(303);
  return org;
}

/** Creates an application through the form; returns the created page's numbers. */
async function create(over: Record<string, string | undefined> = {}) {
  const r = await org.post('/registry/applications', validForm(over));
  expect(r.status, statusLine(r.text).text + JSON.stringify(fieldErrors(r.text))).toBe(200);
  const d = dataOf(r.text, 'created');
  return { id: d['application-id']!, number: d.number!, certificate: d['certificate-number']!, page: r };
}

describe('login', () => {
  it('sends a visitor without a session to the login page, then back where they were going', async () => {
    const r = await org.get('/registry/applications/new');
    expect(r.status).toBe(302);
    expect(r.location).toBe('/registry/login?next=%2Fregistry%2Fapplications%2Fnew');
    const page = await org.get(r.location!);
    expect(page.status).toBe(200);
    expect(labels(page.text)).toEqual([
      ['login', 'Логин'],
      ['password', 'Пароль'],
    ]);
    expect(button(page.text, 'login-submit').text).toBe('Войти');
    expect(page.text).toContain('<input type="hidden" name="next" value="/registry/applications/new">');
    const login = await org.post('/registry/login', { login: 'org@stand.local', password: 'stand-org', next: '/registry/applications/new' });
    expect(login.status).toBe(303);
    expect(login.location).toBe('/registry/applications/new');
    expect(login.setCookie[0]).toMatch(/^registry_session=[^;]+; Path=\/registry; HttpOnly; SameSite=Lax$/);
    expect((await org.get('/registry/applications/new')).status).toBe(200);
  });

  it('refuses a wrong password or an empty form with a message, and opens no session', async () => {
    const wrong = await org.login('org@stand.local', 'nope');
    expect(wrong.status).toBe(403);
    expect(statusLine(wrong.text)).toEqual({ text: T.loginFailed, outcome: 'error' });
    expect(wrong.text).toContain('value="org@stand.local"');
    const empty = await org.post('/registry/login', { login: '', password: '' });
    expect(empty.status).toBe(400);
    expect(statusLine(empty.text).text).toBe(T.loginRequired);
    expect(org.cookies.size).toBe(0);
    expect((await org.get('/registry/applications')).status).toBe(302);
  });

  it('does not follow a next that leaves the registry app', async () => {
    const r = await org.post('/registry/login', { login: 'org@stand.local', password: 'stand-org', next: 'https://evil.example/' });
    expect(r.location).toBe('/registry/');
    const slashes = await new Browser(stand.app).post('/registry/login', { login: 'org@stand.local', password: 'stand-org', next: '//evil.example/registry/' });
    expect(slashes.location).toBe('/registry/');
  });

  it('takes the account from the settings', async () => {
    const other = await startRegistryStand({ registryLogin: 'school@region.ru', registryPassword: 'pa55' });
    try {
      const b = new Browser(other.app);
      expect((await b.login()).status).toBe(403);
      expect((await b.login('SCHOOL@region.ru', 'pa55')).status).toBe(303);
    } finally {
      await other.close();
    }
  });

  it('an expired session goes back to the login with ?next= and a notice; an action without a session changes nothing', async () => {
    await signedIn();
    const { id } = await create();
    await stand.app.inject({ method: 'POST', url: '/__stand/expire-sessions', payload: { kind: 'registry' } });
    const r = await org.get(`/registry/applications/${id}?from=search`);
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/registry/login?next=${encodeURIComponent(`/registry/applications/${id}?from=search`)}&expired=1`);
    const notice = await org.get(r.location!);
    expect(notice.text).toContain(`<p class="form-status is-error" role="alert" id="login-notice">${T.sessionExpired}</p>`);
    const post = await org.post(`/registry/applications/${id}/confirm`);
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/registry/login?next=${encodeURIComponent(`/registry/applications/${id}`)}&expired=1`);
    expect(apps()[0]!.pdConfirmed).toBe(false);
  });

  it('a session lifetime of 0 (settings) expires the live session', async () => {
    await signedIn();
    expect((await org.get('/registry/applications')).status).toBe(200);
    await stand.app.inject({ method: 'POST', url: '/__stand/settings', payload: { registrySessionTtlSec: 0 } });
    expect((await org.get('/registry/applications')).status).toBe(302);
  });

  it('keeps its own session: the public site’s session does not open it, and its own does not open the cabinet', async () => {
    const parent = new Browser(stand.app);
    const reg = await parent.postJson('/api/site/register', {
      municipality: 'г. Блестящий',
      lastName: 'Без',
      firstName: 'Внесения',
      phone: '+7 (111) 111-11-11',
      email: 'robot+r1@school.ru',
      password: 'secret-1',
      consent: true,
    });
    expect(reg.status).toBe(200);
    expect([...parent.cookies.keys()]).toEqual(['navigator_session']);
    expect((await parent.get('/registry/applications')).status).toBe(302);
    await signedIn();
    expect([...org.cookies.keys()]).toEqual(['registry_session']);
    expect((await org.get('/cabinet')).status).toBe(302);
    expect((await org.get('/api/site/me')).status).toBe(401);
  });

  it('«Выход» ends the session', async () => {
    await signedIn();
    const out = await org.post('/registry/logout');
    expect(out.status).toBe(303);
    expect(out.location).toBe('/registry/login');
    expect(org.cookies.size).toBe(0);
    expect(stand.ctx.state.sessions.size).toBe(0);
  });

  it('the JSON answers 401 without a session', async () => {
    const r = await org.get('/registry/api/applications');
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ success: false, err_code: 401, message: T.sessionExpired });
  });
});

describe('«Создать заявку»', () => {
  beforeEach(signedIn);

  it('shows the menu and the form: child, document, the «Получить сертификат» link, then the applicant part with the pop-up', async () => {
    const page = await org.get('/registry/applications/new');
    expect(page.status).toBe(200);
    for (const [id, text] of [
      ['menu-create', 'Создать заявку'],
      ['menu-search', 'Поиск заявки'],
      ['menu-list', 'Заявки'],
    ]) {
      expect(page.text).toContain(`id="${id}"`);
      expect(page.text).toMatch(new RegExp(`id="${id}"[^>]*>${text}<`));
    }
    expect(labels(page.text).filter(([id]) => !id.startsWith('municipality-choice-'))).toEqual([
      ['childLastName', 'Фамилия ребенка'],
      ['childFirstName', 'Имя ребенка'],
      ['childPatronymic', 'Отчество ребенка'],
      ['birthDate', 'Дата рождения'],
      ['sex', 'Пол'],
      ['documentType', 'Тип документа'],
      ['documentSeries', 'Серия'],
      ['documentNumber', 'Номер'],
      ['over14', 'Ребенок старше 14 лет и подает заявление самостоятельно'],
      ['applicantLastName', 'Фамилия заявителя'],
      ['applicantFirstName', 'Имя заявителя'],
      ['applicantPatronymic', 'Отчество заявителя'],
      ['phone', 'Телефон'],
      ['email', 'Адрес электронной почты'],
      ['municipality-display', 'Муниципалитет'],
    ]);
    expect(page.text).toContain(
      '<select id="documentType" name="documentType" aria-describedby="documentType-error"><option value=""></option><option value="birth-certificate">Свидетельство о рождении</option><option value="passport">Паспорт РФ</option><option value="other">Иной документ</option></select>',
    );
    expect(page.text).toMatch(/<a href="#certificate-section" id="get-certificate"[^>]*aria-expanded="false">Получить сертификат<\/a>/);
    expect(page.text).toContain('<fieldset id="certificate-section" hidden>');
    // «Отправить» is behind the link.
    expect(page.text.indexOf('id="send"')).toBeGreaterThan(page.text.indexOf('<fieldset id="certificate-section" hidden>'));
    expect(page.text).toContain('<input type="hidden" id="municipality" name="municipality" value="">');
    expect(button(page.text, 'choose-municipality').text).toBe('Выбрать муниципалитет');
    expect(page.text).toContain('<dialog id="municipality-dialog" aria-labelledby="municipality-dialog-title">');
    expect(page.text).toContain('<h2 id="municipality-dialog-title">Выбор муниципалитета</h2>');
    const radios = labels(page.text).filter(([id]) => id.startsWith('municipality-choice-'));
    expect(radios.map(([, name]) => name)).toEqual([...stand.ctx.settings.municipalities]);
    expect(button(page.text, 'municipality-choose').text).toBe('Выбрать');
  });

  it('a parent applies: the answer names the application and the ten-digit certificate; the state keeps every field', async () => {
    const { id, number, certificate, page } = await create();
    expect(number).toBe('З-000123');
    expect(certificate).toMatch(/^\d{10}$/);
    expect(certificate).toBe('5500000001');
    expect(page.text).toContain('<dd id="application-number">З-000123</dd>');
    expect(page.text).toContain('<dd id="certificate-number">5500000001</dd>');
    expect(statusLine(page.text)).toEqual({ text: 'Заявка № З-000123 отправлена. Ребенку присвоен сертификат № 5500000001', outcome: 'ok' });
    expect(id).toBe('1');
    expect(stand.ctx.state.dump().applications).toEqual([
      {
        id: 1,
        number: 'З-000123',
        certificateNumber: '5500000001',
        child: {
          lastName: 'Иванов',
          firstName: 'Пётр',
          patronymic: 'Сергеевич',
          birthDate: '2015-05-20',
          sex: 'male',
          documentType: 'birth-certificate',
          documentSeries: 'IV-КН',
          documentNumber: '123456',
        },
        over14: false,
        applicant: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна', phone: '79991234567', email: 'ivanova@mail.ru' },
        municipality: 'г. Северный',
        pdConfirmed: false,
        documentsReceived: false,
        refused: false,
        refuseReason: null,
      },
    ]);
    const second = await create({ documentNumber: '654321' });
    expect([second.number, second.certificate]).toEqual(['З-000124', '5500000002']);
  });

  it('a child over 14 applies alone: the applicant’s name is the child’s, phone and e-mail are the ones entered', async () => {
    const { id } = await create({
      birthDate: '2010-01-15',
      over14: 'on',
      documentType: 'passport',
      documentSeries: '45 05',
      documentNumber: '123456',
      applicantLastName: 'Другая',
      applicantFirstName: 'Фамилия',
      applicantPatronymic: undefined,
      phone: '89161234567',
      email: 'petr@mail.ru',
    });
    const a = stand.ctx.state.application(id)!;
    expect(a.over14).toBe(true);
    expect(a.applicant).toEqual({ lastName: 'Иванов', firstName: 'Пётр', patronymic: 'Сергеевич', phone: '79161234567', email: 'petr@mail.ru' });
    expect(a.child).toMatchObject({ documentType: 'passport', documentSeries: '4505', documentNumber: '123456' });
  });

  it('over 14 needs no applicant name fields at all', async () => {
    const { id } = await create({ birthDate: '2010-01-15', over14: 'on', applicantLastName: undefined, applicantFirstName: undefined, applicantPatronymic: undefined });
    expect(stand.ctx.state.application(id)!.applicant.lastName).toBe('Иванов');
  });

  it('the over-14 checkbox is refused for a child not yet 14 on the day of sending; on the 14th birthday it is accepted', async () => {
    // The stand's day is 1 March 2025.
    const young = await org.post('/registry/applications', validForm({ birthDate: '2011-03-02', over14: 'on' }));
    expect(young.status).toBe(400);
    expect(fieldError(young.text, 'over14')).toBe('Ребенку нет 14 лет: заявление подает родитель или законный представитель');
    expect(apps()).toHaveLength(0);
    await create({ birthDate: '2011-03-01', over14: 'on' });
    expect(apps()[0]!.over14).toBe(true);
  });

  it('the over-14 age and its rule are settings', async () => {
    await stand.app.inject({ method: 'POST', url: '/__stand/settings', payload: { registryRules: { over14NeedsAge: false } } });
    await create({ birthDate: '2018-01-01', over14: 'on' });
    expect(apps()[0]!.over14).toBe(true);
    const sixteen = await startRegistryStand({ registryFormat: { over14Age: 16 } });
    try {
      const b = new Browser(sixteen.app);
      await b.login();
      const r = await b.post('/registry/applications', validForm({ birthDate: '2010-01-15', over14: 'on' }));
      expect(fieldError(r.text, 'over14')).toBe('Ребенку нет 16 лет: заявление подает родитель или законный представитель');
    } finally {
      await sixteen.close();
    }
  });

  it.each([
    ['no child surname', { childLastName: '' }, 'childLastName', T.required],
    ['no child name', { childFirstName: ' ' }, 'childFirstName', T.required],
    ['digits in the patronymic', { childPatronymic: 'Серг3евич' }, 'childPatronymic', T.nameInvalid],
    ['no birth date', { birthDate: '' }, 'birthDate', T.required],
    ['a birth date in the future', { birthDate: '2025-03-02' }, 'birthDate', T.birthDateFuture],
    ['a birth date that does not exist', { birthDate: '2015-02-30' }, 'birthDate', T.birthDateInvalid],
    ['no sex', { sex: '' }, 'sex', T.sexRequired],
    ['no document type', { documentType: '' }, 'documentType', T.documentTypeRequired],
    ['an unknown document type', { documentType: 'visa' }, 'documentType', T.documentTypeRequired],
    ['no series', { documentSeries: '' }, 'documentSeries', T.required],
    ['Latin letters after the hyphen', { documentSeries: 'IV-KH' }, 'documentSeries', T.birthSeriesLookalike],
    ['a Cyrillic С in the Roman numeral', { documentSeries: 'ХIС-КН' }, 'documentSeries', T.birthSeriesLookalike],
    ['one letter after the hyphen', { documentSeries: 'IV-К' }, 'documentSeries', T.birthSeriesInvalid],
    ['a malformed Roman numeral', { documentSeries: 'IIII-КН' }, 'documentSeries', T.birthSeriesInvalid],
    ['no hyphen', { documentSeries: 'IV КН' }, 'documentSeries', T.birthSeriesInvalid],
    ['Arabic digits for the numeral', { documentSeries: '4-КН' }, 'documentSeries', T.birthSeriesInvalid],
    ['a five-digit certificate number', { documentNumber: '12345' }, 'documentNumber', T.birthNumberInvalid],
    ['letters in the certificate number', { documentNumber: '12345А' }, 'documentNumber', T.birthNumberInvalid],
    ['a two-digit passport series', { documentType: 'passport', documentSeries: '45' }, 'documentSeries', T.passportSeriesInvalid],
    ['a birth certificate series on a passport', { documentType: 'passport', documentSeries: 'IV-КН' }, 'documentSeries', T.passportSeriesInvalid],
    ['a seven-digit passport number', { documentType: 'passport', documentSeries: '4505', documentNumber: '1234567' }, 'documentNumber', T.passportNumberInvalid],
    ['no number of another document', { documentType: 'other', documentSeries: '', documentNumber: '' }, 'documentNumber', T.required],
    ['no applicant surname', { applicantLastName: '' }, 'applicantLastName', T.required],
    ['no applicant name', { applicantFirstName: '' }, 'applicantFirstName', T.required],
    ['no phone', { phone: '' }, 'phone', T.required],
    ['a short phone', { phone: '+7 (999) 123-45' }, 'phone', T.phoneInvalid],
    ['a bad e-mail', { email: 'ivanova@mail' }, 'email', T.emailInvalid],
    ['no e-mail', { email: '' }, 'email', T.required],
    ['no municipality', { municipality: '' }, 'municipality', T.municipalityRequired],
    ['a municipality not in the list', { municipality: 'г. Нигде' }, 'municipality', T.municipalityRequired],
  ])('refuses %s with a message under the field and keeps what was entered', async (_name, over, field, message) => {
    const r = await org.post('/registry/applications', validForm(over));
    expect(r.status).toBe(400);
    expect(fieldErrors(r.text)).toEqual({ [field]: message });
    expect(statusLine(r.text)).toEqual({ text: T.formInvalid, outcome: 'error' });
    expect(r.text).toContain('<fieldset id="certificate-section">');
    const typed = validForm(over);
    expect(r.text).toContain(`id="email" name="email" value="${typed.email}"`);
    expect(r.text).toContain(`id="documentNumber" name="documentNumber" value="${typed.documentNumber}"`);
    expect(apps()).toHaveLength(0);
  });

  it('accepts a lower-case series and another document without a series', async () => {
    const { id } = await create({ documentSeries: 'xiv-ан' });
    expect(stand.ctx.state.application(id)!.child.documentSeries).toBe('XIV-АН');
    const other = await create({ documentType: 'other', documentSeries: '', documentNumber: 'AB 1234' });
    expect(stand.ctx.state.application(other.id)!.child).toMatchObject({ documentType: 'other', documentSeries: '', documentNumber: 'AB 1234' });
  });

  it('with seriesLookalikes: normalize, look-alike letters are replaced instead of refused', async () => {
    const lenient = await startRegistryStand({ registryFormat: { seriesLookalikes: 'normalize' } });
    try {
      const b = new Browser(lenient.app);
      await b.login();
      const r = await b.post('/registry/applications', validForm({ documentSeries: 'ХІV – KH' }));
      expect(r.status).toBe(200);
      expect(lenient.ctx.state.applications[0]!.child.documentSeries).toBe('XIV-КН');
    } finally {
      await lenient.close();
    }
    expect(checkBirthSeries('IV-КН', 'refuse')).toEqual({ ok: true, value: 'IV-КН' });
    expect(checkBirthSeries('IV-QZ', 'normalize')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('counts full years, a 29 February child turning 14 on 1 March', () => {
    expect(reachedAge('2012-02-29', 14, '2026-02-28')).toBe(false);
    expect(reachedAge('2012-02-29', 14, '2026-03-01')).toBe(true);
    expect(reachedAge('2011-03-01', 14, '2025-03-01')).toBe(true);
  });

  it('a second application for the same document is refused with the first one’s number', async () => {
    await create();
    const again = await org.post('/registry/applications', validForm({ childFirstName: 'Другой', documentSeries: 'iv-кн' }));
    expect(again.status).toBe(409);
    expect(statusLine(again.text)).toEqual({ text: 'Заявка на этот документ уже подана: заявка № З-000123', outcome: 'error' });
    expect(fieldError(again.text, 'documentNumber')).toBe('Заявка на этот документ уже подана: заявка № З-000123');
    expect(apps()).toHaveLength(1);
    // Another type with the same series and number is another document.
    await create({ documentType: 'other', documentSeries: 'IV-КН' });
    expect(apps()).toHaveLength(2);
  });

  it('the duplicate rule is a setting', async () => {
    await create();
    await stand.app.inject({ method: 'POST', url: '/__stand/settings', payload: { registryRules: { duplicateDocument: false } } });
    await create();
    expect(apps().map((a) => a.number)).toEqual(['З-000123', 'З-000124']);
  });

  it('without the «Получить сертификат» step and the pop-up (settings), the whole form is open with a plain list', async () => {
    const plain = await startRegistryStand({ registryFormat: { certificateLinkStep: false, municipalityPopup: false, otherDocument: false } });
    try {
      const b = new Browser(plain.app);
      await b.login();
      const page = await b.get('/registry/applications/new');
      expect(page.text).not.toContain('id="get-certificate"');
      expect(page.text).toContain('<fieldset id="certificate-section">');
      expect(page.text).not.toContain('<dialog id="municipality-dialog"');
      expect(page.text).toContain('<select id="municipality" name="municipality"');
      expect(page.text).not.toContain('Иной документ');
      expect((await b.post('/registry/applications', validForm({ documentType: 'other' }))).status).toBe(400);
      expect((await b.post('/registry/applications', validForm())).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('numbers follow the format settings', async () => {
    const other = await startRegistryStand({ regionCode: '72', registryFormat: { applicationPrefix: '', applicationDigits: 8, firstApplication: 5, certificateDigits: 10, firstCertificate: 900 } });
    try {
      const b = new Browser(other.app);
      await b.login();
      await b.post('/registry/applications', validForm());
      expect(other.ctx.state.applications.map((a) => [a.number, a.certificateNumber])).toEqual([['00000005', '7200000900']]);
    } finally {
      await other.close();
    }
  });
});

describe('«Поиск заявки» and the view page', () => {
  beforeEach(signedIn);

  it('finds an application only when both numbers match', async () => {
    const first = await create();
    const second = await create({ documentNumber: '222222' });
    const page = await org.get('/registry/search');
    expect(labels(page.text)).toEqual([
      ['search-number', 'Номер заявки'],
      ['search-certificate', 'Номер сертификата'],
    ]);
    expect(page.text).toContain('name="number"');
    expect(page.text).toContain('name="certificate"');
    expect(button(page.text, 'search-submit').text).toBe('Поиск');

    const found = await org.post('/registry/search', { number: ` ${second.number} `, certificate: second.certificate });
    expect(found.status).toBe(303);
    expect(found.location).toBe(`/registry/applications/${second.id}`);
    expect((await org.post('/registry/search', { number: 'з-000123', certificate: first.certificate })).location).toBe(`/registry/applications/${first.id}`);

    for (const [number, certificate] of [
      [first.number, second.certificate],
      [second.number, first.certificate],
      [first.certificate, first.number],
      ['З-000999', first.certificate],
    ]) {
      const miss = await org.post('/registry/search', { number, certificate });
      expect(miss.status).toBe(404);
      expect(statusLine(miss.text)).toEqual({ text: 'Заявка не найдена', outcome: 'error' });
      expect(miss.text).toContain(`value="${number}"`);
    }
    const empty = await org.post('/registry/search', { number: '', certificate: '' });
    expect(empty.status).toBe(400);
    expect(fieldErrors(empty.text)).toEqual({ 'search-number': T.searchNumberRequired, 'search-certificate': T.searchCertificateRequired });
  });

  it('shows every field as a labelled value, the status, the buttons and the record', async () => {
    const { id } = await create();
    const page = await org.get(`/registry/applications/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Заявка № З-000123</h1>');
    expect(dataOf(page.text, 'application')).toEqual({
      'application-id': id,
      number: 'З-000123',
      'certificate-number': '5500000001',
      status: 'new',
      'pd-confirmed': 'false',
      'documents-received': 'false',
      refused: 'false',
    });
    expect(page.text).toContain('<strong id="application-status" data-status="new">Новая</strong>');
    expect(definitions(page.text)).toEqual([
      ['Номер заявки', 'number', 'З-000123'],
      ['Номер сертификата', 'certificateNumber', '5500000001'],
      ['Фамилия ребенка', 'child.lastName', 'Иванов'],
      ['Имя ребенка', 'child.firstName', 'Пётр'],
      ['Отчество ребенка', 'child.patronymic', 'Сергеевич'],
      ['Дата рождения', 'child.birthDate', '20.05.2015'],
      ['Пол', 'child.sex', 'Мужской'],
      ['Тип документа', 'child.documentType', 'Свидетельство о рождении'],
      ['Серия', 'child.documentSeries', 'IV-КН'],
      ['Номер', 'child.documentNumber', '123456'],
      ['Ребенок старше 14 лет, подает заявление самостоятельно', 'over14', 'Нет'],
      ['Фамилия заявителя', 'applicant.lastName', 'Иванова'],
      ['Имя заявителя', 'applicant.firstName', 'Мария'],
      ['Отчество заявителя', 'applicant.patronymic', 'Петровна'],
      ['Телефон', 'applicant.phone', '+7 (999) 123-45-67'],
      ['Адрес электронной почты', 'applicant.email', 'ivanova@mail.ru'],
      ['Муниципалитет', 'municipality', 'г. Северный'],
      ['Персональные данные подтверждены', 'pdConfirmed', 'Нет'],
      ['Документы получены', 'documentsReceived', 'Нет'],
    ]);
    expect(['back', 'confirm-pd', 'documents-received', 'refuse', 'edit', 'print'].map((b) => button(page.text, b).text)).toEqual([
      'Назад',
      'Подтвердить персональные данные',
      'Документы получены',
      'Отказать',
      'Редактировать',
      'Распечатать заявление',
    ]);
    expect(button(page.text, 'confirm-pd').disabled).toBe(false);
    expect(button(page.text, 'documents-received')).toMatchObject({ disabled: true, title: T.receivedNeedsConfirmed });
    const record = JSON.parse(/<script type="application\/json" id="application-record">([^<]*)<\/script>/.exec(page.text)![1]!);
    expect(record).toEqual({ ...stand.ctx.state.dump().applications[0], status: 'new' });
    // «Назад» returns to the search with both numbers filled in.
    expect(page.text).toMatch(/<form method="get" action="\/registry\/search"><input type="hidden" name="number" value="З-000123"><input type="hidden" name="certificate" value="5500000001"><button[^>]*id="back"/);
    const back = await org.get(`/registry/search?number=${encodeURIComponent('З-000123')}&certificate=5500000001`);
    expect(back.text).toContain('value="З-000123"');
    expect(back.text).toContain('value="5500000001"');
    expect((await org.get('/registry/applications/99')).status).toBe(404);
  });

  it('«Документы получены» only after «Подтвердить персональные данные»; pressing again changes nothing', async () => {
    const { id } = await create();
    const early = await org.post(`/registry/applications/${id}/received`);
    expect(early.status).toBe(409);
    expect(statusLine(early.text)).toEqual({ text: 'Сначала подтвердите персональные данные', outcome: 'error' });
    expect(apps()[0]).toMatchObject({ pdConfirmed: false, documentsReceived: false });

    const confirmed = await org.post(`/registry/applications/${id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(statusLine(confirmed.text)).toEqual({ text: 'Персональные данные подтверждены', outcome: 'ok' });
    expect(dataOf(confirmed.text, 'application')).toMatchObject({ status: 'confirmed', 'pd-confirmed': 'true', 'documents-received': 'false' });
    expect(button(confirmed.text, 'confirm-pd')).toMatchObject({ disabled: true, title: T.alreadyConfirmed });
    expect(button(confirmed.text, 'documents-received').disabled).toBe(false);
    const again = await org.post(`/registry/applications/${id}/confirm`);
    expect([again.status, statusLine(again.text).text]).toEqual([200, T.alreadyConfirmed]);

    const received = await org.post(`/registry/applications/${id}/received`);
    expect(received.status).toBe(200);
    expect(statusLine(received.text)).toEqual({ text: 'Получение документов подтверждено', outcome: 'ok' });
    expect(dataOf(received.text, 'application')).toMatchObject({ status: 'received', 'documents-received': 'true' });
    expect(received.text).toContain('<strong id="application-status" data-status="received">Документы получены</strong>');
    expect(apps()[0]).toMatchObject({ pdConfirmed: true, documentsReceived: true });
    expect(statusLine((await org.post(`/registry/applications/${id}/received`)).text).text).toBe(T.alreadyReceived);
  });

  it('the order rule is a setting', async () => {
    const { id } = await create();
    await stand.app.inject({ method: 'POST', url: '/__stand/settings', payload: { registryRules: { receivedNeedsConfirmed: false } } });
    expect((await org.post(`/registry/applications/${id}/received`)).status).toBe(200);
    expect(apps()[0]).toMatchObject({ pdConfirmed: false, documentsReceived: true });
  });

  it('«Отказать» needs a reason; a refused application cannot be confirmed, received, edited or refused again', async () => {
    const { id } = await create();
    const page = await org.get(`/registry/applications/${id}`);
    expect(page.text).toContain('<dialog id="refuse-dialog" aria-labelledby="refuse-dialog-title">');
    expect(page.text).toContain(`<form method="post" action="/registry/applications/${id}/refuse" id="refuse-form"`);
    expect(labels(page.text)).toContainEqual(['refuse-reason', 'Причина отказа']);
    expect(button(page.text, 'refuse-submit').text).toBe('Отказать');

    const blank = await org.post(`/registry/applications/${id}/refuse`, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(fieldError(blank.text, 'refuse-reason')).toBe('Укажите причину отказа');
    expect(blank.text).toContain('<dialog id="refuse-dialog" aria-labelledby="refuse-dialog-title" data-open-on-load>');
    expect(apps()[0]!.refused).toBe(false);

    const refused = await org.post(`/registry/applications/${id}/refuse`, { reason: 'Серия свидетельства не совпадает с документом' });
    expect(refused.status).toBe(200);
    expect(statusLine(refused.text)).toEqual({ text: 'В активации отказано. Причина: Серия свидетельства не совпадает с документом', outcome: 'ok' });
    expect(dataOf(refused.text, 'application')).toMatchObject({ status: 'refused', refused: 'true' });
    expect(refused.text).toContain('<dt>Причина отказа</dt><dd data-field="refuseReason">Серия свидетельства не совпадает с документом</dd>');
    for (const b of ['confirm-pd', 'documents-received', 'refuse', 'edit']) expect(button(refused.text, b).disabled).toBe(true);
    expect(button(refused.text, 'print').disabled).toBe(false);

    const confirm = await org.post(`/registry/applications/${id}/confirm`);
    expect(confirm.status).toBe(409);
    expect(statusLine(confirm.text).text).toBe('По заявке оформлен отказ: подтверждение невозможно');
    expect((await org.post(`/registry/applications/${id}/received`)).status).toBe(409);
    expect((await org.get(`/registry/applications/${id}/edit`)).status).toBe(409);
    expect((await org.post(`/registry/applications/${id}/edit`, { ...validForm(), ...consents() })).status).toBe(409);
    const twice = await org.post(`/registry/applications/${id}/refuse`, { reason: 'другая причина' });
    expect([twice.status, statusLine(twice.text).text]).toEqual([409, T.alreadyRefused]);
    expect(apps()[0]).toMatchObject({ refused: true, refuseReason: 'Серия свидетельства не совпадает с документом', pdConfirmed: false, documentsReceived: false });
  });

  it('refusal rules are settings: without them a refused application can be confirmed, and a reason is optional', async () => {
    const { id } = await create();
    await stand.app.inject({ method: 'POST', url: '/__stand/settings', payload: { registryRules: { refusedIsFinal: false, refuseNeedsReason: false } } });
    expect((await org.post(`/registry/applications/${id}/refuse`, { reason: '' })).status).toBe(200);
    expect((await org.post(`/registry/applications/${id}/confirm`)).status).toBe(200);
    expect(apps()[0]).toMatchObject({ refused: true, refuseReason: '', pdConfirmed: true });
  });

  it('after «Документы получены» the application is accepted: no refusal, no editing', async () => {
    const { id } = await create();
    await org.post(`/registry/applications/${id}/confirm`);
    await org.post(`/registry/applications/${id}/received`);
    const refuse = await org.post(`/registry/applications/${id}/refuse`, { reason: 'поздно' });
    expect([refuse.status, statusLine(refuse.text).text]).toEqual([409, T.lockedAfterReceived]);
    expect((await org.get(`/registry/applications/${id}/edit`)).status).toBe(409);
    expect(apps()[0]!.refused).toBe(false);
  });
});

describe('«Редактировать» and «Распечатать заявление»', () => {
  beforeEach(signedIn);

  it('the edit form is filled in, asks for every consent, and saves the corrections', async () => {
    const { id } = await create();
    const form = await org.get(`/registry/applications/${id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<h1>Редактирование заявки № З-000123</h1>');
    expect(form.text).toContain(`action="/registry/applications/${id}/edit"`);
    expect(form.text).not.toContain('id="get-certificate"');
    expect(form.text).toContain('<input type="text" id="documentSeries" name="documentSeries" value="IV-КН"');
    expect(form.text).toContain('<input type="tel" id="phone" name="phone" value="+7 (999) 123-45-67"');
    expect(form.text).toContain('<option value="male" selected>Мужской</option>');
    expect(form.text).toContain('<input type="radio" id="municipality-choice-1" name="municipality-choice" value="г. Северный" checked>');
    const consentLabels = labels(form.text).filter(([fid]) => fid.startsWith('consent'));
    expect(consentLabels).toEqual(T.consents.map((text, i) => [`consent${i}`, text]));
    expect(form.text.match(/data-consent/g)).toHaveLength(3);
    expect(button(form.text, 'send').text).toBe('Отправить');

    const noConsent = await org.post(`/registry/applications/${id}/edit`, validForm({ documentSeries: 'V-КН', consent0: 'on' }));
    expect(noConsent.status).toBe(400);
    expect(fieldErrors(noConsent.text)).toEqual({ consent1: T.consentRequired, consent2: T.consentRequired });
    expect(apps()[0]!.child.documentSeries).toBe('IV-КН');

    const saved = await org.post(`/registry/applications/${id}/edit`, { ...validForm({ documentSeries: 'V-КН', email: 'new@mail.ru' }), ...consents() });
    expect(saved.status).toBe(200);
    expect(statusLine(saved.text)).toEqual({ text: T.saved, outcome: 'ok' });
    expect(definitions(saved.text)).toContainEqual(['Серия', 'child.documentSeries', 'V-КН']);
    expect(apps()[0]).toMatchObject({ number: 'З-000123', certificateNumber: '5500000001', child: { documentSeries: 'V-КН' }, applicant: { email: 'new@mail.ru' }, consents: true });
  });

  it('the edit form validates as the create form does', async () => {
    const { id } = await create();
    const r = await org.post(`/registry/applications/${id}/edit`, { ...validForm({ documentSeries: 'IV-KH', birthDate: '2030-01-01' }), ...consents() });
    expect(r.status).toBe(400);
    expect(fieldErrors(r.text)).toEqual({ documentSeries: T.birthSeriesLookalike, birthDate: T.birthDateFuture });
  });

  it('changing the child’s data clears the confirmation; changing only the applicant keeps it', async () => {
    const { id } = await create();
    await org.post(`/registry/applications/${id}/confirm`);
    const applicantOnly = await org.post(`/registry/applications/${id}/edit`, { ...validForm({ phone: '+7 (999) 000-00-00' }), ...consents() });
    expect(statusLine(applicantOnly.text).text).toBe(T.saved);
    expect(apps()[0]!.pdConfirmed).toBe(true);
    const child = await org.post(`/registry/applications/${id}/edit`, { ...validForm({ childFirstName: 'Павел' }), ...consents() });
    expect(statusLine(child.text).text).toBe(T.savedNeedsConfirmation);
    expect(dataOf(child.text, 'application')).toMatchObject({ status: 'new', 'pd-confirmed': 'false' });
  });

  it('editing onto another application’s document is refused with its number', async () => {
    await create();
    const { id } = await create({ documentNumber: '222222' });
    const r = await org.post(`/registry/applications/${id}/edit`, { ...validForm(), ...consents() });
    expect(r.status).toBe(409);
    expect(statusLine(r.text).text).toBe('Заявка на этот документ уже подана: заявка № З-000123');
    // Saving an application's own document again is not a duplicate.
    expect((await org.post(`/registry/applications/${id}/edit`, { ...validForm({ documentNumber: '222222' }), ...consents() })).status).toBe(200);
  });

  it('prints the application on its own page, ready for page.pdf()', async () => {
    const { id } = await create();
    const before = await org.get(`/registry/applications/${id}/print`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('@page{size:A4');
    expect(before.text).toContain('<h1>ЗАЯВЛЕНИЕ о предоставлении сертификата дополнительного образования</h1>');
    expect(before.text).toContain('<strong id="print-number">З-000123</strong>');
    expect(before.text).toContain('<strong id="print-certificate">5500000001</strong>');
    for (const value of ['Иванов', 'Пётр', '20.05.2015', 'Свидетельство о рождении', 'IV-КН', '123456', 'Иванова', '+7 (999) 123-45-67', 'г. Северный']) {
      expect(before.text).toContain(`>${value}<`);
    }
    expect(before.text).toContain('Дата: 01.03.2025');
    expect(before.text).toContain('Подпись заявителя: ______________ / Иванова М. П. /');
    expect(before.text).toContain(`☐ ${T.consents[0]}`);
    expect(before.text).not.toContain('id="menu-create"');
    await org.post(`/registry/applications/${id}/edit`, { ...validForm(), ...consents() });
    expect((await org.get(`/registry/applications/${id}/print`)).text).toContain(`☑ ${T.consents[0]}`);
    expect((await org.get('/registry/applications/42/print')).status).toBe(404);
  });
});

describe('«Заявки» and the JSON', () => {
  beforeEach(signedIn);

  it('lists the organisation’s applications and searches them by the child’s surname, name and birth date', async () => {
    await create();
    await create({ childLastName: 'Семёнова', childFirstName: 'Алёна', childPatronymic: '', sex: 'female', birthDate: '2016-07-01', documentNumber: '222222' });
    await create({ childLastName: 'Семенова', childFirstName: 'Ольга', sex: 'female', birthDate: '2014-02-03', documentNumber: '333333' });
    const numbers = (html: string) => [...html.matchAll(/<tr data-application-id="\d+" data-number="([^"]+)"/g)].map((m) => m[1]);
    const all = await org.get('/registry/applications');
    expect(all.status).toBe(200);
    expect(numbers(all.text)).toEqual(['З-000123', 'З-000124', 'З-000125']);
    expect(labels(all.text)).toEqual([
      ['filter-lastName', 'Фамилия ребенка'],
      ['filter-firstName', 'Имя ребенка'],
      ['filter-birthDate', 'Дата рождения'],
    ]);
    expect(all.text).toMatch(/<th>Номер заявки<\/th><th>Номер сертификата<\/th><th>ФИО ребенка<\/th><th>Дата рождения<\/th><th>Документ<\/th><th>Муниципалитет<\/th><th>Статус<\/th>/);
    expect(all.text).toContain('<td>Семёнова Алёна</td><td>01.07.2016</td><td>Свидетельство о рождении IV-КН № 222222</td>');
    const q = (p: Record<string, string>) => org.get(`/registry/applications?${new URLSearchParams(p)}`);
    expect(numbers((await q({ lastName: 'семенова' })).text)).toEqual(['З-000124', 'З-000125']);
    expect(numbers((await q({ lastName: 'Семенова', firstName: 'АЛЕНА' })).text)).toEqual(['З-000124']);
    expect(numbers((await q({ birthDate: '2014-02-03' })).text)).toEqual(['З-000125']);
    expect(numbers((await q({ lastName: 'Семенова', birthDate: '03.02.2014' })).text)).toEqual(['З-000125']);
    const none = await q({ lastName: 'Петров' });
    expect(numbers(none.text)).toEqual([]);
    expect(none.text).toContain('<p class="muted" id="applications-empty">Заявок не найдено</p>');
    expect(numbers((await q({ birthDate: 'вчера' })).text)).toEqual([]);
  });

  it('answers the record as JSON, found by both numbers or by id', async () => {
    const { id, number, certificate } = await create();
    await create({ documentNumber: '222222' });
    const found = await org.get(`/registry/api/applications?number=${encodeURIComponent(number)}&certificate=${certificate}`);
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ data: [{ ...stand.ctx.state.dump().applications[0], status: 'new' }], err_code: null, success: true, total: 1 });
    expect((await org.get(`/registry/api/applications?number=${encodeURIComponent(number)}&certificate=5500000002`)).json.total).toBe(0);
    expect((await org.get('/registry/api/applications')).json.total).toBe(2);
    expect((await org.get(`/registry/api/applications/${id}`)).json.data).toMatchObject({ number, certificateNumber: certificate, status: 'new' });
    expect((await org.get('/registry/api/applications/77')).status).toBe(404);
  });
});
