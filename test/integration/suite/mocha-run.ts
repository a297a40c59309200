/**
 * Runs the given test files (explicitly named, as vscode-hexeditor does: no glob, so a missing
 * file is an error, not a silently smaller suite) inside the extension host.
 */
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMocha(files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of files) mocha.addFile(path.join(__dirname, `${f}.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
