import type { Sex } from '../../src/navigator/ports.js';

/** The only row fields a flow can see (intake keeps staff columns apart); a type, so a row is a SentRecord. */
export type SentRow = {
  /** The normalised key. */
  readonly key: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex: Sex;
  /** Canonical name from the configured list. */
  readonly municipality: string;
  /** Lower-cased. */
  readonly email: string;
};
