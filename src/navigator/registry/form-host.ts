// What the registry's form objects (create-form.ts, edit.ts) need of its page object (pages.ts
// `Registry`): the page, its wait, and how a submit is judged (login page, expiry, status line).
import type { Locator, Page } from 'playwright';

export interface FormHost {
  readonly page: Page;
  readonly wait: { timeout: number };
  submit(button: Locator): Promise<number>;
  onLoginPage(): boolean;
  expired(what: string): Promise<never>;
  statusText(): Promise<string>;
}
