// The outcome of normalising one cell: a value, or what is wrong and how to fix it (Russian).
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; fix: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const bad = (problem: string, fix: string): Checked<never> => ({ ok: false, problem, fix });
