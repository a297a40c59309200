/** Human formats for times and numbers. */

/** A duration or timestamp in trace milliseconds, with a unit that suits its size. */
export function formatMs(ms: number, digits = 3): string {
  if (!Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  if (a === 0) return '0 ms';
  if (a < 0.001) return `${+(ms * 1e6).toPrecision(digits)} ns`;
  if (a < 1) return `${+(ms * 1e3).toPrecision(digits)} µs`;
  if (a < 1000) return `${+ms.toPrecision(digits)} ms`;
  return `${+(ms / 1000).toPrecision(digits)} s`;
}

const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  // (one formatter: toLocaleString builds a new one per call, a hot spot when a gutter is rebuilt)
  return counts.format(n);
}
