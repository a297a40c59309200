/** Recorded locations are parsed in one place; the analysis and the webview read them alike. */
import * as assert from 'node:assert/strict';
import { parseLocation as analysisLocation } from '../../../src/analysis/source-location';
import { parseRecordedLocation } from '../../../src/shared/source-location';
import { parseLocation as webviewLocation } from '../../../webview/model/locations';

describe('shared source locations: one parser', () => {
  it('parses from the right, so URLs and drive letters keep their colons', () => {
    assert.deepEqual(parseRecordedLocation('file:///C:/x.ts:3:7'), { file: 'file:///C:/x.ts', line: 3, column: 7 });
    assert.deepEqual(parseRecordedLocation('C:\\a\\race.ts:16'), { file: 'C:\\a\\race.ts', line: 16 });
    assert.equal(parseRecordedLocation('no line here'), null);
    assert.equal(parseRecordedLocation(':4'), null);
  });

  it('the analysis and the webview agree on every location (the webview also refuses line 0)', () => {
    for (const text of ['/w/demos/race.ts:16:9', 'file:///C:/x.ts:3:7', 'race.ts:14', 'a:b:c']) {
      const a = analysisLocation(text);
      const w = webviewLocation(text);
      assert.deepEqual(a && { file: a.file, line: a.line }, w && { file: w.file, line: w.line }, text);
    }
    assert.equal(webviewLocation('x.ts:0'), null);
  });
});
