/** Parsing of Linux /proc/<pid>/task/<tid>/stat lines: which CPU a thread last ran on. */

export interface CpuSample {
  cpu: number;
  /** Char code of the OS state letter (R running, S sleeping, D disk, ...). */
  state: number;
  /** OS thread id. */
  tid: number;
}

/** Parses one stat line; null when it is not one. Field 39 is the CPU, field 3 the state. */
export function parseStat(line: string): CpuSample | null {
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const tid = Number.parseInt(line, 10);
  const rest = line.slice(close + 2).split(' ');
  // rest[0] is field 3 (state), so field 39 is rest[36].
  const state = rest[0]?.charCodeAt(0) ?? 0;
  const cpu = Number(rest[36]);
  if (!Number.isFinite(cpu) || !Number.isFinite(tid)) return null;
  return { cpu, state, tid };
}
