// `--flow <path>`: a procedure from outside navbot's tree (a region's own, or a test's) is a module
// that exports a flow plug-in (`export default definePlugin({...})` or `export const plugin`,
// src/procedure/plugin.ts), with the targets it brings (its `targets`). A value with a slash or a
// .ts/.js/.mjs ending is such a path; any other value is the name of one of navbot's flows
// (flow-option.ts). navbot runs under tsx, so a .ts module loads as it is. A path that does not
// load, or a module that is no plug-in, ends navbot with exit code 2 before anything is read or sent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFlow, type FlowPlugin } from '../../flows/index.js';
import { targetsProblem } from '../procedure/targets.js';
import { CliExit, EXIT } from './exit-codes.js';
import { flowFor } from './flow-option.js';

/** The --flow value names a module (a path), not one of navbot's flows. */
export function isFlowPath(value: string): boolean {
  return /[\\/]/.test(value) || /\.(ts|js|mjs)$/i.test(value.trim());
}

/** A value as shown in a message: one line. */
const shown = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, '?');

const HOW = 'Модуль процедуры должен экспортировать её: export default definePlugin({ ... }) или export const plugin = definePlugin({ ... }) (src/procedure/plugin.ts).';

/** The flow of `--flow`: one of navbot's by name (the default when absent), or the plug-in a module at that path exports. */
export async function loadFlow(value: string | undefined, cwd = process.cwd()): Promise<FlowPlugin> {
  if (value === undefined || !isFlowPath(value)) return flowFor(value);
  const file = path.resolve(cwd, value.trim());
  if (!existsSync(file)) {
    throw new CliExit(EXIT.invalid, `Файл процедуры ${shown(file)} не найден (--flow). Проверьте путь; ничего не отправлено.`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const why = shown(((e as Error)?.message ?? String(e)).split('\n')[0] ?? '');
    throw new CliExit(EXIT.invalid, `Не удалось загрузить процедуру из ${shown(file)} (--flow): ${why}. Исправьте модуль и запустите снова; ничего не отправлено.`);
  }
  const plugin = [mod.default, mod.plugin].find(isFlowPlugin);
  if (!plugin) throw new CliExit(EXIT.invalid, `В модуле ${shown(file)} (--flow) нет процедуры. ${HOW}`);
  if (findFlow(plugin.name)) {
    throw new CliExit(EXIT.invalid, `Процедура из ${shown(file)} называется «${shown(plugin.name)}», как процедура navbot: их записи в журнале смешались бы. Дайте ей другое имя (name).`);
  }
  const problem = targetsProblem(plugin);
  if (problem) throw new CliExit(EXIT.invalid, `${problem} (--flow ${shown(file)})`);
  return plugin;
}

/** What definePlugin makes: named, with its targets, steps, layout and the functions the runner calls. */
function isFlowPlugin(v: unknown): v is FlowPlugin {
  if (!v || typeof v !== 'object') return false;
  const f = v as Partial<FlowPlugin> & { fields?: unknown };
  const fns = [f.open, f.prepare, f.preflight, f.outcome].every((fn) => typeof fn === 'function');
  const lists = [f.uses, f.targets, f.steps, f.layout?.statuses, f.layout?.columns].every(Array.isArray);
  const named = typeof f.name === 'string' && /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(f.name) && typeof f.title === 'string';
  return fns && lists && named && (typeof f.columns === 'object' || Array.isArray(f.fields));
}
