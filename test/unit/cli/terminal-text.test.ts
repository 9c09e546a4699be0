// A server's text reaches the terminal without its escape sequences or bidi controls (issue 24).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../../src/cli/progress.js';
import { terminalText } from '../../../src/cli/terminal-text.js';
import { ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';

describe('server text on the console', () => {
  it('a failed row’s reason and a notice quoting the site print without ESC, BEL, C1 or U+202E', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const p = new Progress(1, out as unknown as NodeJS.WriteStream, new Map(), () => 0, ACCOUNTING_LAYOUT);
    p.handle({ type: 'notice', key: 'к-1', text: 'Сайт: \u001b]0;pwned\u0007 готово', at: '' } as never);
    p.handle({
      type: 'row-end',
      key: 'к-1',
      status: 'failed',
      facts: {},
      attempts: 1,
      ms: 1,
      screenshots: [],
      at: '',
      error: { kind: 'business', reason: 'Сайт ответил: \u001b[2J\u001b[1;1Hвсё хорошо \u202eотказ\u009b31m', action: '' },
    } as never);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('Сайт ответил: \ufffd[2J\ufffd[1;1Hвсё хорошо \ufffdотказ\ufffd31m');
    expect(text).toContain('Сайт: \ufffd]0;pwned\ufffd готово');
  });

  it('keeps line breaks and tabs', () => {
    expect(terminalText('a\tb\r\nc')).toBe('a\tb\nc');
  });
});
