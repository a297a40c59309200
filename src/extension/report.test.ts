import assert from 'node:assert/strict';
import { parseReport, summarizeFindings } from './report';

describe('parseReport(json)', () => {
  it('keeps well-formed findings and drops locations that cannot be shown', () => {
    const r = parseReport(
      JSON.stringify({
        result: 'ok',
        findings: [
          { kind: 'lost-update', message: 'm', objects: ['counter'], processes: ['P1'], locations: [{ file: '/a.ts', line: 3 }, { file: '/a.ts', line: 0 }] },
          { nope: true },
        ],
        events: 10,
        dropped: 0,
      }),
    );
    assert.equal(r.findings.length, 1);
    assert.deepEqual(r.findings[0].locations, [{ file: '/a.ts', line: 3 }]);
  });

  it('throws on something that is not a report', () => {
    assert.throws(() => parseReport('[]'));
    assert.throws(() => parseReport('not json'));
  });
});

describe('summarizeFindings(findings)', () => {
  const f = (kind: string) => ({ kind, message: '', objects: [], processes: [], locations: [] });
  it('counts by kind', () => {
    assert.equal(summarizeFindings([f('lost-update'), f('data-race'), f('data-race')]), '1 lost update, 2 data races');
    assert.equal(summarizeFindings([]), 'no races or deadlocks found');
  });
});
