// The Russian progress bar (cli-progress): rows done of total, issued/failed counts, the step in
// progress and an ETA. Without a terminal (CI, a scheduler) it prints one line per finished row.
import cliProgress from 'cli-progress';
import type { RunEvent } from '../core/events.js';
import { GENERIC_LAYOUT, wordsOf, type ReportLayout } from '../core/layout.js';
import { terminalText } from './terminal-text.js';

export class Progress {
  private readonly bar: cliProgress.SingleBar | undefined;
  private done = 0;
  private issued = 0;
  private failed = 0;
  private readonly current = new Map<string, string>();
  private readonly startedAt: number;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly labels: Map<string, string> = new Map(),
    private readonly now: () => number = Date.now,
    /** The flow's words for its statuses and its main fact (its report layout). */
    private readonly layout: ReportLayout = GENERIC_LAYOUT,
  ) {
    this.startedAt = now();
    if (out.isTTY) {
      // «выдано» / «найдено»: the count word of the flow's first status.
      const good = (layout.statuses[0]?.count ?? 'готово').replace(/[{}]/g, '');
      this.bar = new cliProgress.SingleBar(
        {
          format: `Строки {bar} {value}/{total} | ${good} {issued} | ошибок {failed} | {step} | осталось ~{eta_formatted}`,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          stream: out,
          etaBuffer: 20,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { issued: 0, failed: 0, step: 'запуск' });
    }
  }

  private label(key: string): string {
    return this.labels.get(key) ?? key;
  }

  handle(e: RunEvent): void {
    switch (e.type) {
      case 'step-start':
        this.current.set(e.key, terminalText(`${this.label(e.key)}: ${e.title}`));
        break;
      case 'row-end':
        this.current.delete(e.key);
        this.done++;
        if (e.status === 'issued' || e.status === 'already') this.issued++;
        if (e.status === 'failed' || e.status === 'duplicate') this.failed++;
        if (!this.bar) {
          const main = this.layout.primary ? e.facts[this.layout.primary] : undefined;
          const number = typeof main === 'string' && main !== '' ? ` № ${main}` : '';
          const why = e.error ? ` — ${e.error.reason}` : (e.status === 'incomplete' || e.status === 'duplicate') && e.note ? ` — ${e.note}` : '';
          this.out.write(terminalText(`[${this.done}/${this.total}] ${this.label(e.key)}: ${wordsOf(this.layout, e.status).label.toLowerCase()}${number}${why}${this.eta()}`) + '\n');
        }
        break;
      case 'retry':
        if (!this.bar) this.out.write(`  ${this.label(e.key)}: попытка ${e.attempt} не удалась, повтор\n`);
        break;
      case 'notice':
        // Shown also under the bar: a person must act now.
        this.bar?.stop();
        this.out.write(`${terminalText(`  ${this.label(e.key)}: ${e.text}`)}\n`);
        break;
      default:
        return;
    }
    const step = [...this.current.values()][0] ?? '';
    this.bar?.update(this.done, { issued: this.issued, failed: this.failed, step: step.slice(0, 50) });
  }

  /**
   * «осталось ~N мин» from the rows finished so far (so it reflects how fast this Navigator
   * answers, slow regions included); empty after the last row.
   */
  private eta(): string {
    const left = this.total - this.done;
    if (left <= 0 || this.done === 0) return '';
    const ms = ((this.now() - this.startedAt) / this.done) * left;
    const min = Math.round(ms / 60_000);
    return ms < 60_000 ? ' (осталось меньше минуты)' : ` (осталось ~${min} мин)`;
  }

  stop(): void {
    this.bar?.stop();
  }
}
