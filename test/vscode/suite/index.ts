/**
 * Entry point VS Code's extension host loads for the editor tests (bundled by
 * test/vscode/bundle.mjs): runs the mocha suite and rejects when any test fails, so
 * the runner's exit code reports it. Hosts: @vscode/test-electron (test/vscode/run.mjs)
 * and code-server's extension host (scripts/editor/exthost-suite.mjs).
 */
import Mocha from 'mocha';

/**
 * Under scripts/editor (ALIGNMENT_TERMS_TEST_EVENTS=1 in the host's environment), one
 * `[test-event] {...}` JSON line per finished test, so the harness counts and names each
 * test without parsing the spec reporter's text.
 */
function reportEvents(runner: Mocha.Runner): void {
  if (process.env.ALIGNMENT_TERMS_TEST_EVENTS !== '1') return;
  const emit = (event: object) => console.log(`[test-event] ${JSON.stringify(event)}`);
  runner.on('pass', (test) => emit({ state: 'passed', title: test.fullTitle() }));
  runner.on('fail', (test, error: Error) => emit({ state: 'failed', title: test.fullTitle(), error: String(error?.message ?? error).split('\n').slice(0, 20).join('\n') }));
}

/** Called by the extension host (see @vscode/test-electron's extensionTestsPath). */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: process.env.ALIGNMENT_TERMS_TEST_EVENTS !== '1' });
  // Expose describe/it to the suite module, then load it (bundled, evaluated here).
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  await import('./extension.test');
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => (failures ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
    reportEvents(runner);
  });
}
