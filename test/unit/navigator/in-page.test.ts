// An in-page function runs alone in the page: `inPage` sends the text kit and the named helpers it
// calls with it. Here the sent text is run where nothing of navbot's module is in scope.
import { describe, expect, it } from 'vitest';
import { inPage, type TextKit } from '../../../src/navigator/in-page.js';

declare const kit: TextKit;

/** Runs a function from its sent text alone, as the page does (only a no-op `__name`, as browser.ts gives pages). */
const runSent = <A>(fn: (arg: A) => unknown, arg: A): unknown => new Function('__name', `return (${String(fn)})`)((f: unknown) => f)(arg);

function twiceInPage(s: string): string {
  return `${kit.label(s)}|${kit.label(s)}`;
}

function shoutInPage(s: string): string {
  return twiceInPage(s).toUpperCase();
}

describe('inPage', () => {
  it('should send the named helpers with the function, each calling the kit and the others', () => {
    const sent = inPage((s: string) => shoutInPage(s), { shoutInPage, twiceInPage });
    expect(runSent(sent, ' Ёж  *: ')).toBe('ЕЖ|ЕЖ');
  });

  it('should send the kit alone when no helper is named', () => {
    expect(runSent(inPage((s: string) => kit.fold(s)), 'Сертификат  учёта')).toBe('сертификат учета');
    expect(() => runSent(inPage((s: string) => shoutInPage(s)), 'x')).toThrow(/shoutInPage/);
  });
});
