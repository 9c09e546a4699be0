import type { Sex } from '../../src/navigator/ports.js';

/** The only row fields a flow can see (intake keeps staff columns apart). */
export interface SentRow {
  readonly key: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly municipality: string;
  readonly email: string;
}
