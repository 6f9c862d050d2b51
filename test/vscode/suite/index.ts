/**
 * Entry point VS Code's extension host loads for the editor tests (bundled by
 * test/vscode/run.mjs to dist/vscode-tests/index.js): runs the mocha suite and
 * rejects when any test fails, so the runner's exit code reports it.
 */
import Mocha from 'mocha';

/** Called by the extension host (see @vscode/test-electron's extensionTestsPath). */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
  // Expose describe/it to the suite module, then load it (bundled, evaluated here).
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  await import('./extension.test');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
  });
}
