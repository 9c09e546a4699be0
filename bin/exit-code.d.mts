export function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number;
