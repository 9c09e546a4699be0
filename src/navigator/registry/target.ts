// The certificate registry as a target (АИС «Реестр сертификатов», the organisation's cabinet;
// shared/REGISTRY.md): its settings (NAVBOT_REGISTRY_URL, NAVBOT_REGISTRY_LOGIN,
// NAVBOT_REGISTRY_PASSWORD), its reachability, and a worker's session on it (session.ts).
import { defineTarget, originOf } from '../target.js';
import { RegistrySession, type RegistryHandle } from './session.js';

export type { RegistryHandle } from './session.js';

export const registryTarget = defineTarget<RegistryHandle>({
  name: 'registry',
  title: 'реестр сертификатов',
  settings: { url: 'registryUrl', login: 'registryLogin', secrets: ['registryPassword'] },
  url: (s) => s.registryUrl,
  origins: (s) => [originOf(s.registryUrl)],
  session: (host, settings) => new RegistrySession(host, settings),
});
