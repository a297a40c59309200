import * as assert from 'node:assert/strict';
import { opaqueColour } from '../../../webview/render/opaque-colour';

describe('webview: theme colours drawn opaque (render/opaque-colour.ts)', () => {
  it("drops the alpha of VS Code's translucent charts.orange (#EA5C0055 in Dark Modern)", () => {
    assert.equal(opaqueColour('#EA5C0055'), '#EA5C00');
    assert.equal(opaqueColour(' #ea5c0055 '), '#ea5c00');
  });
  it('drops the alpha of #rgba and of rgba()/rgb( / a)', () => {
    assert.equal(opaqueColour('#f805'), '#f80');
    assert.equal(opaqueColour('rgba(234, 92, 0, 0.33)'), 'rgb(234, 92, 0)');
    assert.equal(opaqueColour('rgb(234 92 0 / 33%)'), 'rgb(234, 92, 0)');
  });
  it('keeps opaque and unparsed colours as they are', () => {
    for (const c of ['#d18616', '#fff', 'rgb(1, 2, 3)', 'orange', 'color-mix(in srgb, red 50%, blue)']) assert.equal(opaqueColour(c), c);
  });
});
