// Settings of the training stand: everything a region may do differently (texts, municipality
// list, business rules) is a setting here, so navbot's configuration can be shown to cope.
import type { IdStyle } from './state.js';
import { DEFAULT_ADMIN_TEXTS, DEFAULT_MUNICIPALITIES, DEFAULT_PUBLIC_TEXTS } from './texts.js';
import { DEFAULT_REGISTRY_FORMAT, DEFAULT_REGISTRY_RULES, DEFAULT_REGISTRY_TEXTS, type RegistryFormat, type RegistryRules, type RegistryTexts } from './registry/settings.js';

export { DEFAULT_ADMIN_TEXTS, DEFAULT_MUNICIPALITIES, DEFAULT_PUBLIC_TEXTS } from './texts.js';
export { DEFAULT_REGISTRY_FORMAT, DEFAULT_REGISTRY_RULES, DEFAULT_REGISTRY_TEXTS, type RegistryFormat, type RegistryRules, type RegistryTexts } from './registry/settings.js';

/**
 * Stand variants: each differs from the default stand the way a real region does (see the
 * README, section 7, for what each changes and which source in NAVIGATOR.md says so).
 */
export const STAND_VARIANTS = ['memo', 'uuid', 'vendor-session', 'captcha-widget', 'slow', 'renamed', 'post-check', 'modal-register', 'kids-form', 'desktop', 'window-confirm', 'no-record'] as const;
export type StandVariant = (typeof STAND_VARIANTS)[number];

/** «memo,uuid» → ['memo', 'uuid']; throws a Russian message naming an unknown variant. */
export function parseVariants(text: string | readonly string[] | undefined): StandVariant[] {
  const names = (typeof text === 'string' ? text.split(',') : (text ?? [])).map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(STAND_VARIANTS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(`Неизвестный вариант стенда: ${unknown.join(', ')}. Доступны: ${STAND_VARIANTS.join(', ')}`);
  }
  return [...new Set(names)] as StandVariant[];
}

/**
 * What the `renamed` variant calls otherwise (regions differ in words; ё where others write е).
 * `data/profiles/renamed.json` holds each of these texts under the profile's key for it.
 */
export const RENAMED_PUBLIC_TEXTS: Partial<typeof DEFAULT_PUBLIC_TEXTS> = {
  municipality: 'ВЫБЕРИТЕ МУНИЦИПАЛЬНОЕ ОБРАЗОВАНИЕ',
  email: 'ВВЕДИТЕ ЭЛ. ПОЧТУ (ДЛЯ НАПРАВЛЕНИЯ УВЕДОМЛЕНИЙ)',
  submitRegister: 'ЗАРЕГИСТРИРОВАТЬСЯ В НАВИГАТОРЕ',
  childrenTab: 'МОИ ДЕТИ',
  tabs: ['ПРОФИЛЬ', 'МОИ ДЕТИ', 'ДОСТИЖЕНИЯ', 'ИСТОРИЯ ЗАЯВОК', 'ИСТОРИЯ ПРОСМОТРОВ', 'ОТЛОЖЕНО', 'ПАРОЛЬ'],
  addChild: 'ДОБАВИТЬ РЕБЁНКА',
  childSaved: 'Ребёнок добавлен',
};

export const RENAMED_ADMIN_TEXTS: Partial<typeof DEFAULT_ADMIN_TEXTS> = {
  menuSiteUsers: 'Пользователи',
  email: 'Эл. почта',
  childName: 'ФИО ребёнка',
  childWindowTitle: 'Редактирование ребёнка',
  issueCertificate: 'Выдать сертификат ребёнку',
  certificateTypeAccounting: 'Сертификат учёта',
};

export interface StandRules {
  /** «Подтвердить» without SNILS is refused while the parent is «Резидент РФ». */
  refuseConfirmWhileResident: boolean;
  /** A certificate can be issued only to a confirmed child. */
  certificateNeedsConfirmed: boolean;
  /** Registration shows a «Я не робот» captcha that must be ticked. */
  captcha: boolean;
  /** A new site user must confirm the e-mail (via the control API) before the first login. */
  emailConfirmation: boolean;
  /**
   * Registration carries a captcha widget (an iframe the stand serves, `captchaSiteKey` in
   * `GET /api/config`); the form is refused without a token the widget issued.
   */
  captchaWidget: boolean;
  /**
   * The cabinet's login carries the same captcha widget (issue 22 §5: a region may ask «Я не робот»
   * at the login too); the login is refused without a token the widget issued.
   */
  captchaLogin: boolean;
}

