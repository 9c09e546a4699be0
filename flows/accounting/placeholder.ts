// Who a placeholder user is: the memo's name «Без Внесения Данных» (the profile's), compared as a
// person reads it (case, spaces, ё). A real person's account is never one.
import type { AdminUserRow, Sex } from '../../src/navigator/ports.js';

export interface Placeholder {
  lastName: string;
  firstName: string;
  patronymic: string;
  phone: string;
}

export const normText = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');

export function isPlaceholderUser(u: Pick<AdminUserRow, 'lastName' | 'firstName' | 'patronymic'>, p: Placeholder): boolean {
  return normText(u.lastName) === normText(p.lastName) && normText(u.firstName) === normText(p.firstName) && normText(u.patronymic) === normText(p.patronymic);
}

export function sexRu(sex: Sex | string): string {
  return sex === 'male' ? 'мужской' : sex === 'female' ? 'женский' : sex;
}
