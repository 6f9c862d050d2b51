/**
 * The VS Code concept-map view (client/src/conceptMap.ts) against a stand-in `vscode`
 * module: the command opens one panel beside the draft with the server's SVG inline
 * under a strict Content-Security-Policy, follows the active Markdown editor, and
 * redraws once after a burst of edits. (The editor tests in test/vscode run the real
 * thing; this pins the behaviour without downloading VS Code.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeDocument {
  uri: { toString(): string; path: string };
  languageId: string;
  fileName: string;
}

const state = vi.hoisted(() => ({
  commands: new Map<string, () => void>(),
  panels: [] as { html: string; title: string; revealed: number; options: unknown; column: unknown; disposeHandlers: (() => void)[] }[],
  activeEditor: undefined as { document: unknown } | undefined,
  onActive: [] as ((editor: unknown) => void)[],
  onChange: [] as ((event: unknown) => void)[],
  messages: [] as string[],
}));

vi.mock('vscode', () => {
  const listen = (list: ((e: unknown) => void)[]) => (fn: (e: unknown) => void, _this: unknown, bag?: { dispose(): void }[]) => {
    list.push(fn);
    const disposable = { dispose: () => list.splice(list.indexOf(fn), 1) };
    bag?.push(disposable);
    return disposable;
  };
  return {
    ViewColumn: { Beside: -2 },
    Disposable: { from: (...items: { dispose(): void }[]) => ({ dispose: () => items.forEach((i) => i.dispose()) }) },
    commands: {
      registerCommand: (id: string, fn: () => void) => {
        state.commands.set(id, fn);
        return { dispose: () => state.commands.delete(id) };
      },
    },
    window: {
      get activeTextEditor() {
        return state.activeEditor;
      },
      get visibleTextEditors() {
        return state.activeEditor ? [state.activeEditor] : [];
      },
      showInformationMessage: (message: string) => state.messages.push(message),
      onDidChangeActiveTextEditor: listen(state.onActive),
      createWebviewPanel: (_type: string, title: string, column: unknown, options: unknown) => {
        const panel = {
          html: '',
          title,
          revealed: 0,
          options,
          column,
          disposeHandlers: [] as (() => void)[],
        };
        state.panels.push(panel);
        return {
          webview: {
            cspSource: 'vscode-webview://test',
            get html() {
              return panel.html;
            },
            set html(value: string) {
              panel.html = value;
            },
          },
          get title() {
            return panel.title;
          },
          set title(value: string) {
            panel.title = value;
          },
          reveal: () => panel.revealed++,
          onDidDispose: (fn: () => void, _this: unknown, bag?: { dispose(): void }[]) => {
            panel.disposeHandlers.push(fn);
            const d = { dispose() {} };
            bag?.push(d);
            return d;
          },
          dispose: () => panel.disposeHandlers.forEach((fn) => fn()),
        };
      },
    },
    workspace: {
      onDidChangeTextDocument: listen(state.onChange),
      onDidSaveTextDocument: listen([]),
    },
  };
});

// Loaded by a path the type checker does not follow: the client is its own TypeScript
// project (client/tsconfig.json, with the vscode types); these are the parts used here.
const CLIENT_MODULE = '../../client/src/conceptMap';
const { registerConceptMap, SHOW_CONCEPT_MAP_COMMAND } = (await import(CLIENT_MODULE)) as {
  registerConceptMap(context: { subscriptions: { dispose(): void }[] }, client: unknown): { dispose(): void };
  SHOW_CONCEPT_MAP_COMMAND: string;
};

function doc(name: string, languageId = 'markdown'): FakeDocument {
  const uri = `file:///w/${name}`;
  return { uri: { toString: () => uri, path: `/w/${name}` }, languageId, fileName: `/w/${name}` };
}

describe('the concept map view', () => {
  let requests: { method: string; params: { uri: string } }[];
  let client: { sendRequest: (method: string, params: { uri: string }) => Promise<unknown> };
  let subscriptions: { dispose(): void }[];

  beforeEach(() => {
    vi.useFakeTimers();
    state.commands.clear();
    state.panels.length = 0;
    state.onActive.length = 0;
    state.onChange.length = 0;
    state.messages.length = 0;
    requests = [];
    client = {
      sendRequest: async (method, params) => {
        requests.push({ method, params });
        return { uri: params.uri, version: requests.length, format: 'svg', text: `<svg xmlns="http://www.w3.org/2000/svg"><text>map of ${params.uri} #${requests.length}</text></svg>` };
      },
    };
    subscriptions = [];
    registerConceptMap({ subscriptions }, client);
  });

  afterEach(() => {
    for (const s of subscriptions) s.dispose();
    vi.useRealTimers();
  });

  const run = async () => {
    state.commands.get(SHOW_CONCEPT_MAP_COMMAND)!();
    await vi.runAllTimersAsync();
  };

  it('opens beside the draft, without scripts, with the server\'s SVG inline', async () => {
    state.activeEditor = { document: doc('post.md') };
    await run();
    expect(state.panels).toHaveLength(1);
    const [panel] = state.panels;
    expect(panel.column).toEqual({ viewColumn: -2, preserveFocus: true });
    expect(panel.options).toMatchObject({ enableScripts: false, localResourceRoots: [] });
    expect(panel.title).toBe('Concept map: post.md');
    expect(requests).toEqual([{ method: 'alignmentTerms/conceptMap', params: { uri: 'file:///w/post.md', format: 'svg' } }]);
    expect(panel.html).toContain('<svg xmlns="http://www.w3.org/2000/svg"><text>map of file:///w/post.md #1</text></svg>');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(panel.html)![1];
    expect(csp).toMatch(/^default-src 'none'; img-src vscode-webview:\/\/test data:; style-src 'nonce-[A-Za-z0-9+/=]+';$/);
    expect(panel.html).not.toMatch(/<script/i);
  });

  it('follows the active Markdown editor, and ignores other editors', async () => {
    state.activeEditor = { document: doc('a.md') };
    await run();
    const other = doc('b.md');
    state.onActive.forEach((fn) => fn({ document: other }));
    await vi.runAllTimersAsync();
    expect(state.panels[0].title).toBe('Concept map: b.md');
    expect(state.panels[0].html).toContain('map of file:///w/b.md');
    state.onActive.forEach((fn) => fn({ document: doc('code.ts', 'typescript') }));
    await vi.runAllTimersAsync();
    expect(requests.map((r) => r.params.uri)).toEqual(['file:///w/a.md', 'file:///w/b.md']);
  });

  it('redraws once after a burst of edits to the shown draft', async () => {
    const shown = doc('a.md');
    state.activeEditor = { document: shown };
    await run();
    for (let i = 0; i < 5; i++) {
      state.onChange.forEach((fn) => fn({ document: shown, contentChanges: [{}] }));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(requests).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(2);
    expect(state.panels[0].html).toContain('#2');
    // Edits to another document do nothing.
    state.onChange.forEach((fn) => fn({ document: doc('z.md'), contentChanges: [{}] }));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(2);
  });

  it('reuses its panel, and explains when there is no draft or no map', async () => {
    state.activeEditor = { document: doc('a.md') };
    await run();
    await run();
    expect(state.panels).toHaveLength(1);
    expect(state.panels[0].revealed).toBe(1);

    state.panels[0].disposeHandlers.forEach((fn) => fn());
    state.activeEditor = undefined;
    await run();
    expect(state.messages).toEqual(['Alignment Terms: open a Markdown draft to see its concept map.']);

    client.sendRequest = async () => null;
    state.activeEditor = { document: doc('off.md') };
    await run();
    expect(state.panels[1].html).toContain('No concept map for this document');
  });
});
