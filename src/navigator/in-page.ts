// How texts on screen are compared, once for navbot and for the code it runs in the page. A
// function handed to page.evaluate / waitForFunction is sent as its source and runs alone in the
// page, so it cannot call navbot's functions; `inPage` sends the kit's source with it, and the
// function calls `kit.fold` / `kit.label` (declared where it is written: `declare const kit: TextKit`).
// A long in-page function is split into named in-page helpers that `inPage` sends with it.

/**
 * Texts as regions spell them differently: ё = е, case and runs of spaces (a no-break one too) do
 * not matter («Сертификат учёта» is «Сертификат учета»). Used for every comparison of a text on screen.
 */
export const fold = (s: unknown) => String(s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');

/** Whether two texts are the same text for a person (see fold). */
export const sameText = (a: unknown, b: unknown) => fold(a) === fold(b);

/** A label or title folded, without the decorations Ext and regions add («Имя *:», «&nbsp;»). */
export const foldLabel = (s: unknown) =>
  String(s ?? '').replace(/&#160;|&nbsp;/g, ' ').replace(/[\s:*]+$/u, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');

export interface TextKit {
  fold(s: unknown): string;
  label(s: unknown): string;
}

const KIT_SOURCE = `const kit = { fold: ${fold.toString()}, label: ${foldLabel.toString()} };`;

/** Functions sent with an in-page function, by the names it calls them (`{ findGrid }`). */
export type InPageHelpers = Readonly<Record<string, (...args: any[]) => unknown>>;

/**
 * `fn` as it runs in the page, with `kit` in its scope, and each of `helpers` under its name (a
 * long in-page function split into named parts; each part runs in the page too, so it is
 * self-contained as well and may call `kit` and the other helpers). Playwright sends a function's
 * text (String(fn)); the wrapper's text is the kit's, the helpers' and then fn's. Never called in node.
 */
export function inPage<A, R>(fn: (arg: A) => R, helpers: InPageHelpers = {}): (arg: A) => R {
  const shipped = Object.entries(helpers).map(([name, h]) => `const ${name} = (${h.toString()});`).join(' ');
  const source = `(arg) => { ${KIT_SOURCE} ${shipped} return (${fn.toString()})(arg); }`;
  const wrapped = (arg: A): R => fn(arg);
  wrapped.toString = () => source;
  return wrapped;
}
