/** What the supervisor decides about a plain worker_threads program before it starts it. */
import { readFileSync } from 'node:fs';

/**
 * Events per ring of a plain program's threads (the Interleave API's get 1 << 16): a racing loop
 * records an event per element access, ten million a second per thread, faster than one drain
 * keeps up with while the loop runs; a ring of 16 MB holds such a burst of 250 000 accesses
 * without making the thread wait or drop (memory the OS backs only as the ring fills).
 */
export const PLAIN_RING_CAPACITY = 1 << 18;

/**
 * Whether a script is a plain worker_threads program: it imports no Interleave API and exports no
 * `main` (read from its text: the runner must name its main thread before the script loads).
 */
export function isPlainProgram(script: string): boolean {
  const shape = scriptShape(script);
  return shape !== null && !shape.importsInterleave && !shape.exportsMain;
}

/** Whether a script imports the Interleave API and exports a `main` (null: it cannot be read). */
export function scriptShape(script: string): { importsInterleave: boolean; exportsMain: boolean } | null {
  let source: string;
  try {
    source = readFileSync(script, 'utf8');
  } catch {
    return null;
  }
  return {
    importsInterleave: /(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*['"]interleave['"]/.test(source),
    exportsMain: /\bexport\s+(?:default\s+)?(?:async\s+)?function\s*\*?\s*main\b|\bexport\s+(?:const|let|var)\s+main\b|\bexport\s*\{[^}]*\bmain\b|\bexports\.main\b|\bmodule\.exports\s*=\s*\{[^}]*\bmain\b/.test(source),
  };
}
