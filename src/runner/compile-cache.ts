/**
 * A cache of compiled TypeScript, shared by every worker of every run: a run of 1 000 Processes
 * compiles the script once, not 1 000 times. Keyed by a hash of the compiler bundle's identity,
 * the file's path and its source text, so an edited file is never served stale. Entries are
 * written to a temporary name and renamed, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class CompileCache {
  constructor(private readonly dir: string, private readonly compilerId: string) {}

  static inTempDir(compilerId: string): CompileCache {
    return new CompileCache(join(tmpdir(), 'interleave-ts-cache'), compilerId);
  }

  get(filename: string, source: string, compile: () => string): string {
    const key = createHash('sha1').update(this.compilerId).update('\0').update(filename).update('\0').update(source).digest('hex');
    const path = join(this.dir, `${key}.js`);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // not cached yet
    }
    const code = compile();
    try {
      mkdirSync(this.dir, { recursive: true });
      const temporary = `${path}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`;
      writeFileSync(temporary, code);
      renameSync(temporary, path);
    } catch {
      // A read-only or full temp folder only costs the next worker a compile.
    }
    return code;
  }
}
