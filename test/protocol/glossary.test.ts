/**
 * House glossaries in the server: found by walking up from the draft to its
 * workspace folder, watched, and when broken reported on the glossary file itself
 * while drafts keep the last good registry.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefinitionRequest, DidChangeWatchedFilesNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uri } from './client';

const GOOD = ['extends: recommended', 'pin:', '  inner-alignment: objective-focused', ''].join('\n');
const DRAFT = 'A mesa-optimizer whose goal drifts shows inner misalignment.\n';

let workspace: string;
let glossaryFile: string;
let draftFile: string;
let client: TestClient;

beforeAll(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'alignment-terms-ws-'));
  mkdirSync(path.join(workspace, 'drafts', 'deep'), { recursive: true });
  glossaryFile = path.join(workspace, '.alignment-terms.yaml');
  draftFile = path.join(workspace, 'drafts', 'deep', 'post.md');
  writeFileSync(glossaryFile, GOOD);
  writeFileSync(draftFile, DRAFT);
  client = await TestClient.start({ workspaceFolders: [workspace] });
});
afterAll(async () => {
  await client?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

async function glossaryChanged(text: string): Promise<void> {
  writeFileSync(glossaryFile, text);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(glossaryFile), type: FileChangeType.Changed }] });
}

const hoverText = async () => {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(draftFile) }, position: { line: 0, character: 50 } });
  return (hover!.contents as { value: string }).value;
};

describe('the house glossary', () => {
  it('asks the client to watch glossary files', async () => {
    await client.until(() => (client.registrations.length ? true : undefined), 'registrations');
    expect(client.registrations).toContainEqual(
      expect.objectContaining({ method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/*.{yaml,yml}' }] } }),
    );
  });

  it('applies the nearest glossary above the draft: its pin settles the use', async () => {
    await client.open(uri(draftFile), DRAFT);
    const published = await client.diagnosticsFor(uri(draftFile), (p) => p.version === 1);
    expect(published.diagnostics).toEqual([]);
    expect(await hoverText()).toContain('pinned to *objective-focused* by the house glossary (`.alignment-terms.yaml` line 3)');
  });

  it('reports a broken glossary on the glossary file, with line and column, and the draft keeps its results', async () => {
    const before = client.diagnostics.get(uri(draftFile))!.length;
    await glossaryChanged(['extends: recommended', 'pin:', '  inner-alignment: objective-focused', 'rulez:', '  ambiguous-term: error', ''].join('\n'));
    const problems = await client.diagnosticsFor(uri(glossaryFile), (p) => p.diagnostics.length > 0);
    expect(problems.diagnostics).toEqual([
      {
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } },
        severity: 1,
        source: 'alignment-terms',
        code: 'glossary',
        message: expect.stringMatching(/^unknown key 'rulez' in the glossary/),
      },
    ]);
    // The draft still uses the last good glossary: nothing new is published for it, and its hover still shows the pin.
    expect(client.diagnostics.get(uri(draftFile))!.length).toBe(before);
    expect(await hoverText()).toContain('pinned to *objective-focused* by the house glossary');
  });

  it('reports invalid YAML too, then clears the problems once the glossary is fixed, and re-checks the draft', async () => {
    await glossaryChanged('pin:\n  inner-alignment: [unclosed\n');
    const problems = await client.diagnosticsFor(uri(glossaryFile), (p) => p.diagnostics.some((d) => String(d.message).startsWith('invalid YAML')));
    expect(problems.diagnostics[0].range.start.line).toBeGreaterThanOrEqual(1);
    // Fixed, and without the pin: the glossary's problems clear and the draft's use becomes ambiguous.
    const count = client.diagnostics.get(uri(draftFile))!.length;
    await glossaryChanged('extends: recommended\n');
    expect((await client.diagnosticsFor(uri(glossaryFile), (p) => p.diagnostics.length === 0)).diagnostics).toEqual([]);
    const draft = await client.until(() => client.diagnostics.get(uri(draftFile))!.slice(count).find((p) => p.diagnostics.length === 1), 'draft re-check');
    expect(draft.diagnostics[0].code).toBe('ambiguous-term');
  });

  it('checks a glossary open in the editor as it is typed, before it is saved', async () => {
    await client.open(uri(glossaryFile), 'extends: strictest\n', 1, 'yaml');
    const problems = await client.diagnosticsFor(uri(glossaryFile), (p) => p.diagnostics.length > 0);
    expect(problems.diagnostics.map((d) => [d.range.start, d.message])).toEqual([[{ line: 0, character: 9 }, expect.stringMatching(/^unknown preset 'strictest' in 'extends'/)]]);
    await client.change(uri(glossaryFile), 2, [{ text: 'extends: recommended\npin:\n  inner-alignment: objective-focused\n' }]);
    await client.diagnosticsFor(uri(glossaryFile), (p) => p.diagnostics.length === 0);
    await client.diagnosticsFor(uri(draftFile), (p) => p.diagnostics.length === 0);
    expect(await hoverText()).toContain('pinned to *objective-focused* by the house glossary (`.alignment-terms.yaml` line 3)');
    await client.close(uri(glossaryFile));
  });

  it('goes to the term in the house glossary when the glossary overrides it', async () => {
    await glossaryChanged(['extends: recommended', 'terms:', '  inner-alignment:', '    summary: Our house reading.', ''].join('\n'));
    await client.diagnosticsFor(uri(draftFile), (p) => p.diagnostics.length === 1);
    const location = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(draftFile) }, position: { line: 0, character: 50 } });
    expect(location).toEqual({ uri: uri(glossaryFile), range: { start: { line: 2, character: 2 }, end: { line: 2, character: 17 } } });
  });

  it('forgets a deleted glossary: definitions lead to the shipped registry again', async () => {
    rmSync(glossaryFile);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(glossaryFile), type: FileChangeType.Deleted }] });
    const location = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(draftFile) }, position: { line: 0, character: 50 } })) as { uri: string };
    expect(location.uri).toMatch(/\/server\/registry\/recommended\.yaml$/);
    expect(client.alive).toBe(true);
  });
});
