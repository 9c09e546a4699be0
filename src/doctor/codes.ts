// The exit codes DESIGN.md's contract gives doctor's outcomes (0 ready, 2 mismatch or settings,
// 3 unreachable), as survey.json and the snapshot record them. The CLI maps a doctor outcome to
// its own EXIT (src/cli/exit-codes.ts); test/unit/doctor/outcome.test.ts keeps the two equal.
export const CODE = {
  ok: 0,
  invalid: 2,
  unreachable: 3,
} as const;

/**
 * The survey's code once the field kit was asked for: a snapshot asked (`--snapshot`) and not on
 * disk is a mismatch outcome (2) — staff have nothing to send back — unless the survey is worse.
 */
export function withSnapshot(exitCode: number, asked: boolean, written: boolean): number {
  if (!asked || written) return exitCode;
  return exitCode === CODE.ok ? CODE.invalid : exitCode;
}
