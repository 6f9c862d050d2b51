// Debian's Chromium, driven by playwright-core (which downloads no browser of its own),
// headless, with a fresh profile folder and nothing that reaches out: no first-run,
// sync, component updates, background networking or QUIC.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { childEnv } from './processes.mjs';

/** The launch flags (playwright adds --headless and --remote-debugging-pipe itself). */
export const CHROMIUM_FLAGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * Launches Chromium with the fresh profile folder `profileDir` (its HOME too) and
 * resolves to `{ context, page }`. `extraArgs` are appended to CHROMIUM_FLAGS.
 * Playwright's own signal handlers are off: scripts/editor/run.mjs stops everything.
 */
export async function launchBrowser(tools, profileDir, { extraArgs = [] } = {}) {
  const { chromium } = createRequire(path.join(tools.playwrightCore.dir, 'package.json'))('playwright-core');
  mkdirSync(path.join(profileDir, 'home'), { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(profileDir, 'user-data'), {
    executablePath: tools.chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    env: childEnv({ ...process.env, HOME: path.join(profileDir, 'home') }),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
