// Playwright fixtures: one training stand per worker, started in-process on a free port, its
// state reset before every test. `stand` gives the URLs and the state (for arranging data and
// for asserting what a test left behind).
import { test as base, expect } from '@playwright/test';
import { startStand, type Stand } from '../../src/stand/server.js';
import type { StandState } from '../../src/stand/state.js';
import type { StandContext } from '../../src/stand/context.js';

export interface StandFixture {
  url: string;
  publicUrl: string;
  adminUrl: string;
  adminEmail: string;
  adminPassword: string;
  state: StandState;
  ctx: StandContext;
}

export const test = base.extend<{ stand: StandFixture }, { standServer: Stand }>({
  standServer: [
    async ({}, use) => {
      const stand = await startStand({ port: 0, control: true });
      await use(stand);
      await stand.close();
    },
    { scope: 'worker' },
  ],
  stand: async ({ standServer }, use) => {
    // Reset through the control API, as an outside test would; settings changed by a test are restored too.
    const res = await fetch(`${standServer.url}/__stand/reset`, { method: 'POST' });
    if (!res.ok) standServer.state.reset();
    await use({
      url: standServer.url,
      publicUrl: standServer.publicUrl,
      adminUrl: standServer.adminUrl,
      adminEmail: standServer.settings.adminEmail,
      adminPassword: standServer.settings.adminPassword,
      state: standServer.state,
      ctx: standServer.ctx,
    });
  },
});

export { expect };
