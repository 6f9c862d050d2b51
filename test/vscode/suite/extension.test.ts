/**
 * Editor tests, run inside VS Code: the extension activates on a Markdown draft,
 * diagnostics arrive (waited for through events, never sleeps), the hover card shows
 * the competing senses, the preferred quick fix pins the sense and every flag of that
 * term disappears; the pin command and the glossary page work.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const EXTENSION_ID = 'alignment-terms.alignment-terms';

/** Resolves with our diagnostics for `uri` once `predicate` holds (now or after a change event). */
function diagnostics(uri: vscode.Uri, predicate: (list: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'alignment-terms');
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const list = current();
      if (predicate(list)) {
        subscription.dispose();
        resolve(list);
      }
    });
    const list = current();
    if (predicate(list)) {
      subscription.dispose();
      resolve(list);
    }
  });
}

/**
 * The quick fixes at `range`. Once in about five fresh CI-like runs the first request,
 * right after the diagnostics arrived, came back empty (the cause is not found yet).
 * It is asked again for up to 5 s, with a note in the extension host log
 * (test-results/editor/exthost-log.txt), so a late answer is visible and a missing
 * fix still fails the test.
 */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const ask = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  let actions = await ask();
  for (let waited = 0; actions.length === 0 && waited < 5000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    actions = await ask();
    if (actions.length) console.log(`note: quick fixes arrived only after ${waited + 250} ms of asking again`);
  }
  return actions;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('alignment-terms in VS Code', () => {
  let client: LanguageClient;
  let document: vscode.TextDocument;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test instance`);
    client = (await extension.activate()) as LanguageClient;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace folder is not open');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'draft.md'));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('returns the running LanguageClient from activate()', () => {
    assert.equal(client.isRunning(), true);
  });

  it('flags the two ambiguous uses and nothing else', async () => {
    const list = await diagnostics(document.uri, (l) => l.length === 2);
    assert.deepEqual(
      list.map((d) => [d.range.start.line, document.getText(d.range), d.code && typeof d.code === 'object' ? d.code.value : d.code, d.severity]),
      [
        [3, 'inner misalignment', 'ambiguous-term', vscode.DiagnosticSeverity.Warning],
        [5, 'outer alignment', 'ambiguous-term', vscode.DiagnosticSeverity.Warning],
      ],
    );
  });

  it('shows a hover card with the competing senses and pin links', async () => {
    const position = new vscode.Position(3, document.lineAt(3).text.indexOf('inner') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /\*\*inner alignment\*\* · contested term, 4 senses/);
    assert.match(text, /likely \*generalization-focused\*/);
    for (const sense of ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']) assert.ok(text.includes(sense), `hover lacks ${sense}`);
    assert.match(text, /command:alignmentTerms\.pinSense\?/);
  });

  it('applies the preferred quick fix, which pins the sense and clears every flag of the term', async () => {
    const [inner] = await diagnostics(document.uri, (l) => l.length === 2);
    const actions = await quickFixes(document.uri, inner.range);
    const preferred = actions.filter((a) => a.isPreferred);
    const offered = actions.map((a) => `${a.isPreferred ? '(preferred) ' : ''}${a.title}`).join(' | ') || 'nothing';
    assert.deepEqual(preferred.map((a) => a.title), ['Pin inner alignment to "generalization-focused" for this document'], `the preferred quick fix for "${document.getText(inner.range)}"; offered: ${offered}`);
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
    assert.ok(document.getText().startsWith('---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\n# A short draft'));
    const list = await diagnostics(document.uri, (l) => l.length === 1);
    assert.equal(document.getText(list[0].range), 'outer alignment');
  });

  it('pins a sense through the command a hover link runs', async () => {
    const applied = await vscode.commands.executeCommand<boolean>('alignmentTerms.pinSense', { uri: document.uri.toString(), term: 'outer-alignment', sense: 'objective-function' });
    assert.equal(applied, true);
    assert.ok(document.getText().includes('  inner-alignment: generalization-focused\n  outer-alignment: objective-function\n---'));
    await diagnostics(document.uri, (l) => l.length === 0);
  });

  it('completes sense ids in the front matter', async () => {
    const line = 2; // "  inner-alignment: generalization-focused"
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, document.lineAt(line).text.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const sense of ['objective-focused', 'generalization-focused']) assert.ok(labels.includes(sense), `completion lacks ${sense}`);
  });

  it('opens the definitions the draft relies on as a Markdown document', async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('alignmentTerms.showGlossary');
    const page = vscode.window.activeTextEditor!.document;
    assert.equal(page.languageId, 'markdown');
    assert.match(page.getText(), /# Definitions in draft\.md/);
    assert.match(page.getText(), /\*\*generalization-focused\*\*: pinned to \*generalization-focused\* by the front matter/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(document);
  });
});
