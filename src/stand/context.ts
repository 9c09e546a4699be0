// What every part of the stand (public site, admin panel, control API, faults) shares.
import type { StandSettings } from './settings.js';
import type { StandState } from './state.js';

export interface StandContext {
  settings: StandSettings;
  state: StandState;
}

/** Every JSON reply of the stand's APIs has the vendor's envelope. */
export interface Envelope<T = unknown> {
  data: T;
  err_code: number | null;
  success: boolean;
  message?: string;
  /** Field → Russian message, for form validation errors. */
  errors?: Record<string, string>;
  total?: number;
}

export function ok<T>(data: T, extra: Partial<Envelope<T>> = {}): Envelope<T> {
  return { data, err_code: null, success: true, ...extra };
}

export function fail(errCode: number, message: string, errors?: Record<string, string>): Envelope<null> {
  return { data: null, err_code: errCode, success: false, message, ...(errors ? { errors } : {}) };
}
