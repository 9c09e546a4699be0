// A flow as a plug-in (DESIGN.md, flows): everything the runner, the journal, the report and the
// CLI need from a procedure, declared by the procedure's module, so that none of them knows a
// flow by name. A module declares its name, the queue columns it sends, its ledger rules, how it
// builds its context from what the runner offers, its steps, how a finished row reads, and what
// «done» means for its last step. `definePlugin` types a module once and hides its context type,
// so the registry (index.ts) can list flows of different contexts side by side.
import type { Profile } from '../config/profile.js';
import type { ReportLayout } from '../core/layout.js';
import type { ColumnSet, RowMarks, SentRecord } from '../intake/index.js';
import type { TargetHandles, TargetName } from '../navigator/targets.js';
import type { TargetModule } from '../navigator/target.js';
import type { LedgerRecord } from '../journal/records.js';
import { StopRunError, SystemError } from '../core/errors.js';
import { previewSteps, runSteps, type Facts, type Flow, type PreviewResult, type RowRunResult, type StepHooks, type StepJournal } from './engine.js';

/** Every target's handle by its name: navbot's own targets' (TargetHandles) and those of the targets a flow brings (O). */
export type HandlesOf<O> = TargetHandles & O;

/** No targets of a flow's own (every built-in flow). */
export type NoOwnTargets = Record<never, never>;

/**
 * What the runner's worker offers one attempt of a row; a flow builds its context from it. U: the
 * targets the flow declares in `uses` — it gets only those, each as its target module declares
 * (src/navigator/targets.ts, or the flow's own `targets`); O: the handles of the flow's own targets.
 */
export interface RowOffer<U extends keyof HandlesOf<O> = TargetName, O = NoOwnTargets> {
  /** A target's handle: its port (the admin panel logged in; the site and the registry opened on first use) and a screenshot of it. */
  target<N extends U>(name: N): HandlesOf<O>[N];
  /** The region's texts and placeholder identity (NAVBOT_PROFILE). */
  readonly profile: Profile;
  /** A file of the row's own in the run's folder, `<folder>/<key>.<ext>`: where to write it, and its path for the report. */
  rowFile(folder: string, ext: string): { readonly path: string; readonly rel: string };
}

/** What a flow works on: a target module's name (src/navigator/targets.ts, or one of the flow's own targets). */
export type TargetPart = TargetName | (string & {});

/** One row as its flow gets it: the fields it sends, the derived password, what `prepare` planned. */
export interface RowInput<P> {
  readonly sent: Readonly<SentRecord>;
  /** Derived from NAVBOT_SECRET and the row key; never logged. */
  readonly password: string;
  readonly plan?: P;
}

/** A flow's context for one attempt, and what to close when the attempt ends well. */
export interface RowContext<C> {
  readonly ctx: C;
  /** Leaves the Navigator as a person finds it (e.g. no card left open). */
  release(): Promise<void>;
}

/** What the ledger holds of one key for one flow on this target (the journal replays it). */
export type { LedgerRecord };

/** A valid queue row before the run, for a flow's ledger rules. */
export interface PrepareRow {
  /** As typed (for messages). */
  readonly key: string;
  /** The key's identity (intake's normaliseKey): the ledger's records are found by it. */
  readonly keyNorm: string;
  readonly rowNumber: number;
  readonly sent: Readonly<SentRecord>;
  /** What the flow's column set noted about the row when intake read it (its own names; intake's RowMarks). */
  readonly marks: RowMarks;
}

export interface PrepareInput {
  readonly rows: readonly PrepareRow[];
  /** What the ledger holds on this target: this flow's keys, or those of the flow named. */
  ledger(flow?: string): ReadonlyMap<string, LedgerRecord>;
  /** The queue file being run (absolute), as bindings store it. */
  readonly file: string;
}

/** A row goes with what it sends (and the flow's own plan for it), or stops before anything is sent. */
export type RowPlan<P> =
  | { readonly kind: 'go'; readonly sent: Readonly<SentRecord>; readonly plan?: P }
  | { readonly kind: 'refuse'; readonly reason: string; readonly action: string };

export interface Prepared<P> {
  /** By normalised key; a row without a plan goes as read. */
  readonly rows: ReadonlyMap<string, RowPlan<P>>;
  /** Russian, for the console and the run's log (said once per run). */
  readonly notices: readonly string[];
}

/** What a row's ledger says about its last step, for the flow's verdict. */
export interface RowHistory {
  /** This flow's row-level done before this run (the row reported done), if any. */
  readonly before?: { readonly run: string; readonly at: string; readonly facts: Facts };
  /** navbot announced its last step's act for this key (in this run or one cut off before saying so). */
  readonly actedLast: boolean;
  /** Every step navbot ever announced an act of for this key (this flow's ledger). */
  readonly intended?: ReadonlySet<string>;
  /** What navbot itself made for this key (facts of dones that closed an intent; journal/row-state.ts). */
  readonly made?: Facts;
  /** Steps whose act was open when the row was found duplicated: what they found since is nobody's for sure (row-state.ts). */
  readonly contested?: ReadonlySet<string>;
}

/** How a row whose steps all ended reads: done now, found done, or (read-only flows) lacking something. */
export interface RowOutcome {
  readonly status: 'issued' | 'already' | 'incomplete' | 'duplicate';
  /** Russian: who made it and when, or what the row lacks. */
  readonly note?: string;
  /** Russian: what staff should do (an incomplete row). */
  readonly action?: string;
}

