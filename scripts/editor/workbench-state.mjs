// What the code-server workbench shows a person right now, in words: open tabs,
// notifications, the Problems panel, the status bar, the visible editor text. Failure
// messages quote it, so a red run says what the user would have seen.

/** Reads the workbench's visible state from `page`; never throws (returns what it could read). */
export async function readWorkbench(page) {
  try {
    return await page.evaluate(() => {
      const text = (el) => (el?.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
      const all = (selector) => [...document.querySelectorAll(selector)].map(text).filter(Boolean);
      const problems = document.querySelector('.markers-panel');
      return {
        workbench: Boolean(document.querySelector('.monaco-workbench')),
        tabs: all('.tabs-container .tab .label-name'),
        notifications: all('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message'),
        problems: problems ? all('.markers-panel .monaco-list-row') : null,
        problemsMessage: problems ? text(problems.querySelector('.message-box-container')) : null,
        statusBar: all('.statusbar-item').filter((s) => s.length < 120),
        editor: text(document.querySelector('.monaco-editor .view-lines')).slice(0, 300),
        squiggles: document.querySelectorAll('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').length,
      };
    });
  } catch (error) {
    return { unreadable: String(error?.message ?? error).split('\n')[0] };
  }
}

/** One paragraph describing `state` (from readWorkbench) for a failure message. */
export function describeWorkbench(state) {
  if (state.unreadable) return `the page could not be read (${state.unreadable})`;
  if (!state.workbench) return 'no VS Code workbench on the page';
  const parts = [];
  parts.push(`tabs: ${state.tabs.length ? state.tabs.map((t) => `"${t}"`).join(', ') : 'none'}`);
  parts.push(`notifications: ${state.notifications.length ? state.notifications.map((n) => `"${n}"`).join('; ') : 'none'}`);
  if (state.problems) parts.push(`Problems panel: ${state.problems.length ? state.problems.map((p) => `"${p}"`).join('; ') : `"${state.problemsMessage || 'empty'}"`}`);
  parts.push(`squiggles in the editor: ${state.squiggles}`);
  const ours = state.statusBar.filter((s) => /align|term|pin|sense/i.test(s));
  parts.push(`status bar: ${(ours.length ? ours : state.statusBar).map((s) => `"${s}"`).join(', ') || 'empty'}`);
  return `the workbench showed ${parts.join('; ')}`;
}
