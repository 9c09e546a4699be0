// The region profile: every text and URL piece navbot relies on in a region. Defaults describe
// the training stand (which copies the regional memo); a real region overrides what differs
// with a JSON file named by NAVBOT_PROFILE. navbot never imports the stand: these defaults are
// written out on purpose. Each target declares its own sections (src/navigator/<target>/profile.ts,
// listed in ../navigator/target-profiles.ts); this file keeps the loader, the region's name and
// municipalities, the procedure's sections, and composes them into one schema.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TARGET_PROFILES } from '../navigator/target-profiles.js';

export const DEFAULT_MUNICIPALITIES = [
  'г. Блестящий',
  'г. Северный',
  'г. Заречный',
  'г. Лесной',
  'г. Озёрск',
  'Берёзовский район',
  'Весёлый район',
  'Горный район',
  'Дубравный район',
  'Полевой район',
  'Речной район',
  'Солнечный район',
];

// What the procedure brings rather than a target: the placeholder user's names and phone (the
// accounting flow registers them; the site finds its child form prefilled with them; doctor checks a
// sample user against them) and the certificate's age range intake enforces for every flow. They stay
// here: config may not import flows/, intake reads config only, and neither is one target's vocabulary.
const placeholder = z.object({
  lastName: z.string().default('Без'),
  firstName: z.string().default('Внесения'),
  patronymic: z.string().default('Данных'),
  /** As typed into the masked input: ten digits after +7. */
  phone: z.string().default('+7 (111) 111-11-11'),
});

export const profileSchema = z.object({
  name: z.string().default('Учебный стенд'),
  municipalities: z.array(z.string().min(1)).min(1).default(DEFAULT_MUNICIPALITIES),
  // The targets' sections (src/navigator/<target>/profile.ts), in the file's own key order.
  ...TARGET_PROFILES,
  placeholder: placeholder.prefault({}),
  /** Certificate age range (inclusive, years) that intake enforces. */
  minAge: z.number().int().min(0).default(5),
  maxAge: z.number().int().max(18).default(17),
});

export type Profile = z.infer<typeof profileSchema>;

export const defaultProfile = (): Profile => profileSchema.parse({});

const KIND: Record<string, string> = {
  string: 'текст в кавычках',
  number: 'число',
  int: 'целое число',
  boolean: 'true или false',
  array: 'список [ … ]',
  object: 'объект { … }',
};

/** A profile problem in Russian: what is expected where (zod's own messages are English). */
function describeIssue(i: z.core.$ZodIssue): string {
  const where = i.path.length ? i.path.join('.') : '(весь файл)';
  const o = i as unknown as { expected?: string; minimum?: number | bigint; maximum?: number | bigint; origin?: string; keys?: string[] };
  switch (i.code) {
    case 'invalid_type':
      return `${where}: нужно ${KIND[o.expected ?? ''] ?? o.expected}`;
    case 'too_small':
      return o.origin === 'array' || o.origin === 'string'
        ? `${where}: нужно не меньше ${o.minimum} ${o.origin === 'array' ? 'элементов' : 'символов'}`
        : `${where}: нужно не меньше ${o.minimum}`;
    case 'too_big':
      return `${where}: нужно не больше ${o.maximum}`;
    case 'unrecognized_keys':
      return `${where}: неизвестные поля ${(o.keys ?? []).join(', ')}`;
    default:
      return `${where}: недопустимое значение`;
  }
}

/** Reads a profile file (JSON); missing keys keep the defaults. Throws a Russian message on error. */
export function loadProfile(file?: string): Profile {
  if (!file) return defaultProfile();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'файл не найден' : code === 'EACCES' ? 'нет прав на чтение' : code === 'EISDIR' ? 'это папка, а не файл' : (e as Error).message;
    throw new Error(`Не удалось прочитать файл профиля ${file}: ${why}. Укажите в NAVBOT_PROFILE путь к файлу JSON (пример: data/profile.example.json).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`Файл профиля ${file} — не JSON (${(e as Error).message}). Проверьте кавычки и запятые, как в data/profile.example.json.`);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Файл профиля ${file} содержит ошибки: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  }
  return parsed.data;
}
