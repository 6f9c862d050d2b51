/**
 * Quick fixes that write to the house glossary: "Pin ... for the whole workspace" and
 * "Add ... to the house avoid list". With no glossary the fix creates one (with its
 * comment header); with one, it is a minimal edit that keeps the user's comments and
 * ordering. Applying it re-checks the draft at once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType, type CodeAction, type CreateFile, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { applyLspEdits, TestClient, uri } from './client';

const DRAFT = 'After deployment the agent kept its skills but chased the wrong goal: inner misalignment.\n';

let workspace: string;
let client: TestClient;
beforeEach(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'alignment-terms-house-'));
});
afterEach(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** Opens the draft, waits for its diagnostic, and returns the workspace quick fixes offered for it. */
async function houseFixes(): Promise<CodeAction[]> {
  const draft = path.join(workspace, 'post.md');
  writeFileSync(draft, DRAFT);
  client = await TestClient.start({ workspaceFolders: [workspace] });
  await client.open(uri(draft), DRAFT);
  const published = await client.diagnosticsFor(uri(draft), (p) => p.diagnostics.length > 0);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: uri(draft) },
    range: published.diagnostics[0].range,
    context: { diagnostics: published.diagnostics, only: ['quickfix'] },
  })) as CodeAction[];
  return actions.filter((a) => /whole workspace|house avoid list/.test(a.title));
}

/** Applies a workspace edit to the file system as an editor would, and tells the server. */
async function apply(action: CodeAction): Promise<string> {
  const glossary = path.join(workspace, '.alignment-terms.yaml');
  for (const change of action.edit!.documentChanges!) {
    if ((change as CreateFile).kind === 'create') {
      expect((change as CreateFile).uri).toBe(uri(glossary));
      writeFileSync(glossary, '', { flag: 'a' });
    } else {
      const edit = change as TextDocumentEdit;
      expect(edit.textDocument.uri).toBe(uri(glossary));
      writeFileSync(glossary, applyLspEdits(readFileSync(glossary, 'utf8'), edit.edits as never));
    }
  }
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(glossary), type: FileChangeType.Changed }] });
  return readFileSync(glossary, 'utf8');
}

describe('workspace quick fixes', () => {
  it('pin the likely sense for the whole workspace, creating the glossary, byte for byte; the flag goes away', async () => {
    const fixes = await houseFixes();
    expect(fixes.map((f) => f.title)).toEqual([
      'Pin inner alignment to "generalization-focused" for the whole workspace',
      'Add "inner misalignment" to the house avoid list',
    ]);
    const written = await apply(fixes[0]);
    expect(written).toBe(
      [
        '# House glossary for alignment-terms: house senses (pin), rule severities, added',
        '# terms and banned phrases (avoid) for every Markdown draft in this folder and below.',
        '# See "For teams" in the alignment-terms README for every key.',
        'extends: recommended',
        'pin:',
        '  inner-alignment: generalization-focused',
        '',
      ].join('\n'),
    );
    const after = await client.diagnosticsFor(uri(path.join(workspace, 'post.md')), (p) => p.diagnostics.length === 0);
    expect(after.diagnostics).toEqual([]);
  });

  it('edit an existing glossary minimally, keeping its comments and order', async () => {
    const existing = ['# Our house style', 'rules:', '  ambiguous-term: error   # we mean it', '', 'pin:', '  outer-alignment: training-signal', ''].join('\n');
    writeFileSync(path.join(workspace, '.alignment-terms.yaml'), existing);
    const fixes = await houseFixes();
    expect(await apply(fixes[0])).toBe(
      ['# Our house style', 'rules:', '  ambiguous-term: error   # we mean it', '', 'pin:', '  outer-alignment: training-signal', '  inner-alignment: generalization-focused', ''].join('\n'),
    );
  });

  it('add the phrase to the avoid list, with the likely sense\'s unambiguous alternative', async () => {
    writeFileSync(path.join(workspace, '.alignment-terms.yaml'), 'rules:\n  preferred-form: warning\n');
    const fixes = await houseFixes();
    const written = await apply(fixes[1]);
    expect(written).toBe(
      ['rules:', '  preferred-form: warning', 'avoid:', '  - phrase: inner misalignment', '    use: goal misgeneralization', '    reason: inner alignment has 4 senses; say which one', ''].join('\n'),
    );
  });
});
