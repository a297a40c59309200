/** worker-error and timeout findings, and the report's result and processes. */
import { strict as assert } from 'node:assert';
import { analyzeTrace } from '../../../src/analysis';
import { EventKind, ExitCause, TraceBuilder } from './trace-builder';
import { analyze, findingsOf } from './helpers';

describe('analysis: worker errors and timeouts', () => {
  it('a worker that threw gives a worker-error with its message and the throwing line', () => {
    const b = new TraceBuilder();
    b.begin(0).spawn(0, 1, 'Process-1');
    b.exit(1, { error: 'Error: boom\n    at work (/work/fail.ts:3:9)\n    at node:internal/x:1:1' });
    b.joined(0, 1).exit(0);
    b.finish('error', { processes: [{ id: 0, name: 'MainProcess', exitCode: 0, error: null }, { id: 1, name: 'Process-1', exitCode: 1, error: 'Error: boom' }] });
    const report = analyze(b);
    assert.equal(report.result, 'error');
    const errors = findingsOf(report, 'worker-error');
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0].processes, ['Process-1']);
    assert.match(errors[0].message, /Process-1 failed at fail\.ts:3: Error: boom/);
    assert.deepEqual(errors[0].locations, [{ file: '/work/fail.ts', line: 3 }]);
    assert.deepEqual(report.processes, [
      { name: 'MainProcess', exitCode: 0, error: null },
      { name: 'Process-1', exitCode: 1, error: 'Error: boom\n    at work (/work/fail.ts:3:9)\n    at node:internal/x:1:1' },
    ]);
  });

  it('an exit the supervisor wrote (error string with a negative id) is a worker-error too', () => {
    const b = new TraceBuilder();
    b.begin(0).spawn(0, 1, 'Hungry');
    const trace = b.build();
    const events = new Float64Array(trace.events.length + 8);
    events.set(trace.events);
    events.set([100, EventKind.PROC_EXIT, 1, 1, 1, -1000001, ExitCause.EXITED, -1], trace.events.length);
    trace.strings.set(-1000001, 'Hungry ran out of memory (heap limit)');
    const report = analyzeTrace({ ...trace, events });
    const errors = findingsOf(report, 'worker-error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /Hungry failed: Hungry ran out of memory/);
    assert.deepEqual(report.processes.find((p) => p.name === 'Hungry'), { name: 'Hungry', exitCode: 1, error: 'Hungry ran out of memory (heap limit)' });
  });

  it('counts dropped events from DROPPED records when there is no footer', () => {
    const b = new TraceBuilder();
    b.begin(0);
    b.emit(EventKind.DROPPED, 0, -1, 17);
    b.emit(EventKind.DROPPED, 0, -1, 3);
    assert.equal(analyze(b).dropped, 20);
  });

  it('a terminated worker is not a worker-error', () => {
    const b = new TraceBuilder();
    b.begin(0).spawn(0, 1);
    b.exit(1, { error: 'terminated', cause: ExitCause.TERMINATED, code: 1 });
    assert.deepEqual(findingsOf(analyze(b), 'worker-error'), []);
  });

  it('a timed-out run gives a timeout finding naming what was still running and where', () => {
    const b = new TraceBuilder();
    const v = b.value('spin');
    b.begin(0).spawn(0, 1, 'Spinner');
    b.read(1, v, 0, b.loc(5, '/work/loop.ts'));
    b.exit(1, { cause: ExitCause.STOPPED, code: 1 });
    b.exit(0, { cause: ExitCause.STOPPED, code: 1 });
    b.finish('timeout', { message: 'the run exceeded --timeout 2000 ms' });
    const report = analyze(b);
    assert.equal(report.result, 'timeout');
    const timeouts = findingsOf(report, 'timeout');
    assert.equal(timeouts.length, 1);
    assert.match(timeouts[0].message, /the run exceeded --timeout 2000 ms; still running: MainProcess, Spinner \(last at loop\.ts:5\)/);
    assert.deepEqual(timeouts[0].locations, [{ file: '/work/loop.ts', line: 5 }]);
  });

  it('a trace without a footer takes its result from the findings', () => {
    const b = new TraceBuilder();
    b.begin(0).spawn(0, 1);
    b.exit(1, { error: 'Error: x' });
    assert.equal(analyze(b).result, 'error');
  });
});
