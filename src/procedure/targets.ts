// The targets a flow uses, as modules: each name in its `uses` is one of navbot's own targets
// (src/navigator/targets.ts) or one the flow brings itself (`targets` of its module: a procedure
// from outside navbot's tree, `--flow <path>`). The runner's worker, the browser's politeness, the
// CLI's reachability check and the redaction list all read a flow's targets through here.
import { TARGETS } from '../navigator/targets.js';
import type { TargetModule } from '../navigator/target.js';
import type { FlowPlugin } from './plugin.js';

type FlowTargets = Pick<FlowPlugin, 'name' | 'uses' | 'targets'>;

const builtIn = (name: string): TargetModule | undefined => (Object.hasOwn(TARGETS, name) ? (TARGETS as Record<string, TargetModule>)[name] : undefined);

/**
 * Why the flow's targets do not add up (Russian, for staff and the flow's author), or undefined:
 * a name in `uses` that no target has, a target of its own under a name navbot's targets have.
 */
export function targetsProblem(flow: FlowTargets): string | undefined {
  const taken = flow.targets.filter((t) => builtIn(t.name));
  if (taken.length) {
    return `Процедура «${flow.name}» приносит свою цель «${taken[0]!.name}», но так называется цель navbot. Переименуйте цель процедуры.`;
  }
  const unknown = flow.uses.filter((n) => !builtIn(n) && !flow.targets.some((t) => t.name === n));
  if (unknown.length) {
    const known = [...Object.keys(TARGETS), ...flow.targets.map((t) => t.name)].join(', ');
    return `Процедура «${flow.name}» работает с целью «${unknown[0]}», которой нет ни в navbot, ни в самой процедуре (известны: ${known}).`;
  }
  return undefined;
}

/** The modules of the targets the flow uses, in its order. Throws on a name that resolves to none (targetsProblem says it first). */
export function usedTargets(flow: FlowTargets): TargetModule[] {
  return flow.uses.map((name) => {
    const t = builtIn(name) ?? flow.targets.find((m) => m.name === name);
    if (!t) throw new Error(targetsProblem(flow) ?? `unknown target ${name}`);
    return t;
  });
}

/** The same modules in the order their reachability is checked: navbot's in its list's order (TARGETS), then the flow's own. */
export function targetsToCheck(flow: FlowTargets): TargetModule[] {
  const order = Object.keys(TARGETS);
  const rank = (t: TargetModule) => (builtIn(t.name) ? order.indexOf(t.name) : order.length);
  return usedTargets(flow).sort((a, b) => rank(a) - rank(b));
}
