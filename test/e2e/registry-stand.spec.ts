// The stand's registry app (/registry/) walked as a person would: log in, create an application
// through the form (the «Получить сертификат» link, the municipality pop-up), find it by both
// numbers, confirm the personal data, receive the documents, print the application to a PDF;
// then refuse another one through the reason dialog.
import { readFileSync, statSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { useStand } from './support/navbot.js';

const stand = useStand();

test('registry: login → create with the pop-up → search → confirm → documents received → print to PDF; refuse with a reason', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Login: no session sends the visitor to the login page, and back afterwards.
  await page.goto(`${stand.url}/registry/applications/new`);
  await expect(page).toHaveURL(/\/registry\/login\?next=/);
  await page.getByLabel('Логин').fill('org@stand.local');
  await page.getByLabel('Пароль').fill('stand-org');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/registry\/applications\/new$/);
  await expect(page.getByRole('heading', { name: 'Создать заявку' })).toBeVisible();

  // The child and the document.
  await page.getByLabel('Фамилия ребенка').fill('Иванов');
  await page.getByLabel('Имя ребенка').fill('Пётр');
  await page.getByLabel('Отчество ребенка').fill('Сергеевич');
  await page.getByLabel('Дата рождения').fill('2015-05-20');
  await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'Мужской' });
  await page.getByLabel('Тип документа').selectOption({ label: 'Свидетельство о рождении' });
  await page.getByLabel('Серия').fill('IV-КН');
  await page.getByLabel('Номер', { exact: true }).fill('123456');

  // «Отправить» is behind the link «Получить сертификат».
  const send = page.getByRole('button', { name: 'Отправить' });
  await expect(send).toBeHidden();
  await page.getByRole('link', { name: 'Получить сертификат' }).click();
  await expect(send).toBeVisible();

  // Over 14: the applicant's name is the child's, so its fields go away; back to a parent.
  const over14 = page.getByLabel('Ребенок старше 14 лет и подает заявление самостоятельно');
  await over14.check();
  await expect(page.getByLabel('Фамилия заявителя')).toBeHidden();
  await over14.uncheck();
  await page.getByLabel('Фамилия заявителя').fill('Иванова');
  await page.getByLabel('Имя заявителя').fill('Мария');
  await page.getByLabel('Отчество заявителя').fill('Петровна');
  await page.getByLabel('Телефон').fill('+7 (999) 123-45-67');
  await page.getByLabel('Адрес электронной почты').fill('ivanova@mail.ru');

  // The municipality in the pop-up window.
  await page.getByRole('button', { name: 'Выбрать муниципалитет' }).click();
  const popup = page.getByRole('dialog', { name: 'Выбор муниципалитета' });
  await expect(popup).toBeVisible();
  await popup.getByRole('button', { name: 'Выбрать', exact: true }).click();
  await expect(popup.getByRole('alert')).toHaveText('Выберите муниципалитет');
  await popup.getByRole('radio', { name: 'г. Северный' }).check();
  await popup.getByRole('button', { name: 'Выбрать', exact: true }).click();
  await expect(popup).toBeHidden();
  await expect(page.getByLabel('Муниципалитет', { exact: true })).toHaveValue('г. Северный');

  await send.click();
  await expect(page.getByRole('heading', { name: 'Заявка отправлена' })).toBeVisible();
  const number = (await page.locator('#application-number').textContent())!;
  const certificate = (await page.locator('#certificate-number').textContent())!;
  expect(number).toBe('З-000123');
  expect(certificate).toMatch(/^\d{10}$/);

  // «Поиск заявки» by both numbers opens the view page.
  await page.getByRole('link', { name: 'Поиск заявки' }).click();
  await page.getByLabel('Номер заявки').fill(number);
  await page.getByLabel('Номер сертификата').fill(certificate);
  await page.getByRole('button', { name: 'Поиск' }).click();
  const card = page.locator('#application');
  await expect(page.getByRole('heading', { name: `Заявка № ${number}` })).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'new');
  await expect(page.getByRole('button', { name: 'Документы получены' })).toBeDisabled();

  await page.getByRole('button', { name: 'Подтвердить персональные данные' }).click();
  await expect(page.getByRole('status')).toHaveText('Персональные данные подтверждены');
  await expect(card).toHaveAttribute('data-pd-confirmed', 'true');
  await page.getByRole('button', { name: 'Документы получены' }).click();
  await expect(page.getByRole('status')).toHaveText('Получение документов подтверждено');
  await expect(card).toHaveAttribute('data-status', 'received');

  // «Распечатать заявление» → a page the robot keeps as a PDF.
  await page.getByRole('button', { name: 'Распечатать заявление' }).click();
  await expect(page.getByRole('heading', { name: /ЗАЯВЛЕНИЕ/ })).toBeVisible();
  await expect(page.locator('#print-certificate')).toHaveText(certificate);
  const pdf = test.info().outputPath('application.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  expect(statSync(pdf).size).toBeGreaterThan(1000);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

  const state = (await stand.client.state()) as unknown as { applications: Array<Record<string, unknown>> };
  expect(state.applications).toEqual([
    expect.objectContaining({
      number,
      certificateNumber: certificate,
      child: expect.objectContaining({ lastName: 'Иванов', birthDate: '2015-05-20', documentSeries: 'IV-КН', documentNumber: '123456' }),
      applicant: expect.objectContaining({ lastName: 'Иванова', phone: '79991234567' }),
      municipality: 'г. Северный',
      pdConfirmed: true,
      documentsReceived: true,
      refused: false,
    }),
  ]);

  // «Отказать» asks for a reason in a dialog; without one it says so.
  // The print page has no menu: «Назад» returns to the application, which is accepted now.
  await page.getByRole('link', { name: 'Назад' }).click();
  await expect(page.getByRole('button', { name: 'Отказать' })).toBeDisabled();
  await page.getByRole('link', { name: 'Заявки', exact: true }).click();
  await expect(page.locator('#applications tbody tr')).toHaveCount(1);
  await expect(page.locator('#applications tbody tr')).toHaveAttribute('data-status', 'received');
  const seeded = await fetch(`${stand.url}/__stand/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      child: { lastName: 'Петрова', firstName: 'Анна', birthDate: '2016-04-12', sex: 'female', documentType: 'passport', documentSeries: '4505', documentNumber: '765432' },
      applicant: { lastName: 'Петров', firstName: 'Игорь' },
    }),
  });
  const other = (await seeded.json()) as { id: number };
  await page.goto(`${stand.url}/registry/applications/${other.id}`);
  await page.getByRole('button', { name: 'Отказать' }).click();
  let dialog = page.getByRole('dialog', { name: 'Отказ в активации сертификата по заявке' });
  await dialog.getByRole('button', { name: 'Отказать' }).click();
  dialog = page.getByRole('dialog', { name: 'Отказ в активации сертификата по заявке' });
  await expect(dialog.getByRole('alert')).toHaveText('Укажите причину отказа');
  await dialog.getByLabel('Причина отказа').fill('Номер паспорта не совпадает');
  await dialog.getByRole('button', { name: 'Отказать' }).click();
  await expect(page.locator('#application')).toHaveAttribute('data-refused', 'true');
  await expect(page.getByRole('status')).toHaveText('В активации отказано. Причина: Номер паспорта не совпадает');
  await expect(page.getByRole('button', { name: 'Подтвердить персональные данные' })).toBeDisabled();

  expect(errors).toEqual([]);
});
