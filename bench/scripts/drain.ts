/**
 * Supervisor drain throughput: two producers record as fast as they can (WRITE events on their
 * own shared Value), the supervisor drains and writes the trace. The window starts at the mark
 * before the producers start and ends when the last event is in the trace (the footer's time,
 * stamped after the supervisor's last drain; bench/trace-times.ts reads both): the orchestrator
 * divides the trace's event count by it. produce_ms (until both joined) is printed beside it.
 */
import { Process, Value, mark } from 'interleave';

export const EVENTS_PER_PRODUCER = 2_000_000;

export function produce(cell: Value<'d'>): void {
  for (let i = 0; i < EVENTS_PER_PRODUCER; i++) cell.value = i;
}

export function main(): void {
  const producers = [0, 1].map((i) => new Process({ target: produce, args: [new Value('d', 0, { name: `cell-${i}` })] }));
  mark('produce');
  const t0 = performance.now();
  for (const p of producers) p.start();
  for (const p of producers) p.join();
  console.log(`BENCH ${JSON.stringify({ produce_ms: performance.now() - t0, events: 2 * EVENTS_PER_PRODUCER })}`);
}
