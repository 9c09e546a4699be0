// The settings targets declare beyond the Navigator's own (each in its folder's settings.ts): the
// one list config's table spreads in, so config names no target. Plain data; config parses each
// entry by its kind (an address, a text, a secret that is never quoted and always masked).
import { REGISTRY_SETTINGS } from './registry/settings.js';

export const TARGET_SETTINGS = { ...REGISTRY_SETTINGS } as const;
