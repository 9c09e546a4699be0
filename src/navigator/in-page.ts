// How texts on screen are compared, once for navbot and for the code it runs in the page. A
// function handed to page.evaluate / waitForFunction is sent as its source and runs alone in the
// page, so it cannot call navbot's functions; `inPage` sends the kit's source with it, and the
// function calls `kit.fold` / `kit.label` (declared where it is written: `declare const kit: TextKit`).

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

/**
 * `fn` as it runs in the page, with `kit` in its scope. Playwright sends a function's text
 * (String(fn)); the wrapper's text is the kit's and then fn's. Never called in node.
 */
export function inPage<A, R>(fn: (arg: A) => R): (arg: A) => R {
  const source = `(arg) => { ${KIT_SOURCE} return (${fn.toString()})(arg); }`;
  const wrapped = (arg: A): R => fn(arg);
  wrapped.toString = () => source;
  return wrapped;
}
