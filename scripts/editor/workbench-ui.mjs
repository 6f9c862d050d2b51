// Drives the code-server workbench as a person would: open examples/01-unsettled-draft.md
// with Quick Open, see the squiggle and the Problems rows, hover "inner misalignment" and
// read the competing senses, open the quick fix menu (Ctrl+.), pick "Pin ... for this
// document", and see that term's flags go while the others stay. Screenshots of the
// hover, the quick fix menu and the result go to `outDir`; a failed step adds a
// failure screenshot and says what the workbench showed instead.
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { describeWorkbench, readWorkbench } from './workbench-state.mjs';

const FILE = '01-unsettled-draft.md';
const TERM_TEXT = 'inner misalignment';
const SENSES = ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused'];
const PIN_TITLE = 'Pin inner alignment to "generalization-focused" for this document';
/** Monaco draws spaces as U+00A0; compare text with them turned back into spaces. */
const plain = (s) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/** The on-screen box of the first `needle` in the editor's rendered lines, or null. */
async function textBox(page, needle) {
  return page.evaluate((needle) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      const nodes = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let all = '';
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode, start: all.length });
        all += walker.currentNode.data.replace(/\u00a0/g, ' ');
      }
      const at = all.indexOf(needle);
      if (at < 0) continue;
      const locate = (offset) => {
        const hit = nodes.filter((n) => n.start <= offset).pop();
        return [hit.node, offset - hit.start];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + needle.length));
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, needle);
}

/** Texts of the Problems panel's rows. */
async function problemRows(page) {
  return (await page.locator('.markers-panel .monaco-list-row').allTextContents()).map(plain);
}

/** The text of the extension's status bar item ("2 ambiguous terms"), or ''. */
async function statusItem(page) {
  const items = (await page.locator('.statusbar-item').allTextContents()).map(plain);
  return items.find((t) => /ambiguous|alignment/i.test(t)) ?? '';
}

