import assert from 'node:assert/strict';
import type { TraceFooter } from '../shared/trace-file';
import { describeOutcome, runnerEndedMessage } from './outcome-message';

const footer = (over: Partial<TraceFooter>): TraceFooter => ({ result: 'ok', message: null, processes: [], dropped: 0, deadlock: null, durationMs: 1, ...over });
const finding = (kind: string, message: string) => ({ kind, message, objects: [], processes: [], locations: [] });

describe('describeOutcome(facts)', () => {
  const base = { title: 't.ts', failure: null, findings: [], stoppedByUser: false };

  it('names the failing worker, its line and error', () => {
    const d = describeOutcome({ ...base, footer: footer({ result: 'error' }), findings: [finding('worker-error', 'fragile failed at t.ts:7: Error: boom\n  at x')] });
    assert.deepEqual(d, { text: 't.ts: fragile failed at t.ts:7: Error: boom', severity: 'warning' });
  });

  it('falls back on the footer\u2019s process errors when there is no report', () => {
    const d = describeOutcome({ ...base, footer: footer({ result: 'error', processes: [{ id: 1, name: 'hog', exitCode: 1, error: 'hog ran out of memory' }] }) });
    assert.equal(d.text, 't.ts: hog failed: hog ran out of memory');
  });

  it('says timeouts with what was still running, deadlocks with their cycle, and stops as stops', () => {
    assert.equal(
      describeOutcome({ ...base, footer: footer({ result: 'timeout', message: 'timed out after 2000 ms' }), findings: [finding('timeout', 'Timeout: x; still running: MainProcess, spinner.')] }).text,
      't.ts: timed out after 2000 ms; still running: MainProcess, spinner.',
    );
    assert.equal(describeOutcome({ ...base, footer: footer({ result: 'deadlock', message: 'A waits for B' }) }).text, 't.ts: deadlock: A waits for B');
    assert.equal(describeOutcome({ ...base, footer: footer({ result: 'deadlock', message: 'deadlock: A waits for B' }) }).text, 't.ts: deadlock: A waits for B');
    // A title that says it already (the deadlock demo's): the word once, not "Deadlock: deadlock: …".
    assert.equal(describeOutcome({ ...base, title: 'Deadlock', footer: footer({ result: 'deadlock', message: 'deadlock: A waits for B' }) }).text, 'Deadlock: A waits for B');
    // A file name that holds the word is not the word: the toast still says what happened.
    assert.equal(describeOutcome({ ...base, title: 'fault-deadlock.ts', footer: footer({ result: 'deadlock', message: 'deadlock: A waits for B' }) }).text, 'fault-deadlock.ts: deadlock: A waits for B');
    assert.equal(describeOutcome({ ...base, title: 'deadlock demo', footer: footer({ result: 'deadlock', message: 'deadlock: A waits for B' }) }).text, 'deadlock demo: A waits for B');
    assert.equal(describeOutcome({ ...base, stoppedByUser: true, footer: footer({ result: 'error', message: 'stopped by the user' }) }).severity, 'info');
  });

  it('says a runner that died, and how', () => {
    const text = runnerEndedMessage({ code: null, signal: 'SIGKILL' }, '');
    assert.match(text, /^the runner was killed by SIGKILL before the run ended .*the trace keeps what was written until then$/);
    assert.deepEqual(describeOutcome({ ...base, footer: null, failure: text }), { text: `t.ts: ${text}`, severity: 'error' });
  });
});
