/**
 * Supervisor drain throughput: two producers record as fast as they can (WRITE events on their
 * own shared Value), the supervisor drains and writes the trace. The orchestrator divides the
 * trace's event count by the run time.
 */
import { Process, Value } from 'interleave';

export const EVENTS_PER_PRODUCER = 2_000_000;

export function produce(cell: Value<'d'>): void {
  for (let i = 0; i < EVENTS_PER_PRODUCER; i++) cell.value = i;
}

export function main(): void {
  const t0 = performance.now();
  const producers = [0, 1].map((i) => new Process({ target: produce, args: [new Value('d', 0, { name: `cell-${i}` })] }));
  for (const p of producers) p.start();
  for (const p of producers) p.join();
  console.log(`BENCH ${JSON.stringify({ produce_ms: performance.now() - t0, events: 2 * EVENTS_PER_PRODUCER })}`);
}
