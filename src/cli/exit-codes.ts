// Exit codes a scheduler can act on (DESIGN.md, Contracts).
export const EXIT = {
  ok: 0,
  rowsFailed: 1,
  invalid: 2,
  unreachable: 3,
  interrupted: 130,
} as const;

/** An error that ends the CLI with a message for staff (Russian) and an exit code. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}
