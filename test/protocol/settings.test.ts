/**
 * Per-resource settings (alignmentTerms.enable / .preset / .rules), fetched with
 * workspace/configuration and refreshed on didChangeConfiguration; and fix-all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, DidChangeConfigurationNotification, HoverRequest, type CodeAction, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { applyLspEdits, TestClient } from './client';

const settings: Record<string, Record<string, unknown>> = {
  'untitled:off.md': { enable: false },
  'untitled:errors.md': { rules: { 'ambiguous-term': 'error', 'no-such-rule': 'error' } },
  'untitled:quiet.md': { rules: { 'ambiguous-term': 'off' } },
  'untitled:strict.md': { preset: 'strict' },
  'untitled:odd.md': { preset: 'lenient', rules: { 'ambiguous-term': 'loud' } },
};
const USE = 'Is this inner alignment?\n';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start({ settings: (scope) => settings[scope ?? ''] ?? {} });
});
afterAll(async () => {
  await client?.stop();
});

const severities = async (uri: string, version = 1) => (await client.diagnosticsFor(uri, (p) => p.version === version)).diagnostics.map((d) => [d.code, d.severity]);

describe('settings per draft', () => {
  it('enable: false publishes nothing and answers no hover', async () => {
    await client.open('untitled:off.md', USE);
    expect(await severities('untitled:off.md')).toEqual([]);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:off.md' }, position: { line: 0, character: 10 } })).toBeNull();
    expect(await client.notification('alignmentTerms/didChangeStatus', (p: { uri: string }) => p.uri === 'untitled:off.md')).toMatchObject({ enabled: false, ambiguousTerms: [] });
  });

  it('rules overrides the severity of a rule, or turns it off; an unknown rule is ignored and logged', async () => {
    await client.open('untitled:errors.md', USE);
    await client.open('untitled:quiet.md', USE);
    expect(await severities('untitled:errors.md')).toEqual([['ambiguous-term', 1]]);
    expect(await severities('untitled:quiet.md')).toEqual([]);
    const logged = await client.until(() => client.notifications.find((n) => n.method === 'window/logMessage' && String((n.params as { message: string }).message).includes('no-such-rule')), 'a warning');
    expect((logged.params as { type: number; message: string }).type).toBe(2);
    expect((logged.params as { message: string }).message).toContain("unknown rule 'no-such-rule'");
  });

  it('preset: strict also flags the bare word "alignment"', async () => {
    await client.open('untitled:strict.md', 'We want alignment before deployment.\n');
    expect(await severities('untitled:strict.md')).toEqual([['ambiguous-term', 1]]);
  });

  it('bad values fall back to the defaults instead of failing', async () => {
    await client.open('untitled:odd.md', 'We want alignment before deployment. Is this inner alignment?\n');
    expect(await severities('untitled:odd.md')).toEqual([['ambiguous-term', 2]]);
  });

  it('re-checks open drafts with fresh settings when the configuration changes', async () => {
    settings['untitled:quiet.md'] = { rules: { 'ambiguous-term': 'hint' } };
    settings['untitled:off.md'] = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    expect((await client.diagnosticsFor('untitled:quiet.md', (p) => p.diagnostics.length === 1)).diagnostics[0].severity).toBe(4);
    expect((await client.diagnosticsFor('untitled:off.md', (p) => p.diagnostics.length === 1)).diagnostics[0].code).toBe('ambiguous-term');
  });
});

describe('fix-all', () => {
  const BROKEN = '---\ntitle: t\nalignment-terms:\n  inner-alignment: objective\n---\n\nA mesa-optimizer with inner misalignment.\n';

  it('offers the safe fixes as source.fixAll.alignment-terms when asked, and the quick fix on the pin', async () => {
    await client.open('untitled:broken-pin.md', BROKEN);
    const diagnostics = (await client.diagnosticsFor('untitled:broken-pin.md', (p) => p.version === 1)).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-pin', 'ambiguous-term']);
    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: 'untitled:broken-pin.md' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(fixAll.map((a) => [a.title, a.kind])).toEqual([['Fix all safe alignment-terms problems', 'source.fixAll.alignment-terms']]);
    const edits = (fixAll[0].edit!.documentChanges![0] as TextDocumentEdit).edits as { range: never; newText: string }[];
    const fixed = applyLspEdits(BROKEN, edits);
    expect(fixed).toBe(BROKEN.replace('inner-alignment: objective\n', 'inner-alignment: objective-focused\n'));

    const quick = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: 'untitled:broken-pin.md' },
      range: diagnostics[0].range,
      context: { diagnostics: [diagnostics[0]], only: ['quickfix'] },
    })) as CodeAction[];
    expect(quick.map((a) => [a.title, a.isPreferred])).toEqual([["Change to 'objective-focused'", true]]);

    await client.change('untitled:broken-pin.md', 2, edits.map((e: { range: never; newText: string }) => ({ range: e.range, text: e.newText })));
    expect((await client.diagnosticsFor('untitled:broken-pin.md', (p) => p.version === 2)).diagnostics).toEqual([]);
  });

  it('offers no fix-all in the plain quick-fix list', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: 'untitled:errors.md' },
      range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.kind === 'quickfix')).toBe(true);
  });
});
