/**
 * Escapes text for HTML element content and for double-quoted attribute values (the only quoting
 * either page uses; a single quote needs no escape there, and leaving it lets a CSP in a <meta>
 * attribute read as written). Both pages that embed trace-derived text (the VS Code webview shell
 * and the standalone HTML export) use this one function, so there is one place to get it right.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);
}