export interface StandSettings {
  host: string;
  port: number;
  control: boolean;
  seed: number;
  adminEmail: string;
  adminPassword: string;
  regionCode: string;
  municipalities: readonly string[];
  publicTexts: typeof DEFAULT_PUBLIC_TEXTS;
  adminTexts: typeof DEFAULT_ADMIN_TEXTS;
  rules: StandRules;
  adminSessionTtlSec: number | null;
  publicSessionTtlSec: number | null;
  /**
   * The admin panel keeps a window's load mask up this long after the server has answered, and
   * only then shows the result (a slow regional server or a slow office PC): a robot that waits
   * for the request alone, not for the mask, acts too early.
   */
  slowMaskMs: number;
  /** Requests are written to the log, bodies included (passwords masked). */
  logRequests: boolean;
  /** The variants this stand was started with (already applied to the settings below). */
  variants: readonly StandVariant[];
  /** `memo`: the admin panel shows nothing the memo does not show (no invented columns, texts, grids). */
  memoOnly: boolean;
  /**
   * Where a kid's certificates are read (certificate-api.ts): `get-list` — the invented
   * `GET …/certificate/kid/{kid_id}` list and `GET /api/rest/certificate?kid_id=`;
   * `post-check` (`post-check`, `memo`) — only `POST …/certificate/kid/{kid_id}?eventId=`, one object.
   */
  certificateRead: 'get-list' | 'post-check';
  /** How ids look from outside: numbers, or (`uuid`) strings. */
  idStyle: IdStyle;
  /** Admin structure (issue 22 §2, README §7): see AdminShape. */
  adminShape: AdminShape;
  /**
   * How the admin panel keeps its session: `cookie` (the default stand), or `token` (`vendor-session`:
   * the login answers access_token / refresh_token / expired_at, the panel sends a bearer header).
   */
  adminAuth: 'cookie' | 'token';
  /** Lifetime of the `vendor-session` token, seconds (there it is the admin session's lifetime). */
  tokenTtlSec: number;
  /** The site key the captcha widget is served with (`captcha-widget`). */
  captchaSiteKey: string;
  /** Every answer of a page or an API waits this long first (`slow`: 5000). */
  latencyMs: number;
  /**
   * The public site's structure (README §7): `modal-register` — registration, login and «НЕ ПОМНЮ
   * ПАРОЛЬ» as tabs of one modal, placeholders instead of labels, a custom municipality list;
   * `kids-form` — the «ДЕТИ» tab shows the child form at once (memo, Рис. 1 and Рис. 2).
   */
  publicForms: 'pages' | 'modal';
  publicChildren: 'list' | 'form';
  /** The registry app's organisation account (/registry/login). */
  registryLogin: string;
  registryPassword: string;
  /** Lifetime of a registry session in seconds; null = until expired on demand. */
  registrySessionTtlSec: number | null;
  registryTexts: RegistryTexts;
  registryRules: RegistryRules;
  registryFormat: RegistryFormat;
}

/**
 * How the admin panel is built (README §7): `layout` 'tree' (menu tree, sections in the content
 * area) or 'desktop' (`desktop`: start menu «Пуск», sections as windows, the users list filtered by
 * placeholder fields); `dialogs` 'msg' (Ext.Msg) or 'window' (`window-confirm`: «Подтверждение» and
 * «Ошибка» windows); `shownOnly` (`no-record`): the child window's form and the «Дети» grid hold
 * only what they show.
 */
export interface AdminShape {
  layout: 'tree' | 'desktop';
  dialogs: 'msg' | 'window';
  shownOnly: boolean;
}

export type StandSettingsInput = Partial<
  Omit<StandSettings, 'publicTexts' | 'adminTexts' | 'rules' | 'variants' | 'registryTexts' | 'registryRules' | 'registryFormat' | 'adminShape'>
> & {
  adminShape?: Partial<AdminShape>;
  publicTexts?: Partial<typeof DEFAULT_PUBLIC_TEXTS>;
  adminTexts?: Partial<typeof DEFAULT_ADMIN_TEXTS>;
  rules?: Partial<StandRules>;
  registryTexts?: Partial<RegistryTexts>;
  registryRules?: Partial<RegistryRules>;
  registryFormat?: Partial<RegistryFormat>;
  /** Variants to apply (see STAND_VARIANTS); a setting given explicitly wins over a variant's. */
  variants?: readonly string[] | string;
};

