/**
 * A theme colour without its alpha, for the marks of the plot.
 *
 * Some `--vscode-charts-*` colours are translucent: VS Code derives `charts.orange` from
 * `minimap.findMatchHighlight`, itself `editor.findMatchHighlightBackground`, which is `#EA5C0055`
 * (a third opaque) in the dark and light defaults. Drawn as is, orange becomes a dark brown on a
 * near-black editor (about 1.5:1 against it) and the marks that use it vanish: blocked on a queue,
 * a lock held while others wait, write ticks. The chart colours name a hue for data, not a tint
 * over the editor, so the plot draws them opaque (#EA5C00 is 5:1 against #1f1f1f). Colours it
 * cannot parse (named colours, color-mix) are kept as they are.
 */
export function opaqueColour(colour: string): string {
  const c = colour.trim();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(c);
  if (hex) {
    const digits = hex[1]!;
    if (digits.length === 4) return `#${digits.slice(0, 3)}`;
    if (digits.length === 8) return `#${digits.slice(0, 6)}`;
    return c;
  }
  // rgb(r, g, b, a), rgba(r, g, b, a), rgb(r g b / a): keep the three channels.
  const fn = /^rgba?\(\s*([^,\s/]+)[\s,]+([^,\s/]+)[\s,]+([^,\s/)]+)\s*(?:[,/]\s*[^)]*)?\)$/i.exec(c);
  if (fn) return `rgb(${fn[1]}, ${fn[2]}, ${fn[3]})`;
  return c;
}
