/**
 * The trace of one of explore's runs, kept in memory: most runs match nothing and their trace is
 * thrown away, and writing each to disk only to read it back for the analysis took a tenth of a
 * small run's time (open, write, read, unlink). A trace that grows past `spillBytes` goes to its
 * file after all, as a run's trace always does (a run of millions of events is not held in memory),
 * and is analysed from there.
 */
import { closeSync, copyFileSync, openSync, writeFileSync } from 'node:fs';
import { nodeFileOps, type FileOps } from '../trace-writer';

const SPILL_BYTES = 32 * 1024 * 1024;

export class MemoryTrace implements FileOps {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  /** The file's descriptor once the trace has outgrown memory. */
  private spilled: number | null = null;

  constructor(readonly path: string, private readonly spillBytes = SPILL_BYTES) {}

  open(): number {
    return 0;
  }

  write(_fd: number, bytes: Uint8Array): void {
    if (this.spilled !== null) {
      nodeFileOps.write(this.spilled, bytes);
      return;
    }
    // A copy: the writer hands over views of the supervisor's drain buffer, which is reused.
    this.chunks.push(bytes.slice());
    this.bytes += bytes.byteLength;
    if (this.bytes <= this.spillBytes) return;
    this.spilled = openSync(this.path, 'w');
    for (const chunk of this.chunks) nodeFileOps.write(this.spilled, chunk);
    this.chunks = [];
  }

  close(): void {
    if (this.spilled !== null) closeSync(this.spilled);
  }

  /** The whole trace, or null when it went to its file (`path`). */
  contents(): Uint8Array | null {
    if (this.spilled !== null) return null;
    // Joined already (or written at once): saveTo after analysis must not copy it again.
    if (this.chunks.length === 1) return this.chunks[0]!;
    const whole = new Uint8Array(this.bytes);
    let at = 0;
    for (const chunk of this.chunks) {
      whole.set(chunk, at);
      at += chunk.byteLength;
    }
    this.chunks = [whole];
    return whole;
  }

  /** Writes the trace to `path` (the trace explore keeps). */
  saveTo(path: string): void {
    const whole = this.contents();
    if (whole) writeFileSync(path, whole);
    else copyFileSync(this.path, path);
  }
}
