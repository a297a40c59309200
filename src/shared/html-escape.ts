/**
 * Escapes text for HTML, in element content and in quoted attribute values alike. Both pages
 * that embed trace-derived text (the VS Code webview shell and the standalone HTML export) use
 * this one function, so there is one place to get it right.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
