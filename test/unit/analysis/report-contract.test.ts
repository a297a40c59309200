/** The report follows docs/report-json.md, the `interleave report --json` contract, exactly. */
import { strict as assert } from 'node:assert';
import { BlockReason, TraceBuilder } from './trace-builder';
import { analyze } from './helpers';

const FINDING_KINDS = ['data-race', 'lost-update', 'deadlock', 'lock-order-inversion', 'abandoned-lock', 'worker-error', 'timeout'];

function busyTrace(): TraceBuilder {
  const b = new TraceBuilder();
  const v = b.value('counter');
  const l = b.lock('L');
  const m = b.lock('M');
  const q = b.queue('Q');
  b.begin(0).spawn(0, 1).spawn(0, 2);
  b.read(1, v, 0, b.loc(3)); b.read(2, v, 0, b.loc(3));
  b.write(1, v, 0, 1, b.loc(3)); b.write(2, v, 0, 1, b.loc(3));
  b.acquire(1, l, b.loc(4)); b.acquire(1, m, b.loc(5)); b.release(1, m); b.release(1, l);
  b.acquire(2, m, b.loc(6)); b.acquire(2, l, b.loc(7)); b.release(2, l); b.release(2, m);
  b.put(1, q); b.get(2, q);
  b.block(0, 1, BlockReason.JOIN); b.exit(1, { error: 'Error: bad' }); b.unblock(0, 1, BlockReason.JOIN); b.joined(0, 1);
  b.acquire(2, l); b.exit(2);
  b.exit(0);
  b.finish('error');
  return b;
}

describe('analysis: the report JSON contract', () => {
  it('has the contract fields with their types, and survives JSON round-trip', () => {
    const report = analyze(busyTrace());
    const json = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
    assert.deepEqual(json, report as unknown as Record<string, unknown>);
    assert.ok(['ok', 'error', 'timeout', 'deadlock'].includes(report.result));
    assert.equal(typeof report.events, 'number');
    assert.equal(typeof report.dropped, 'number');
    for (const p of report.processes) {
      assert.deepEqual(Object.keys(p), ['name', 'exitCode', 'error']);
      assert.equal(typeof p.name, 'string');
    }
    for (const f of report.findings) {
      assert.deepEqual(Object.keys(f), ['kind', 'message', 'objects', 'processes', 'locations']);
      assert.ok(FINDING_KINDS.includes(f.kind));
      assert.ok(f.message.length > 0);
      for (const name of [...f.objects, ...f.processes]) assert.equal(typeof name, 'string');
      for (const loc of f.locations) {
        assert.deepEqual(Object.keys(loc), ['file', 'line']);
        assert.ok(Number.isInteger(loc.line));
      }
    }
    for (const q of report.queues) assert.deepEqual(Object.keys(q), ['name', 'puts', 'gets']);
    for (const l of report.locks) assert.deepEqual(Object.keys(l), ['name', 'acquisitions', 'contended', 'waitMs', 'holdMs']);
  });

  it('finds every kind this trace holds, each with its source lines', () => {
    const report = analyze(busyTrace());
    const kinds = new Set(report.findings.map((f) => f.kind));
    for (const kind of ['data-race', 'lost-update', 'lock-order-inversion', 'abandoned-lock', 'worker-error']) assert.ok(kinds.has(kind as never), kind);
    for (const f of report.findings) if (f.kind !== 'worker-error') assert.ok(f.locations.length > 0, f.kind);
    assert.equal(report.events, busyTrace().records.length);
  });

  it('is the same for any file order of the same records', () => {
    const a = analyze(busyTrace(), 'time');
    const b = analyze(busyTrace(), 'by-thread');
    assert.deepEqual(b.findings, a.findings);
    assert.deepEqual(b.locks, a.locks);
    assert.deepEqual(b.queues, a.queues);
  });
});
