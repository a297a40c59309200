/**
 * Lesson: a worker that dies.
 *
 * One worker throws halfway through its work. In the tutorial such deaths went unseen; here the
 * run ends with a worker-error finding that carries the message and the line that threw.
 */
import { Process, Value } from 'interleave';

export function fragile(counter: Value<'i'>): void {
  for (let i = 0; i < 10; i++) {
    counter.value += 1;
    if (i === 4) throw new Error('sensor 4 returned garbage');
  }
}

export function main(): void {
  const counter = new Value('i', 0, { name: 'progress' });
  const p = new Process({ target: fragile, args: [counter], name: 'fragile-worker' });
  p.start();
  p.join();
  console.log('worker exit code:', p.exitCode, '· progress:', counter.value);
}
