/**
 * Text from a trace (names, labels, error messages: anything a script or a hostile file put there)
 * made safe to print on a terminal: control characters, which could move the cursor, rewrite the
 * screen or forge hyperlinks (ESC sequences), are shown as visible escapes. Newlines and tabs stay.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
