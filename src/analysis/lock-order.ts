/**
 * The lock-acquisition-order graph (Helgrind's check): an edge A → B each time a thread takes B
 * while holding A. A cycle means the program takes the same locks in different orders, which can
 * deadlock under another schedule even when this run did not.
 *
 * An edge remembers where its first occurrence took A and B, and the "gate" locks held across all
 * its occurrences: a cycle whose edges all happen under one common other lock cannot deadlock
 * (the gate serialises them), so it is not reported (GoodLock's guard-lock refinement).
 */
import type { Holding } from './held-locks';

export interface OrderEdge {
  from: number;
  to: number;
  thread: number;
  fromLoc: number;
  toLoc: number;
  record: number;
  /** Locks held at every occurrence besides from and to. */
  gates: Set<number>;
}

/** Cycles reported per strongly connected component, at most. */
const MAX_CYCLES_PER_COMPONENT = 8;

export class LockOrderGraph {
  private readonly edges = new Map<number, Map<number, OrderEdge>>();

  /** Thread t took `lock` at `loc` while holding `held`. */
  acquired(t: number, lock: number, loc: number, record: number, held: readonly Holding[]): void {
    for (const h of held) {
      if (h.lock === lock) continue;
      let out = this.edges.get(h.lock);
      if (!out) { out = new Map(); this.edges.set(h.lock, out); }
      const edge = out.get(lock);
      if (!edge) {
        const gates = new Set<number>();
        for (const g of held) if (g.lock !== h.lock && g.lock !== lock) gates.add(g.lock);
        out.set(lock, { from: h.lock, to: lock, thread: t, fromLoc: h.loc, toLoc: loc, record, gates });
      } else if (edge.gates.size > 0) {
        for (const g of [...edge.gates]) if (!held.some((x) => x.lock === g)) edge.gates.delete(g);
      }
    }
  }

  /** Unguarded cycles, each as its edges in order. */
  cycles(): OrderEdge[][] {
    const found: OrderEdge[][] = [];
    const seen = new Set<string>();
    for (const component of this.components()) {
      if (component.length < 2) continue;
      const inside = new Set(component);
      let reported = 0;
      for (const start of [...component].sort((a, b) => a - b)) {
        if (reported >= MAX_CYCLES_PER_COMPONENT) break;
        const cycle = this.shortestCycle(start, inside);
        if (!cycle) continue;
        const key = canonical(cycle.map((e) => e.from));
        if (seen.has(key)) continue;
        seen.add(key);
        if (guarded(cycle)) continue;
        found.push(cycle);
        reported++;
      }
    }
    return found;
  }

  /** Tarjan's strongly connected components. */
  private components(): number[][] {
    const nodes = new Set<number>();
    for (const [from, out] of this.edges) { nodes.add(from); for (const to of out.keys()) nodes.add(to); }
    const index = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    const result: number[][] = [];
    let counter = 0;
    const visit = (v: number): void => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      for (const w of this.edges.get(v)?.keys() ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
      }
      if (low.get(v) === index.get(v)) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        result.push(component);
      }
    };
    for (const v of [...nodes].sort((a, b) => a - b)) if (!index.has(v)) visit(v);
    return result;
  }

  /** The shortest cycle through `start` inside one component (breadth-first). */
  private shortestCycle(start: number, inside: Set<number>): OrderEdge[] | null {
    const via = new Map<number, OrderEdge>();
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q];
      for (const [w, edge] of this.edges.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const cycle = [edge];
          let at = v;
          while (at !== start) {
            const back = via.get(at)!;
            cycle.unshift(back);
            at = back.from;
          }
          return cycle;
        }
        if (!via.has(w)) {
          via.set(w, edge);
          queue.push(w);
        }
      }
    }
    return null;
  }
}

function canonical(locks: number[]): string {
  let best = 0;
  for (let i = 1; i < locks.length; i++) if (locks[i] < locks[best]) best = i;
  return locks.slice(best).concat(locks.slice(0, best)).join(',');
}

function guarded(cycle: OrderEdge[]): boolean {
  for (const gate of cycle[0].gates) if (cycle.every((e) => e.gates.has(gate))) return true;
  return false;
}
