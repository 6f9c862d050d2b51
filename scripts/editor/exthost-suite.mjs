// Runs the test/vscode mocha suite inside code-server's Node extension host: VS Code's
// own extension-test mechanism (extensionDevelopmentPath + extensionTestsPath, what
// @vscode/test-electron passes on the command line), reached through the browser
// workbench's `payload` URL parameter. The host calls window.codeAutomationLog for each
// console line and window.codeAutomationExit(code) when run() settles.
//
// Two workarounds make a built workbench honour that payload (both found by trying, see
// README, "Testing in real editors"); they are the parts to re-check after a code-server or Chromium bump:
//  1. A built workbench ignores `payload` unless developmentOptions.enableSmokeTestDriver
//     is set, and code-server has no flag for it (`--enable-smoke-test-driver` is an
//     unknown option). So the page's HTML is rewritten on its way in to set it.
//  2. Once the document comes from route.fulfill, Chromium's Local Network Access checks
//     block the workbench's WebSocket to 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS),
//     so this browser runs with --disable-features=LocalNetworkAccessChecks.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { describeWorkbench, readWorkbench } from './workbench-state.mjs';

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Runs the suite bundle `testsPath` against the extension in `extensionFolder` (the
 * installed .vsix's folder), with `workspace` open. Resolves to
 * `{ code, tests, lines, problem }` (tests: `{ state, title, error }` per finished test); `problem` explains a run that did not
 * finish (time-out, page crash) together with what the workbench showed.
 */
export async function runExtensionHostSuite({ tools, url, workspace, extensionFolder, testsPath, browserDir, outDir, timeoutMs = 300_000, onLine = () => {} }) {
  const host = new URL(url).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionFolder)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const lines = [];
  const { context, page } = await launchBrowser(tools, browserDir, { extraArgs: ['--disable-features=LocalNetworkAccessChecks'] });
  try {
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      // The host forwards console.log's arguments: a format string and its values.
      const text = Array.isArray(message) ? format(...message) : typeof message === 'string' ? message : JSON.stringify(message);
      for (const line of text.replace(ANSI, '').split('\n')) {
        lines.push({ level, line });
        if (!line.startsWith('[test-event]')) onLine(level, line);
      }
    });
    // Workaround 1: switch on the smoke-test driver in the workbench configuration.
    await page.route(
      (u) => u.pathname === '/',
      async (route) => {
        const response = await route.fetch();
        const body = await response.text();
        const patched = body.replace('developmentOptions&quot;:{', 'developmentOptions&quot;:{&quot;enableSmokeTestDriver&quot;:true,');
        if (patched === body) console.log('test:editor: warning: the workbench HTML has no developmentOptions to patch; the extension tests may not start');
        await route.fulfill({ response, body: patched });
      },
    );
    const crashed = new Promise((resolve) => page.once('crash', () => resolve('the page crashed')));
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timedOut = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const code = await Promise.race([exited, timedOut, crashed]);
    const tests = lines
      .map((l) => /^\[test-event\] (\{.*\})\s*$/.exec(l.line))
      .filter(Boolean)
      .map((m) => JSON.parse(m[1]));
    const result = { code: typeof code === 'number' ? code : null, tests, lines };
    if (typeof code !== 'number') {
      const state = await readWorkbench(page);
      await page.screenshot({ path: path.join(outDir, 'exthost-failure.png') }).catch(() => {});
      result.problem = `${code === 'timeout' ? `the extension tests did not finish within ${timeoutMs / 1000} s` : code}; ${describeWorkbench(state)}`;
    } else if (code !== 0) {
      // The host reports the failure; the page shows why a person would notice it.
      result.workbench = describeWorkbench(await readWorkbench(page));
      await page.screenshot({ path: path.join(outDir, 'exthost-failure.png') }).catch(() => {});
    }
    writeFileSync(path.join(outDir, 'exthost-log.txt'), `${lines.map((l) => `[${l.level}] ${l.line}`).join('\n')}\n`);
    return result;
  } finally {
    await context.close().catch(() => {});
  }
}
