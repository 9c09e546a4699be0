// The Navigator's admin panel as a target: its settings (NAVBOT_ADMIN_URL, NAVBOT_ADMIN_EMAIL,
// NAVBOT_ADMIN_PASSWORD), reachability, and a worker's session on it (session.ts, on the run's one
// login, ../shared-login.ts).
import { defineTarget, originOf } from '../target.js';
import { AdminSession, type AdminHandle } from './session.js';

export type { AdminHandle } from './session.js';

export const adminTarget = defineTarget<AdminHandle>({
  name: 'admin',
  title: 'админ-панель',
  settings: { url: 'adminUrl', login: 'adminEmail', secrets: ['adminPassword'] },
  url: (s) => s.adminUrl,
  origins: (s) => [originOf(s.adminUrl)],
  session: (host, settings) => new AdminSession(host, settings),
});