/** Opens the notification centre through the command palette. */
async function showNotifications(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
  await page.keyboard.type('Notifications: Show Notifications');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notifications-center.visible', { timeout: 5000 });
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
async function until(fn, timeoutMs, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let value;
  while (Date.now() < deadline) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return value;
}

/**
 * Runs the UI steps against code-server at `url` with `workspace` (which holds FILE).
 * Resolves to `{ checks, seen, screenshots }`; each check is `{ name, ok, detail, seconds }`
 * and the run stops at the first failed one; `seen.notes` lists retries worth knowing about.
 */
export async function runWorkbenchUi({ tools, url, workspace, browserDir, outDir }) {
  const checks = [];
  const seen = { notes: [] };
  const screenshots = [];
  const t0 = Date.now();
  const { context, page } = await launchBrowser(tools, browserDir);
  const shot = async (name) => {
    const file = path.join(outDir, name);
    await page.screenshot({ path: file });
    screenshots.push(file);
  };
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      const detail = await fn();
      checks.push({ name, ok: true, detail: detail ?? '', seconds: (Date.now() - started) / 1000 });
      return true;
    } catch (error) {
      const state = await readWorkbench(page);
      // Toasts fade; open the notification centre so the failure screenshot shows them too.
      if (state.notifications?.length) await showNotifications(page).catch(() => {});
      await shot('code-server-failure.png').catch(() => {});
      // Playwright says "page.waitForSelector: Timeout 60000ms exceeded."; say it in seconds.
      const reason = String(error?.message ?? error)
        .split('\n')[0]
        .replace(/^[\w.]+: Timeout (\d+)ms exceeded\.?/, (_, ms) => `nothing within ${Number(ms) / 1000} s`);
      checks.push({ name, ok: false, detail: `${reason}; ${describeWorkbench(state)}`, seconds: (Date.now() - started) / 1000 });
      return false;
    }
  };

  try {
    const ok =
      (await step('the workbench loads with the example folder open', async () => {
        await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
        await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
      })) &&
      (await step(`Quick Open opens ${FILE}`, async () => {
        await page.keyboard.press('Control+P');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20_000 });
        await page.keyboard.type(FILE);
        await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${FILE}"]`, { timeout: 20_000 });
        await page.keyboard.press('Enter');
        await page.waitForSelector(`.tab[aria-label*="${FILE}"]`, { timeout: 20_000 });
        await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: 20_000 });
      })) &&
      (await step('a warning squiggle appears in the editor', async () => {
        // Stop waiting early when the extension has already said it failed (a notification).
        const outcome = await until(async () => {
          if ((await page.locator('.monaco-editor .squiggly-warning').count()) > 0) return 'squiggle';
          const toasts = (await page.locator('.notifications-toasts .notification-list-item-message').allTextContents()).map(plain);
          return toasts.some((t) => /alignment terms|server initialization failed|connection to server/i.test(t)) ? 'error' : null;
        }, 60_000, 250);
        if (outcome !== 'squiggle') throw new Error(outcome === 'error' ? 'the extension reported an error instead of a squiggle' : 'no warning squiggle within 60 s');
        seen.statusBefore = await statusItem(page);
        return `${await page.locator('.monaco-editor .squiggly-warning').count()} squiggles; status bar "${seen.statusBefore}"`;
      })) &&
      (await step(`the Problems panel lists "${TERM_TEXT}" and the other ambiguous uses`, async () => {
        await page.keyboard.press('Control+Shift+M');
        await page.waitForSelector(`.markers-panel .monaco-list-row:has-text('"${TERM_TEXT}" is ambiguous')`, { timeout: 30_000 });
        const rows = await until(async () => {
          const r = (await problemRows(page)).filter((t) => t.includes('is ambiguous'));
          return r.length >= 4 ? r : null;
        }, 10_000);
        seen.problems = await problemRows(page);
        if (!rows || rows.length !== 4) throw new Error(`expected 4 "is ambiguous" rows, found ${rows?.length ?? 0}`);
        return seen.problems.find((t) => t.includes(TERM_TEXT));
      })) &&
      (await step(`hovering "${TERM_TEXT}" shows the four competing senses`, async () => {
        const box = await textBox(page, TERM_TEXT);
        if (!box) throw new Error(`"${TERM_TEXT}" is not visible in the editor`);
        await page.mouse.move(5, 5);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
        const hover = page.locator('.monaco-hover:visible', { hasText: 'contested term' }).first();
        await hover.waitFor({ state: 'visible', timeout: 30_000 });
        await until(async () => {
          const text = plain(await hover.textContent());
          return SENSES.every((s) => text.includes(s));
        }, 10_000);
        seen.hover = plain(await hover.textContent());
        const lacking = SENSES.filter((s) => !seen.hover.includes(s));
        if (lacking.length) throw new Error(`the hover lacks ${lacking.join(', ')}: "${seen.hover.slice(0, 300)}"`);
        await shot('code-server-hover.png');
        return seen.hover.slice(0, 200);
      })) &&
      (await step(`Ctrl+. offers "${PIN_TITLE}"`, async () => {
        const box = await textBox(page, TERM_TEXT);
        // Put the cursor in the word, then move the mouse off so the hover closes: with the
        // pointer still on the word the hover keeps reopening and Ctrl+. opens nothing.
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await page.locator('.monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
        // On a loaded machine a Ctrl+. now and then opens nothing (seen 1 run in about 10);
        // press it again as a person would, up to three times, and say so in the result.
        const rows = page.locator('.action-widget .monaco-list-row.action');
        let presses = 0;
        while (presses < 3 && !(await rows.first().isVisible())) {
          presses++;
          await page.keyboard.press('Control+.');
          await rows.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
        }
        if (!(await rows.first().isVisible())) throw new Error('no quick fix menu after pressing Ctrl+. three times (10 s each)');
        seen.quickFixes = (await rows.allTextContents()).map(plain).filter(Boolean);
        if (!seen.quickFixes.some((t) => t.includes(PIN_TITLE))) throw new Error(`the menu offers ${JSON.stringify(seen.quickFixes)}`);
        await shot('code-server-quickfix.png');
        if (presses > 1) seen.notes.push(`the quick fix menu opened on Ctrl+. press ${presses}, not the first`);
        return seen.quickFixes.join(' | ');
      })) &&
      (await step('it is the preferred fix (first and focused); Enter pins the sense in front matter', async () => {
        const focused = plain(await page.locator('.action-widget .monaco-list-row.action.focused').first().textContent());
        if (!focused.includes(PIN_TITLE)) throw new Error(`the focused item is "${focused}"`);
        await page.keyboard.press('Enter');
        const text = await until(async () => {
          const t = plain(await page.locator('.monaco-editor .view-lines').first().textContent());
          return t.includes('inner-alignment: generalization-focused') ? t : null;
        }, 20_000);
        if (!text) throw new Error('the editor text never showed "inner-alignment: generalization-focused"');
        return text.slice(0, 80);
      })) &&
      (await step('the inner-alignment flags disappear; the two outer-alignment flags stay', async () => {
        const rows = await until(async () => {
          const r = (await problemRows(page)).filter((t) => t.includes('is ambiguous'));
          return r.length === 2 && r.every((t) => t.includes('outer')) ? r : null;
        }, 30_000);
        seen.problemsAfter = await problemRows(page);
        if (!rows) throw new Error(`Problems still lists ${JSON.stringify(seen.problemsAfter)}`);
        seen.statusAfter = await statusItem(page);
        await page.mouse.move(5, 5);
        await shot('code-server-after.png');
        return `${rows.join(' | ')}; status bar "${seen.statusAfter}"`;
      }));
    seen.ok = ok;
    seen.seconds = (Date.now() - t0) / 1000;
    return { checks, seen, screenshots };
  } finally {
    await context.close().catch(() => {});
  }
}
