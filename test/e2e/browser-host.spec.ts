// The browser host's admin pages: a recycled page's context stops its trace before it closes.
// Playwright's client keeps a record of every API call for each trace started until that trace
// stops; a context closed while tracing left one that grew for the rest of the run (issue 12:
// navbot's heap rose ~0.5 MB a row at C=4).
import { test, expect } from '@playwright/test';
import { BrowserHost } from '../../src/runner/browser.js';
import { Politeness } from '../../src/runner/politeness.js';
import { resolveBrowser } from '../../src/config/browser.js';

// The runner's own tracing would start a trace on every context this file makes.
test.use({ trace: 'off' });

test('closing an admin page stops its context’s trace first, then closes the context', async () => {
  const browser = resolveBrowser(process.env.NAVBOT_BROWSER);
  expect(browser, 'a browser is installed').toBeDefined();
  const host = new BrowserHost({ launch: browser!.launch, politeness: new Politeness(100), origins: ['http://127.0.0.1:9'], timeoutMs: 10_000, backoffMs: 100 });
  try {
    const handle = await host.sharedPage();
    const context = handle.page.context();
    const events: string[] = [];
    const stop = context.tracing.stop.bind(context.tracing);
    context.tracing.stop = async (o) => {
      events.push('trace stopped');
      return stop(o);
    };
    context.on('close', () => events.push('context closed'));
    await handle.trace.begin({}, false);
    await handle.close();
    expect(events).toEqual(['trace stopped', 'context closed']);
    // A trace that is stopped can be started again on a new page: the host is still usable.
    const next = await host.sharedPage();
    await next.trace.begin({}, false);
    await next.close();
  } finally {
    await host.close();
  }
});
