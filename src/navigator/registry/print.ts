// «Распечатать заявление» of the certificate registry's cabinet: the printable page kept in the
// run's folder as a PDF, written whole or not at all (a temporary name, then a rename). Split from
// pages.ts, whose `Registry` is the host.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright';
import { SystemError } from '../../core/errors.js';
import { pageWithoutScripts } from '../../core/page-html.js';
import { SEL } from './selectors.js';

/** What the print needs of the registry's page object (pages.ts `Registry`). */
export interface PrintHost {
  readonly page: Page;
  readonly wait: { timeout: number };
  readonly t: { readonly print: string };
  openApplication(id: string): Promise<void>;
  submit(button: Locator): Promise<number>;
  onLoginPage(): boolean;
  login(): Promise<void>;
}

/**
 * «Распечатать заявление»: the printable page, kept as a PDF (written whole or not at all). A
 * browser with a window cannot print to PDF: then the page itself is kept beside it (.html).
 */
export async function printApplication(host: PrintHost, id: string, file: string): Promise<string> {
  await host.openApplication(id);
  const status = await host.submit(host.page.locator(SEL.print));
  if (host.onLoginPage()) {
    await host.login();
    return printApplication(host, id, file);
  }
  if (status !== 200) throw new SystemError(`«${host.t.print}» answered HTTP ${status}`);
  await host.page.locator(SEL.printBody).waitFor({ state: 'attached', ...host.wait });
  await mkdir(path.dirname(file), { recursive: true });
  let data: Buffer | string;
  let target = file;
  try {
    data = await host.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } catch {
    target = file.replace(/\.pdf$/i, '.html');
    data = pageWithoutScripts(await host.page.content());
  }
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  return target;
}
