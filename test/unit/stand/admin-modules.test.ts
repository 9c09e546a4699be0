// `GET /api/modules/get` (NAVIGATOR.md: modules with alias, is_sencha, is_react), every variant,
// behind the admin session (cookie or, in vendor-session, the bearer token).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAdminPanel } from '../../../src/stand/admin-panel.js';
import { standSettings, type StandSettingsInput } from '../../../src/stand/settings.js';
import { StandState } from '../../../src/stand/state.js';

async function modules(input: StandSettingsInput) {
  const settings = standSettings(input);
  const ctx = { settings, state: StandState.from(settings, () => Date.now()) };
  const app = Fastify({ logger: false });
  await registerAdminPanel(app, ctx);
  await app.ready();
  try {
    const anonymous = await app.inject({ method: 'GET', url: '/api/modules/get' });
    const login = await app.inject({ method: 'POST', url: '/api/user/login', payload: { email: 'admin@stand.local', password: 'stand-admin' } });
    const body = login.json() as { data: { token?: string; access_token?: string } };
    const token = body.data.access_token ?? body.data.token!;
    const res = await app.inject({ method: 'GET', url: '/api/modules/get', headers: { authorization: `Bearer ${token}` } });
    return { anonymous: anonymous.statusCode, status: res.statusCode, body: res.json() as { success: boolean; total: number; data: Array<{ alias: string; name: string; is_sencha: boolean; is_react: boolean }> } };
  } finally {
    await app.close();
  }
}

describe('GET /api/modules/get', () => {
  for (const variants of [[], ['memo', 'uuid', 'vendor-session'], ['renamed']]) {
    it(`lists the panel's modules with alias, is_sencha, is_react (${variants.join(',') || 'default'}); 401 without a session`, async () => {
      const r = await modules({ variants });
      expect(r.anonymous).toBe(401);
      expect(r.status).toBe(200);
      expect(r.body.success).toBe(true);
      expect(r.body.total).toBe(r.body.data.length);
      const users = r.body.data.find((m) => m.alias === 'siteuser');
      expect(users).toMatchObject({ is_sencha: true, is_react: false, name: variants.includes('renamed') ? 'Пользователи' : 'Пользователи сайта' });
      expect(r.body.data.some((m) => m.is_react && !m.is_sencha)).toBe(true);
    });
  }
});
