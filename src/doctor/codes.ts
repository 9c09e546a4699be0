// The exit codes DESIGN.md's contract gives doctor's outcomes (0 ready, 2 mismatch or settings,
// 3 unreachable), as survey.json and the snapshot record them. The CLI maps a doctor outcome to
// its own EXIT (src/cli/exit-codes.ts); test/unit/doctor/outcome.test.ts keeps the two equal.
export const CODE = {
  ok: 0,
  invalid: 2,
  unreachable: 3,
} as const;
