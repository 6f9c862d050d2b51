// `npm run test:vscode`: runs the editor tests (test/vscode/suite) inside VS Code with
// @vscode/test-electron. VS Code comes from VSCODE_EXECUTABLE_PATH, else from a
// download; where neither is possible (no internet), it says so in one line and exits 0
// without running anything: it never reports a pass it did not see.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { bundleSuite } from './bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function findVSCode() {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  try {
    return await downloadAndUnzipVSCode({
      version: process.env.VSCODE_VERSION ?? 'stable',
      cachePath: path.join(tmpdir(), 'alignment-terms-vscode-test'),
      timeout: 30_000,
      reporter: { report() {}, error() {} },
    });
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
    console.log(`test:vscode: not run: VS Code is not available here (download failed: ${reason}); set VSCODE_EXECUTABLE_PATH to a VS Code binary to run the editor tests.`);
    return null;
  }
}

const executable = await findVSCode();
if (!executable) process.exit(0);

execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
const suite = path.join(ROOT, 'dist', 'vscode-tests', 'index.js');
await bundleSuite(suite);

// A fresh copy of the fixture workspace, so the tests' edits never touch the repository.
const workspace = mkdtempSync(path.join(tmpdir(), 'alignment-terms-vscode-ws-'));
cpSync(path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (error) {
  console.error(`test:vscode: editor tests failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
process.exit(code);
