// DESIGN.md's parts and nevers, checked on every `npm test` (dependency-cruiser).
// A part may import the parts listed for it; `core` imports nothing of navbot; the stand
// depends on nothing in navbot and only the CLI knows it exists; no import cycles anywhere.
/** @type {import('dependency-cruiser').IConfiguration} */
const part = (name) => (name === 'flows' ? '^flows/' : `^src/${name}/`);
const only = (from, allowed, files = []) => ({
  name: `${from}-imports-only-${allowed.join('-') || 'itself'}`,
  comment: `${from} may import only: ${[from, ...allowed, ...files].join(', ')} (DESIGN.md, Parts)`,
  severity: 'error',
  from: { path: part(from) },
  to: {
    path: '^(src|flows)/',
    pathNot: [part(from), ...allowed.map(part), ...files],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties parts into one; DESIGN.md wants parts with one direction.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    only('core', []),
    only('stand', []),
    // The settings targets declare (src/navigator/target-settings.ts, plain data) join config's one table;
    // the profile sections they declare (src/navigator/target-profiles.ts, plain data) its profileSchema.
    only('config', ['core'], ['^src/navigator/target-settings\\.ts$', '^src/navigator/target-profiles\\.ts$']),
    {
      name: 'target-settings-are-data',
      comment: 'A target declares its settings as plain data (src/navigator/<target>/settings.ts, listed in target-settings.ts) that config reads: they import nothing but the spec type, so config never pulls in a page object.',
      severity: 'error',
      from: { path: ['^src/navigator/target-settings\\.ts$', '^src/navigator/[^/]+/settings\\.ts$'] },
      to: { path: '^src/', pathNot: ['^src/config/setting-spec\\.ts$', '^src/navigator/[^/]+/settings\\.ts$'] },
    },
    {
      name: 'target-profiles-are-data',
      comment: 'A target declares its region-profile sections as plain data (src/navigator/<target>/profile.ts: zod schemas with defaults, listed in target-profiles.ts) that config composes: they import nothing of navbot, so config never pulls in a page object.',
      severity: 'error',
      from: { path: ['^src/navigator/target-profiles\\.ts$', '^src/navigator/[^/]+/profile\\.ts$'] },
      to: { path: '^src/', pathNot: ['^src/navigator/[^/]+/profile\\.ts$'] },
    },
    only('intake', ['core', 'config']),
    only('journal', ['core', 'config']),
    only('navigator', ['core', 'config']),
    // doctor's room (issue 22): the survey reads the region through navigator's page objects and
    // launches the browser through the runner's host; only the CLI calls doctor, navigator never
    // does, and doctor knows no stand or flow.
    // The CLI's two leaf helpers it shares (issue 23 moved them there): how a fetch failed, and the
    // console's mask of a secret.
    only('doctor', ['core', 'config', 'navigator', 'runner'], ['^src/cli/(net-error|console-gate)\\.ts$']),
    // The flow contract (issue 23): the engine and the plug-in types a procedure implements and the
    // runner drives (the ledger's records a flow's rules read are the journal's); it knows no flow
    // and no runner.
    only('procedure', ['core', 'config', 'navigator', 'intake', 'journal']),
    only('flows', ['core', 'config', 'navigator', 'intake', 'procedure']),
    only('report', ['core', 'config', 'journal', 'intake']),
    only('runner', ['core', 'config', 'journal', 'navigator', 'procedure', 'intake']),
    {
      name: 'runner-knows-no-flow',
      comment: 'The runner runs any flow through its plug-in interface (src/procedure); it imports nothing under flows/ (issues 12, 23).',
      severity: 'error',
      from: { path: '^src/runner/' },
      to: { path: '^flows/' },
    },
    {
      name: 'cli-knows-flows-by-the-registry',
      comment: 'The CLI picks a flow from the registry (flows/index.ts) by --flow; it imports no flow module (issue 12).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^flows/', pathNot: ['^flows/index\\.ts$'] },
    },
    // The console (issue 25): a second entry point beside the CLI; it calls the engine the CLI calls
    // (cli's modules included), knows flows only by their registry, and only its CLI command starts it.
    only('console', ['core', 'config', 'intake', 'journal', 'report', 'doctor', 'runner', 'cli', 'flows']),
    {
      name: 'console-knows-flows-by-the-registry',
      comment: 'The console picks a flow from the registry (flows/index.ts), as the CLI does (issue 25).',
      severity: 'error',
      from: { path: '^src/console/' },
      to: { path: '^flows/', pathNot: ['^flows/index\\.ts$'] },
    },
    {
      name: 'only-the-console-command-starts-the-console',
      comment: 'Nothing imports the console but its CLI command (issue 25).',
      severity: 'error',
      from: { path: '^(src|flows)/', pathNot: ['^src/console/', '^src/cli/commands/console\\.ts$'] },
      to: { path: '^src/console/' },
    },
    {
      name: 'a-target-knows-no-other-target',
      comment: 'A target is a module under src/navigator/<target>/ (issue 23); it may use the shared kit (src/navigator/*.ts), never another target’s folder.',
      severity: 'error',
      from: { path: '^src/navigator/([^/]+)/' },
      to: { path: '^src/navigator/[^/]+/', pathNot: '^src/navigator/$1/' },
    },
    {
      name: 'the-kit-knows-no-target',
      comment: 'The shared kit (src/navigator/*.ts: ext, soon, missing, ports, target) serves every target and names none; only the lists (targets.ts, target-settings.ts, target-profiles.ts) import them.',
      severity: 'error',
      from: { path: '^src/navigator/[^/]+\\.ts$', pathNot: '^src/navigator/(targets|target-settings|target-profiles)\\.ts$' },
      to: { path: '^src/navigator/[^/]+/' },
    },
    {
      name: 'generic-parts-reach-targets-through-the-door',
      comment: 'The runner, the CLI, the console and the report name no target: they reach targets through the list (src/navigator/targets.ts) and the kit (src/navigator/*.ts, target.ts), never a folder src/navigator/<target>/ (review of issue 23).',
      severity: 'error',
      from: { path: '^src/(runner|cli|console|report)/' },
      to: { path: '^src/navigator/[^/]+/' },
    },
    {
      name: 'flows-use-targets-by-their-ports',
      comment: 'A flow reaches a target through its port (src/navigator/ports.ts, src/navigator/<target>/port.ts) and the handle RowOffer gives; never a page object or a session (issue 23).',
      severity: 'error',
      from: { path: '^flows/' },
      to: { path: '^src/navigator/', pathNot: ['^src/navigator/ports\\.ts$', '^src/navigator/[^/]+/port\\.ts$'] },
    },
    {
      name: 'only-cli-knows-the-stand',
      comment: 'Of navbot, only the CLI starts the stand (DESIGN.md, invariant 5).',
      severity: 'error',
      from: { path: '^(src|flows)/', pathNot: ['^src/cli/', '^src/stand/'] },
      to: { path: '^src/stand/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // p-queue and other ESM-only packages resolve through their `exports`.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    // The console's page is browser code served as is (its imports are URLs of the console's server).
    exclude: { path: ['^(node_modules|test|reports|data)/', '^src/console/page/'] },
  },
};