/**
 * What a flow module declares. C: its context; P: its plan for a row, made by `prepare`; U: the
 * targets it uses; O: the handles of the targets it brings itself (a procedure from outside
 * navbot's tree, loaded by `--flow <path>`), by name.
 */
export interface FlowModule<C, P = never, U extends keyof HandlesOf<O> = TargetName, O = NoOwnTargets> {
  /** As typed after --flow. */
  readonly name: string;
  /** Russian, short: what it does («выдача сертификатов учета»), for --help and messages. */
  readonly title: string;
  /** The queue columns it sends (intake's column set; the key always). Every other column stays the staff's. */
  readonly columns: ColumnSet;
  /** What it works on (default: the Navigator's admin panel and public site); the runner opens and the CLI checks only these. */
  readonly uses: readonly U[];
  /**
   * Targets of its own, by name (each module's `name` is its key): a procedure that works on
   * something navbot does not know brings its target module(s) with it. `uses` names them as it
   * names navbot's; a name of navbot's own targets cannot be taken.
   */
  readonly targets?: { readonly [N in keyof O]: TargetModule<O[N]> };
  /** Reads only: no act ever runs and the ledger is never written; the target is only read. */
  readonly readOnly: boolean;
  /** Entries of a ledger written before flows had names are this flow's (one flow says so). */
  readonly ownsUnnamedLedger?: boolean;
  readonly flow: Flow<C>;
  /** How its rows read in the report, on the console and in the summary e-mail. */
  readonly layout: ReportLayout;
  /** Its ledger rules, before anything is sent: what each row sends, or why it stops. */
  prepare?(input: PrepareInput): Prepared<P>;
  /** Before the run opens anything: why the region's profile cannot carry it (Russian; the run exits 2), or undefined. */
  preflight?(profile: Profile, until?: string): string | undefined;
  /** Its context for one attempt of a row, from what the runner offers. */
  context(offer: RowOffer<U, O>, row: RowInput<P>): RowContext<C>;
  /** What a row whose steps all ended is, from the facts found and the ledger's history. */
  outcome(facts: Facts, history: RowHistory): RowOutcome;
}

/** One attempt of a row, bound to its context. */
export interface OpenRow {
  /** Runs the steps from `from` (engine.ts: probe, intent, act, verify, done). */
  run(known: Facts, from: string | undefined, journal: StepJournal, attempt: number, hooks?: StepHooks): Promise<RowRunResult>;
  /** A dry run: probes, then previews what acting would fill (up to `until`, a phase's last step). */
  preview(known: Facts, until?: string): Promise<PreviewResult>;
  release(): Promise<void>;
}

/** A flow as the runner, the report and the CLI see it: its context type hidden. */
export interface FlowPlugin {
  readonly name: string;
  readonly title: string;
  readonly columns: ColumnSet;
  readonly uses: readonly TargetPart[];
  /** The targets it brings itself (none for navbot's own flows); src/procedure/targets.ts resolves `uses` against them. */
  readonly targets: readonly TargetModule[];
  readonly readOnly: boolean;
  readonly ownsUnnamedLedger: boolean;
  readonly layout: ReportLayout;
  /** The steps' names and titles, in order. */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly title: string }>;
  prepare(input: PrepareInput): Prepared<unknown>;
  preflight(profile: Profile, until?: string): string | undefined;
  open(offer: RowOffer, row: RowInput<unknown>): OpenRow;
  outcome(facts: Facts, history: RowHistory): RowOutcome;
}

/** A read-only flow that reaches an act is a bug in the flow: the run stops before anything is sent. */
export class ReadOnlyViolation extends StopRunError {
  override name = 'ReadOnlyViolation';
}

export function definePlugin<C, P = never, U extends keyof HandlesOf<O> = TargetName, O = NoOwnTargets>(m: FlowModule<C, P, U, O>): FlowPlugin {
  const guard = (journal: StepJournal): StepJournal =>
    m.readOnly
      ? {
          intent: (step) => {
            throw new ReadOnlyViolation(
              `Внутренняя ошибка navbot: процедура «${m.name}» только читает, но дошла до действия (шаг «${step}»). Прогон остановлен, в Навигатор ничего не отправлено; сообщите разработчикам.`,
            );
          },
          done: (step, facts) => journal.done(step, facts),
        }
      : journal;
  return {
    name: m.name,
    title: m.title,
    columns: m.columns,
    uses: m.uses as readonly TargetPart[],
    targets: Object.values(m.targets ?? {}) as TargetModule[],
    readOnly: m.readOnly,
    ownsUnnamedLedger: m.ownsUnnamedLedger ?? false,
    layout: m.layout,
    steps: m.flow.steps.map((s) => ({ name: s.name, title: s.title })),
    prepare: (input) => m.prepare?.(input) ?? { rows: new Map(), notices: [] },
    preflight: (profile, until) => m.preflight?.(profile, until),
    open(offer, row) {
      // The plan was made by this module's own prepare: it is its P.
      // The worker offers the targets of this module's `uses`, its own ones among them (procedure/targets.ts).
      const { ctx, release } = m.context(offer as unknown as RowOffer<U, O>, row as RowInput<P>);
      return {
        run: (known, from, journal, attempt, hooks) => runSteps(m.flow, ctx, known, from, guard(journal), attempt, hooks),
        preview: (known, until) => previewSteps(m.flow, ctx, known, until),
        release,
      };
    },
    outcome: (facts, history) => m.outcome(facts, history),
  };
}
