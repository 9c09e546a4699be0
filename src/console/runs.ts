// The console's one batch at a time: started in this process through the engine (engine.ts),
// watched by the pages over Server-Sent Events, stopped as Ctrl+C stops the CLI (the rows in
// flight finish their step, the journal is written, exit 130, the next run resumes). Closing the
// browser stops nothing: the run belongs to the server.
import path from 'node:path';
import { readRunMeta } from '../report/index.js';
import { runBatch, type BatchEnd, type BatchStart, type FlowPlugin, type RunEvent, type Settings } from './engine.js';
import { expectedRows, LiveRun, SUMMARY_EVENTS, type LiveRow, type LiveSummary } from './live.js';

export interface RunRequest {
  file: string;
  /** The queue's name as staff know it (the uploaded file's name). */
  queueName: string;
  flow: FlowPlugin;
  settings: Settings;
  mode: 'run' | 'dry-run' | 'rehearsal';
  only?: string[];
  /** For a rehearsal: the settings with overrides (engine.runBatch points them at the stand). */
  settingsWith?: BatchStart['settingsWith'];
  /** The captcha's day phase: the step each row ends after, and what is said first. */
  phase?: { step: string; intro: string[] };
}

export interface RunOutcomeView {
  exitCode: number;
  /** Russian: how it ended and what next. */
  message: string;
  runId?: string;
  counts?: Record<string, number>;
  hasReport: boolean;
}

export interface RunView {
  active: boolean;
  queueName?: string;
  flow?: string;
  mode?: string;
  stopping: boolean;
  summary?: LiveSummary;
  rows: LiveRow[];
  lines: string[];
  outcome?: RunOutcomeView;
}

export type RunMessage = { type: 'row'; row: LiveRow; summary: LiveSummary } | { type: 'state'; view: RunView };

export class RunBusyError extends Error {}

export class ConsoleRuns {
  private live?: LiveRun;
  private request?: RunRequest;
  private controller?: AbortController;
  private lines: string[] = [];
  private outcome?: RunOutcomeView;
  private running?: Promise<void>;
  private readonly listeners = new Set<(m: RunMessage) => void>();

  constructor(private readonly mask: (s: string) => string) {}

  get active(): boolean {
    return this.running !== undefined;
  }

  subscribe(listener: (m: RunMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(): RunView {
    const snap = this.live?.snapshot();
    return {
      active: this.active,
      ...(this.request ? { queueName: this.request.queueName, flow: this.request.flow.title, mode: this.request.mode } : {}),
      stopping: this.controller?.signal.aborted ?? false,
      ...(snap ? { summary: snap.summary } : {}),
      rows: snap?.rows ?? [],
      lines: [...this.lines],
      ...(this.outcome ? { outcome: this.outcome } : {}),
    };
  }

  /** Starts the batch; resolves once it is under way (the run itself goes on). */
  start(req: RunRequest): void {
    if (this.running) throw new RunBusyError('Прогон уже идёт: дождитесь его конца или остановите его.');
    this.request = req;
    this.live = new LiveRun();
    this.controller = new AbortController();
    this.lines = (req.phase?.intro ?? []).map(this.mask);
    this.outcome = undefined;
    const onEvent = (e: RunEvent) => this.onEvent(e, req.settings);
    this.running = runBatch({
      file: req.file,
      flow: req.flow,
      settings: req.settings,
      mode: req.mode,
      ...(req.only?.length ? { only: req.only } : {}),
      ...(req.settingsWith ? { settingsWith: req.settingsWith } : {}),
      ...(req.phase ? { until: req.phase.step } : {}),
      signal: this.controller.signal,
      onEvent,
      out: (line) => {
        this.lines.push(this.mask(line));
        this.broadcastState();
      },
    })
      .then((end) => this.finish(end))
      .catch((e: unknown) => this.finish({ ok: false, exitCode: 1, message: `Непредвиденная ошибка: ${(e as Error)?.message ?? String(e)}` }));
    this.broadcastState();
  }

  /** As Ctrl+C: the rows in flight finish their step; the run ends with 130 and the next one resumes. */
  stop(): boolean {
    if (!this.running || !this.controller || this.controller.signal.aborted) return false;
    this.lines.push('Остановка: завершаю текущие шаги и записываю журнал…');
    this.controller.abort('SIGINT');
    this.broadcastState();
    return true;
  }

  /** Resolves when the current run (if any) has ended. */
  async settled(): Promise<void> {
    await this.running;
  }

  private onEvent(e: RunEvent, settings: Settings): void {
    const live = this.live!;
    if (e.type === 'run-start') {
      // run.json is written before the first event: the whole queue shows at once, in its order.
      try {
        const meta = readRunMeta(path.resolve(settings.reportsDir, e.runId));
        live.expect(expectedRows(meta.rows));
      } catch {
        // the table fills as rows start
      }
    }
    const row = live.apply(e);
    if (SUMMARY_EVENTS.has(e.type)) this.broadcastState();
    else if (row) this.broadcast({ type: 'row', row, summary: live.snapshot().summary });
  }

  private finish(end: BatchEnd): void {
    this.running = undefined;
    this.outcome = end.ok
      ? {
          exitCode: end.result.exitCode,
          message: outcomeMessage(end.result.exitCode),
          runId: path.basename(end.result.runDir),
          ...(end.result.counts ? { counts: end.result.counts } : {}),
          hasReport: end.result.reportHtml !== undefined,
        }
      : { exitCode: end.exitCode, message: this.mask(end.message), hasReport: false };
    this.broadcastState();
  }

  private broadcastState(): void {
    this.broadcast({ type: 'state', view: this.view() });
  }

  private broadcast(m: RunMessage): void {
    for (const l of this.listeners) l(m);
  }
}

/** How a run ended, for the page (DESIGN.md's exit codes). */
export function outcomeMessage(exitCode: number): string {
  switch (exitCode) {
    case 0:
      return 'Прогон завершён: все строки обработаны.';
    case 1:
      return 'Прогон завершён, но некоторые строки требуют внимания: причина и что делать — в отчёте.';
    case 2:
      return 'Прогон остановлен: неверные данные или настройки (код 2). Что исправить — в отчёте и выше.';
    case 3:
      return 'Прогон остановлен: Навигатор не отвечает или слишком много сбоев подряд (код 3). Запустите прогон позже — он продолжит с того же места.';
    case 130:
      return 'Прогон остановлен по кнопке «Остановить» (код 130). Начатые строки дописаны в журнал; следующий прогон продолжит с того же места.';
    default:
      return `Прогон завершён с кодом ${exitCode}.`;
  }
}
