/** The host↔webview protocol validators (plain Node: no browser needed). */
import * as assert from 'node:assert/strict';
import { parseFromWebview, parseReport, parseToWebview, parseWebviewState } from '../../src/shared/protocol';

describe('protocol: parseToWebview', () => {
  it('accepts load with a Uint8Array, an ArrayBuffer or a byte array', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    assert.deepEqual(parseToWebview({ type: 'load', trace: bytes, title: 't' }), { type: 'load', trace: bytes, title: 't' });
    const fromBuffer = parseToWebview({ type: 'load', trace: bytes.buffer, title: 't' });
    assert.ok(fromBuffer?.type === 'load' && fromBuffer.trace instanceof Uint8Array && fromBuffer.trace.length === 3);
    const fromArray = parseToWebview({ type: 'load', trace: [1, 2, 3] });
    assert.ok(fromArray?.type === 'load' && fromArray.trace[2] === 3 && fromArray.title === 'trace');
    assert.equal(parseToWebview({ type: 'load', trace: 'AAAA' }), null);
    assert.equal(parseToWebview({ type: 'load', trace: [1, 999] }), null);
  });

  it('accepts a batch of whole records and string pairs, rejects anything else', () => {
    const events = new Float64Array(16);
    const ok = parseToWebview({ type: 'batch', strings: [[1, 'a']], events });
    assert.ok(ok?.type === 'batch' && ok.events === events && ok.strings[0][1] === 'a');
    const fromArray = parseToWebview({ type: 'batch', strings: [], events: Array.from({ length: 8 }, (_, i) => i) });
    assert.ok(fromArray?.type === 'batch' && fromArray.events instanceof Float64Array);
    assert.equal(parseToWebview({ type: 'batch', strings: [], events: new Float64Array(7) }), null);
    assert.equal(parseToWebview({ type: 'batch', strings: [[1, 2]], events }), null);
    assert.equal(parseToWebview({ type: 'batch', strings: 'x', events }), null);
  });

  it('checks start, finished and report payloads', () => {
    const header = { schema: 1, script: 'a.ts', epochWallMs: 1, cpuCount: 2, platform: 'linux', coresKnown: true, locations: 'all' };
    assert.deepEqual(parseToWebview({ type: 'start', header, title: 'a' }), { type: 'start', header, title: 'a' });
    assert.equal(parseToWebview({ type: 'start', header: { script: 'x' } }), null);
    const footer = { result: 'deadlock', message: null, processes: [{ id: 0, name: 'MainProcess', exitCode: null, error: null }], dropped: 0, deadlock: { edges: [{ waiter: 1, object: 2, holder: 3 }] }, durationMs: 5 };
    assert.deepEqual(parseToWebview({ type: 'finished', footer, exitStatus: 2 }), { type: 'finished', footer, exitStatus: 2 });
    assert.equal(parseToWebview({ type: 'finished', footer: { ...footer, result: 'weird' } }), null);
    const report = parseToWebview({ type: 'report', report: { findings: [{ kind: 'data-race', message: 'm', objects: ['v'], processes: ['p'], locations: [{ file: 'f', line: 3 }, { file: 1 }] }, 'junk'] } });
    assert.ok(report?.type === 'report');
    assert.equal(report.report.findings.length, 1);
    assert.deepEqual(report.report.findings[0].locations, [{ file: 'f', line: 3 }]);
  });

  it('rejects unknown types and non-objects', () => {
    for (const x of [null, undefined, 1, 'load', [], { type: 'eval' }, { type: 1 }]) assert.equal(parseToWebview(x), null);
  });
});

describe('protocol: parseFromWebview', () => {
  it('accepts ready, reveal and state', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'reveal', file: '/a.ts', line: 3 }), { type: 'reveal', file: '/a.ts', line: 3 });
    assert.deepEqual(parseFromWebview({ type: 'reveal', file: '/a.ts', line: 3.7, column: 2 }), { type: 'reveal', file: '/a.ts', line: 3, column: 2 });
    const state = { version: 1, view: { t0: 1, t1: 2 }, follow: true, search: 's', hiddenLanes: ['w:1'], hiddenCategories: [] };
    assert.deepEqual(parseFromWebview({ type: 'state', state }), { type: 'state', state });
  });

  it('rejects reveal without a file or with a line below 1, and unknown messages', () => {
    assert.equal(parseFromWebview({ type: 'reveal', file: '', line: 1 }), null);
    assert.equal(parseFromWebview({ type: 'reveal', file: 'a', line: 0 }), null);
    assert.equal(parseFromWebview({ type: 'reveal', file: 'a', line: '3' }), null);
    assert.equal(parseFromWebview({ type: 'runCommand', command: 'x' }), null);
    assert.equal(parseFromWebview({ type: 'state', state: { version: 2 } }), null);
  });
});

describe('protocol: parseWebviewState / parseReport', () => {
  it('normalises a saved state (an inverted view becomes "fit")', () => {
    assert.deepEqual(parseWebviewState({ version: 1, view: { t0: 5, t1: 1 }, hiddenLanes: [3] }), {
      version: 1, view: null, follow: false, search: '', hiddenLanes: [], hiddenCategories: [],
    });
    assert.equal(parseWebviewState(undefined), null);
  });

  it('keeps the queue and lock statistics of a report', () => {
    const r = parseReport({ findings: [], queues: [{ name: 'q', puts: 2, gets: 2 }, { name: 1 }], locks: [{ name: 'L', acquisitions: 3 }] });
    assert.deepEqual(r, { findings: [], queues: [{ name: 'q', puts: 2, gets: 2 }], locks: [{ name: 'L', acquisitions: 3, contended: 0, waitMs: 0, holdMs: 0 }] });
  });
});
