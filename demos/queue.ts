/**
 * Lesson: Queue ordering.
 *
 * Two producers put numbered items on one Queue; one consumer takes them. Items from different
 * producers interleave, but each producer's own items always arrive in the order it put them
 * (FIFO). The timeline draws an arrow from every put to the get that received it.
 */
import { Process, Queue, currentProcess } from 'interleave';

export function produce(queue: Queue<string>, count: number): void {
  const me = currentProcess().name;
  for (let i = 1; i <= count; i++) queue.put(`${me}#${i}`);
}

export function consume(queue: Queue<string>, total: number): void {
  const received: string[] = [];
  for (let i = 0; i < total; i++) received.push(queue.get());
  console.log('received:', received.join(' '));
}

export function main(): void {
  const queue = new Queue<string>(0, { name: 'jobs' });
  const producers = [
    new Process({ target: produce, args: [queue, 10], name: 'producer-A' }),
    new Process({ target: produce, args: [queue, 10], name: 'producer-B' }),
  ];
  const consumer = new Process({ target: consume, args: [queue, 20], name: 'consumer' });
  consumer.start();
  for (const p of producers) p.start();
  for (const p of producers) p.join();
  consumer.join();
}
