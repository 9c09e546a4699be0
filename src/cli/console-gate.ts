// One gate for everything navbot prints. The console is where a secret is easiest to lose (a
// stop reason quoting a page, a crash stack, a progress line), so stdout and stderr themselves
// pass every string through the masks registered here: the settings' secrets from the moment
// settings are read, a run's redactor (with each row's password while the row runs) while the
// run lasts. Whatever prints — our code, winston, the progress bar, Node's crash report — goes
// through it.
import type { Redactor } from '../core/redact.js';

type Mask = Pick<Redactor, 'text'>;

const masks = new Set<Mask>();
const gated = new WeakSet<NodeJS.WritableStream>();

/** Masks `text` with every registered mask. */
export function maskConsoleText(text: string): string {
  let out = text;
  for (const m of masks) out = m.text(out);
  return out;
}

/** Registers a mask for the console; returns its removal. */
export function maskConsoleWith(mask: Mask): () => void {
  masks.add(mask);
  return () => void masks.delete(mask);
}

/** Makes `stream.write` mask what it is given (strings and UTF-8 buffers). Idempotent. */
export function gateStream(stream: NodeJS.WritableStream): void {
  if (gated.has(stream)) return;
  gated.add(stream);
  const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (masks.size > 0) {
      if (typeof chunk === 'string') chunk = maskConsoleText(chunk);
      else if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) {
        const text = Buffer.from(chunk).toString('utf8');
        const masked = maskConsoleText(text);
        if (masked !== text) chunk = Buffer.from(masked, 'utf8');
      }
    }
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

/** Gates the process's stdout and stderr (called once by the CLI's entry point). */
export function gateConsole(): void {
  gateStream(process.stdout);
  gateStream(process.stderr);
}
