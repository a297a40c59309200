/** One vocabulary: the analysis and the webview give an unnamed process or object the same name. */
import * as assert from 'node:assert/strict';
import { TraceModel as AnalysisModel } from '../../../src/analysis/trace-model';
import { EventKind, ObjectKind, RECORD_SLOTS, SCHEMA_VERSION } from '../../../src/shared/events';
import { defaultObjectName, defaultProcessName } from '../../../src/shared/names';
import { TraceModel as WebviewModel } from '../../../webview/model/trace-model';

describe('shared names: one vocabulary for processes and objects', () => {
  it('names unnamed objects by kind and id, and processes as Python does', () => {
    assert.equal(defaultObjectName(5, ObjectKind.LOCK), 'Lock-5');
    assert.equal(defaultObjectName(9, undefined), 'object-9');
    assert.equal(defaultProcessName(0), 'MainProcess');
    assert.equal(defaultProcessName(3), 'Process-3');
  });

  it("the webview names an unnamed lock as the analysis' findings name it, so findings find their lanes", () => {
    const events = new Float64Array(RECORD_SLOTS);
    // OBJ_CREATE: obj 5, a = kind, b = name id (-1: none)
    events.set([0.1, EventKind.OBJ_CREATE, 0, 5, ObjectKind.LOCK, -1, 0, -1]);
    const web = new WebviewModel();
    web.ingest(events);
    const analysis = new AnalysisModel({
      header: { schema: SCHEMA_VERSION, script: 'x.ts', epochWallMs: 0, cpuCount: 1, platform: 'linux', coresKnown: true, locations: 'all' },
      strings: new Map(), events, footer: null, truncated: false,
    });
    assert.equal(web.objectName(5), 'Lock-5');
    assert.equal(web.objectName(5), analysis.objectName(5));
    assert.equal(web.processName(2), analysis.processName(2));
  });
});
