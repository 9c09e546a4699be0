// Text that came from a server (a reason quoting the site's answer, a notice) on its way to the
// staff's terminal: escape sequences could move the cursor, rewrite earlier lines or retitle the
// window, and bidi controls reorder what is read. Control characters (C0 but tab and line feed,
// DEL, C1) and format characters (\p{Cf}) become «�»; lines stay lines (issue 24).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Cf}/gu;

export function terminalText(s: string): string {
  return s.replace(/\r\n/g, '\n').replace(UNSAFE, '\ufffd');
}
