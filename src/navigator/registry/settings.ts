// The certificate registry's settings, declared by its target (DESIGN.md, Contracts: the names
// NAVBOT_REGISTRY_URL, NAVBOT_REGISTRY_LOGIN, NAVBOT_REGISTRY_PASSWORD). Plain data that imports
// nothing: config's one table reads it through ../target-settings.ts and parses each by its kind.
import type { TargetSettingSpec } from '../../config/setting-spec.js';

export const REGISTRY_SETTINGS = {
  registryUrl: { env: 'NAVBOT_REGISTRY_URL', kind: 'url', default: 'http://127.0.0.1:8080/registry/', description: 'адрес АИС «Реестр сертификатов» (кабинет организации)' },
  registryLogin: { env: 'NAVBOT_REGISTRY_LOGIN', kind: 'text', default: 'org@stand.local', description: 'логин организации в реестре сертификатов' },
  registryPassword: { env: 'NAVBOT_REGISTRY_PASSWORD', kind: 'secret', default: 'stand-org', description: 'пароль организации в реестре сертификатов' },
} as const satisfies Record<string, TargetSettingSpec>;
