/**
 * Hostile input: a 1 GiB trace file (written streaming into the OS temp folder, removed after).
 * `report` and `export --format chrome` load a bounded part (the first 256 MiB of events; the
 * strings and the footer of the whole file), say so on stderr and in the JSON (`partial`), and
 * finish in bounded time and memory; `export --format html` refuses it with a clear message.
 * Also a 1 GiB sparse file whose one chunk claims more bytes than exist (a bounded truncated load)
 * and a 1 GiB file of zeros after the magic (a clear error at once).
 *
 * INTERLEAVE_SKIP_HUGE=1 skips it (it needs 1 GiB of free temp space).
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../../src/shared/events';
import { ChunkType, TRACE_MAGIC, encodeJsonChunk } from '../../../src/shared/trace-file';
import { CLI, ROOT } from '../run-fixture';
import { writeHugeTrace, type HugeTrace } from './huge-trace-file';

const GIB = 1024 ** 3;
/** A bounded load must stay well below this resident size (the file is 1 GiB). */
const RSS_LIMIT_MB = 1536;
const TIME_LIMIT_MS = 60_000;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakRssMb: number;
}

/** Runs the CLI, sampling its peak resident size (VmHWM) from /proc. */
function cli(args: string[]): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRssMb = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const sampler = setInterval(() => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakRssMb = Math.max(peakRssMb, Math.round(kb / 1024));
    } catch { /* exited */ }
  }, 50);
  const killer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS + 10_000);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: Date.now() - started, peakRssMb });
    });
  });
}

describe('hostile input: a 1 GiB trace', function () {
  this.timeout(4 * TIME_LIMIT_MS);
  let dir = '';
  let huge = '';
  let written: HugeTrace;

  before(function () {
    if (process.env.INTERLEAVE_SKIP_HUGE) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'interleave-huge-'));
    huge = join(dir, 'huge.itrace');
    const started = Date.now();
    written = writeHugeTrace(huge, GIB);
    console.log(`      wrote ${(written.bytes / GIB).toFixed(2)} GiB, ${written.events.toLocaleString('en-US')} events in ${Date.now() - started} ms`);
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('report --json: a bounded partial load, said on stderr and in the JSON, in bounded time and memory', async () => {
    assert.ok(statSync(huge).size > 0.99 * GIB);
    const run = await cli(['report', huge, '--json']);
    console.log(`      report --json: ${run.ms} ms, peak RSS ${run.peakRssMb} MiB`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^interleave: the trace is too large to load whole \(1023 MiB\): loaded its first 4,194,304 of [\d,]+ events \(256 MiB\); findings cover that part only\n$/);
    const report = JSON.parse(run.stdout) as { result: string; events: number; processes: { name: string }[]; partial?: { loadedEvents: number; fileEvents: number } };
    assert.equal(report.result, 'ok', 'the result is the whole run\'s (from the footer)');
    assert.deepEqual(report.processes.map((x) => x.name), ['MainProcess', 'worker-1', 'worker-2']);
    assert.equal(report.events, 4_194_304);
    assert.equal(report.partial?.fileEvents, written.events);
    assert.ok(run.ms < TIME_LIMIT_MS, `${run.ms} ms`);
    assert.ok(run.peakRssMb < RSS_LIMIT_MB, `peak RSS ${run.peakRssMb} MiB`);
  });

  it('export --format chrome: the same bounded load, a valid JSON file', async () => {
    const out = join(dir, 'huge.json');
    const run = await cli(['export', huge, '--format', 'chrome', '-o', out]);
    console.log(`      export chrome: ${run.ms} ms, peak RSS ${run.peakRssMb} MiB, ${Math.round(statSync(out).size / 2 ** 20)} MiB written`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /too large to load whole/);
    const chrome = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: unknown[] };
    assert.ok(chrome.traceEvents.length > 1000);
    assert.ok(run.ms < TIME_LIMIT_MS && run.peakRssMb < 2 * RSS_LIMIT_MB, `${run.ms} ms, ${run.peakRssMb} MiB`);
    rmSync(out);
  });

  it('export --format html: refused at once with a clear message', async () => {
    const run = await cli(['export', huge, '--format', 'html', '-o', join(dir, 'huge.html')]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'interleave: the trace is too large for a self-contained HTML page (1023 MiB, at most 256 MiB): export it with --format chrome\n');
    assert.ok(run.ms < 10_000);
  });

  it('a 1 GiB sparse file whose one chunk claims more than the file holds: a bounded truncated load', async () => {
    const path = join(dir, 'sparse.itrace');
    const fd = openSync(path, 'w');
    const header = encodeJsonChunk(ChunkType.HEADER, { schema: SCHEMA_VERSION, script: 'sparse.ts', epochWallMs: 0, cpuCount: 1, platform: 'linux', coresKnown: false, locations: 'off' });
    writeSync(fd, TRACE_MAGIC);
    writeSync(fd, header);
    writeSync(fd, new Uint8Array([ChunkType.EVENTS, 0, 0, 0, 0xc0, 0xff, 0xff, 0xff]));
    ftruncateSync(fd, GIB);
    closeSync(fd);
    const run = await cli(['report', path, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { events: number; truncated: boolean };
    assert.deepEqual({ events: report.events, truncated: report.truncated }, { events: 0, truncated: true });
    assert.ok(run.ms < 10_000 && run.peakRssMb < 512, `${run.ms} ms, ${run.peakRssMb} MiB`);
    rmSync(path);
  });

  it('a 1 GiB file of zeros after the magic: a clear error at once', async () => {
    const path = join(dir, 'zeros.itrace');
    const fd = openSync(path, 'w');
    writeSync(fd, TRACE_MAGIC);
    ftruncateSync(fd, GIB);
    closeSync(fd);
    const run = await cli(['report', path]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'interleave: corrupt trace: the first chunk is of type 0, not the header\n');
    assert.ok(run.ms < 10_000 && run.peakRssMb < 512, `${run.ms} ms, ${run.peakRssMb} MiB`);
    rmSync(path);
  });
});
