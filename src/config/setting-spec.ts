// A setting a target declares in its folder (src/navigator/<target>/settings.ts): plain data that
// config's one table parses by its kind — an address, a text, or a secret (never quoted, always
// masked in what navbot prints or stores).

/** Its NAVBOT_* name, what it holds, its default (the stand's), and its Russian description. */
export interface TargetSettingSpec {
  readonly env: string;
  readonly kind: 'url' | 'text' | 'secret';
  readonly default: string;
  readonly description: string;
}