/** What each variant sets; applied in STAND_VARIANTS order (so `renamed`'s words win over `memo`'s). */
function variantPreset(variant: StandVariant, input: StandSettingsInput): StandSettingsInput {
  switch (variant) {
    case 'memo':
      // The memo shows no certificate list: the save's answer and the per-event check remain.
      return { memoOnly: true, certificateRead: 'post-check' };
    case 'post-check':
      return { certificateRead: 'post-check' };
    case 'uuid':
      return { idStyle: 'uuid' };
    case 'vendor-session': {
      const ttl = input.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC;
      return { adminAuth: 'token', tokenTtlSec: ttl, adminSessionTtlSec: ttl };
    }
    case 'captcha-widget':
      return { rules: { captchaWidget: true } };
    case 'slow':
      return { latencyMs: SLOW_LATENCY_MS };
    case 'renamed':
      return { publicTexts: RENAMED_PUBLIC_TEXTS, adminTexts: RENAMED_ADMIN_TEXTS };
    case 'modal-register':
      return { publicForms: 'modal' };
    case 'kids-form':
      return { publicChildren: 'form' };
    case 'desktop':
      return { adminShape: { layout: 'desktop' } };
    case 'window-confirm':
      return { adminShape: { dialogs: 'window' } };
    case 'no-record':
      return { adminShape: { shownOnly: true } };
  }
}

/** The vendor's token lives about 30 minutes (NAVIGATOR.md, REST API). */
export const DEFAULT_TOKEN_TTL_SEC = 1800;
/** One region answers in about 5 s a request (NAVIGATOR.md, REST API). */
export const SLOW_LATENCY_MS = 5000;
export const DEFAULT_CAPTCHA_SITE_KEY = 'stand-captcha-sitekey-0001';

export function standSettings(input: StandSettingsInput = {}): StandSettings {
  const variants = parseVariants(input.variants);
  // Defaults < variants (in STAND_VARIANTS order) < what the caller set explicitly.
  let merged: StandSettingsInput = {};
  for (const v of STAND_VARIANTS.filter((x) => variants.includes(x))) {
    const p = variantPreset(v, input);
    merged = {
      ...merged,
      ...p,
      publicTexts: { ...merged.publicTexts, ...p.publicTexts },
      adminTexts: { ...merged.adminTexts, ...p.adminTexts },
      rules: { ...merged.rules, ...p.rules },
      adminShape: { ...merged.adminShape, ...p.adminShape },
    };
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as StandSettingsInput;
  input = {
    ...merged,
    ...defined,
    publicTexts: { ...merged.publicTexts, ...input.publicTexts },
    adminTexts: { ...merged.adminTexts, ...input.adminTexts },
    rules: { ...merged.rules, ...input.rules },
    adminShape: { ...merged.adminShape, ...input.adminShape },
  };
  return {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 8080,
    control: input.control ?? false,
    seed: input.seed ?? 1,
    adminEmail: input.adminEmail ?? 'admin@stand.local',
    adminPassword: input.adminPassword ?? 'stand-admin',
    regionCode: input.regionCode ?? '55',
    municipalities: input.municipalities ?? DEFAULT_MUNICIPALITIES,
    publicTexts: { ...DEFAULT_PUBLIC_TEXTS, ...input.publicTexts },
    adminTexts: { ...DEFAULT_ADMIN_TEXTS, ...input.adminTexts },
    rules: {
      refuseConfirmWhileResident: true,
      certificateNeedsConfirmed: true,
      captcha: false,
      emailConfirmation: false,
      captchaWidget: false,
      captchaLogin: false,
      ...input.rules,
    },
    adminSessionTtlSec: input.adminSessionTtlSec ?? null,
    publicSessionTtlSec: input.publicSessionTtlSec ?? null,
    slowMaskMs: input.slowMaskMs ?? 0,
    logRequests: input.logRequests ?? true,
    variants,
    memoOnly: input.memoOnly ?? false,
    certificateRead: input.certificateRead ?? 'get-list',
    idStyle: input.idStyle ?? 'numeric',
    adminShape: { layout: 'tree', dialogs: 'msg', shownOnly: false, ...input.adminShape },
    adminAuth: input.adminAuth ?? 'cookie',
    tokenTtlSec: input.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC,
    captchaSiteKey: input.captchaSiteKey ?? DEFAULT_CAPTCHA_SITE_KEY,
    latencyMs: input.latencyMs ?? 0,
    publicForms: input.publicForms ?? 'pages',
    publicChildren: input.publicChildren ?? 'list',
    registryLogin: input.registryLogin ?? 'org@stand.local',
    registryPassword: input.registryPassword ?? 'stand-org',
    registrySessionTtlSec: input.registrySessionTtlSec ?? null,
    registryTexts: { ...DEFAULT_REGISTRY_TEXTS, ...input.registryTexts },
    registryRules: { ...DEFAULT_REGISTRY_RULES, ...input.registryRules },
    registryFormat: { ...DEFAULT_REGISTRY_FORMAT, ...input.registryFormat },
  };
}
