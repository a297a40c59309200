/**
 * Which of a run's sources the load-time transform (instrument.ts) rewrites, and its cache: the
 * program's own files (not node_modules, not the runner's bundles). The transform is loaded lazily
 * (a separate bundle with its parser), and its output is cached on disk like compiled TypeScript
 * (compile-cache.ts), so each file is parsed once across all the threads of all runs.
 *
 * A file the parser cannot read (syntax newer than it knows, say) runs as it is, with a warning:
 * its shared-memory accesses are then not traced, and the user is told so.
 */
import { statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { CompileCache } from './compile-cache';

interface Instrumenter {
  instrumentSource(code: string, file: string, sourceType: 'script' | 'module'): { code: string } | null;
}

export class SourceInstrumentation {
  private instrumenter: Instrumenter | null = null;
  private readonly cache: CompileCache;
  private readonly runnerDir: string;
  private readonly warned = new Set<string>();

  constructor(private readonly instrumentPath: string, private readonly load: (path: string) => unknown) {
    const stat = statSync(instrumentPath, { throwIfNoEntry: false });
    this.cache = CompileCache.inTempDir(`instrument:${instrumentPath}:${stat?.mtimeMs ?? 0}:${stat?.size ?? 0}`);
    this.runnerDir = dirname(instrumentPath) + sep;
  }

  /** Whether `filename` is the program's own code (instrumented) rather than a library or ours. */
  covers(filename: string): boolean {
    return !filename.startsWith(this.runnerDir) && !/[\\/]node_modules[\\/]/.test(filename) && !filename.startsWith('node:');
  }

  /** The source to run for `filename`: instrumented when it is the program's, else as it is. */
  apply(source: string, filename: string, sourceType: 'script' | 'module'): string {
    if (!this.covers(filename)) return source;
    try {
      // A parse error is not cached: the warning comes on every run until the file is fixed.
      return this.cache.get(`${sourceType}:${filename}`, source, () => this.transform().instrumentSource(source, filename, sourceType)?.code ?? source);
    } catch (error) {
      this.warn(filename, error);
      return source;
    }
  }

  private transform(): Instrumenter {
    this.instrumenter ??= this.load(this.instrumentPath) as Instrumenter;
    return this.instrumenter;
  }

  private warn(filename: string, error: unknown): void {
    if (this.warned.has(filename)) return;
    this.warned.add(filename);
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(`interleave: ${filename} could not be instrumented (${why}); its shared-memory accesses are not traced\n`);
  }
}
