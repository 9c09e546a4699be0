// The flow engine: a procedure is an ordered list of steps, each with probe (read-only: is it
// already done, and what facts prove it), act (do it) and verify (read back that it holds).
// The engine writes the journal's intent before every act and its done only after verify, so a
// crash between any two instructions leaves a state the next run finishes without duplicates.

import type { Facts } from '../core/facts.js';
export type { Facts };

export interface StepResult {
  /** Facts that identify what exists on the target (ids, numbers); merged into the row's facts. */
  facts: Facts;
}

export interface Step<C> {
  name: string;
  /** Russian, for staff: progress bar and reports. */
  title: string;
  /** Read-only. Returns the facts when the step is already done, undefined otherwise. */
  probe(ctx: C, facts: Facts): Promise<StepResult | undefined>;
  /**
   * Optional, before the intent: what the act needs that writes nothing (a login, a page to
   * load). It may be repeated at will, so a failure here costs the row only a read-only
   * attempt's share of its retry budget (src/runner/retry.ts), not an act's.
   */
  ready?(ctx: C, facts: Facts): Promise<void>;
  /**
   * Optional, cheap and read-only: the probe again, right before the intent (after `ready`), for
   * a step whose `ready` takes long enough for another installation or a person to do the step
   * meanwhile. Returns the facts when it is done now; it may throw as the probe does (a duplicate).
   */
  recheck?(ctx: C, facts: Facts): Promise<StepResult | undefined>;
  /** Does the step. May throw; a lost response is fine, verify decides. */
  act(ctx: C, facts: Facts): Promise<void>;
  /** Read-only. Returns the facts proving the act holds; throws when it does not. */
  verify(ctx: C, facts: Facts): Promise<StepResult>;
  /** For a dry run: fill what can be shown without writing, then cancel. `null`: the row does not need this step (not planned). */
  preview?(ctx: C, facts: Facts): Promise<string | undefined | null>;
}

export interface Flow<C> {
  name: string;
  steps: ReadonlyArray<Step<C>>;
}

/** What the engine needs from the journal (see src/journal). */
export interface StepJournal {
  intent(step: string, attempt: number): void;
  done(step: string, facts: Facts): void;
}

export interface StepHooks {
  onStepStart?(step: string, title: string): void;
  onStepEnd?(step: string, outcome: 'done' | 'already-done', ms: number, facts: Facts): void;
  /** Checked between steps: true ends the row early (graceful stop). */
  shouldStop?(): boolean;
  /**
   * A phase split (`navbot run --until <step>`): the row ends after this step, done or found done;
   * the steps after it are left to a later run, which probes its way back to them.
   */
  until?: string;
}

export interface RowRunResult {
  facts: Facts;
  /** Steps done in this attempt by acting (not found already done). */
  acted: string[];
  stopped: boolean;
  /** The row ended at `hooks.until` with steps left after it (never set when `until` is the last step). */
  paused?: boolean;
}

/**
 * Runs a row's flow from `fromStep` (its first step not recorded done). Each remaining step is
 * probed first, even when the journal shows no intent: the target's state decides, not our
 * memory of it. Throws whatever a step throws.
 */
export async function runSteps<C>(
  flow: Flow<C>,
  ctx: C,
  known: Facts,
  fromStep: string | undefined,
  journal: StepJournal,
  attempt: number,
  hooks: StepHooks = {},
): Promise<RowRunResult> {
  const facts: Facts = { ...known };
  const acted: string[] = [];
  const start = fromStep === undefined ? flow.steps.length : flow.steps.findIndex((s) => s.name === fromStep);
  const untilAt = hooks.until === undefined ? -1 : flow.steps.findIndex((s) => s.name === hooks.until);
  const pausesAfter = (name: string) => untilAt >= 0 && untilAt < flow.steps.length - 1 && flow.steps[untilAt]!.name === name;
  // A retry that starts past the phase's last step (it was seen done) runs nothing more.
  if (untilAt >= 0 && untilAt < flow.steps.length - 1 && start > untilAt) return { facts, acted, stopped: false, paused: true };
  for (let i = Math.max(0, start); i < flow.steps.length; i++) {
    if (hooks.shouldStop?.()) return { facts, acted, stopped: true };
    const step = flow.steps[i]!;
    const began = performance.now();
    hooks.onStepStart?.(step.name, step.title);
    let found = await step.probe(ctx, facts);
    if (!found && step.ready) {
      await step.ready(ctx, facts);
      found = await step.recheck?.(ctx, facts);
    }
    if (found) {
      Object.assign(facts, found.facts);
      journal.done(step.name, found.facts);
      hooks.onStepEnd?.(step.name, 'already-done', performance.now() - began, found.facts);
      if (pausesAfter(step.name)) return { facts, acted, stopped: false, paused: true };
      continue;
    }
    journal.intent(step.name, attempt);
    await step.act(ctx, facts);
    const proved = await step.verify(ctx, facts);
    Object.assign(facts, proved.facts);
    journal.done(step.name, proved.facts);
    acted.push(step.name);
    hooks.onStepEnd?.(step.name, 'done', performance.now() - began, proved.facts);
    if (pausesAfter(step.name)) return { facts, acted, stopped: false, paused: true };
  }
  return { facts, acted, stopped: false };
}

export interface PreviewResult {
  facts: Facts;
  /** Titles of the steps a real run would do, in order. */
  planned: string[];
}

/**
 * A dry run of a row: probes steps (read-only) until the first one not done, then lets every
 * remaining step show what it would fill (`preview`) without writing. Later steps cannot be
 * probed without the facts earlier acts would create, so they are all planned.
 */
export async function previewSteps<C>(flow: Flow<C>, ctx: C, known: Facts, until?: string): Promise<PreviewResult> {
  const facts: Facts = { ...known };
  const planned: string[] = [];
  // A phase split (`--until`): the steps after it are not this run's to plan.
  const last = until === undefined ? -1 : flow.steps.findIndex((s) => s.name === until);
  for (const step of last >= 0 ? flow.steps.slice(0, last + 1) : flow.steps) {
    if (planned.length === 0) {
      const found = await step.probe(ctx, facts);
      if (found) {
        Object.assign(facts, found.facts);
        continue;
      }
    }
    const note = step.preview ? await step.preview(ctx, facts) : undefined;
    if (note === null) continue;
    planned.push(note ? `${step.title} (${note})` : step.title);
  }
  return { facts, planned };
}
