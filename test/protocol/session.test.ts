/**
 * The main editor session over real LSP: initialize, open a draft, diagnostics,
 * hover, quick fix, apply the edit, change the document, the diagnostics update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyLspEdits, TestClient } from './client';

const DRAFT = [
  '# Why the chatbot flattered people', // 0
  '',
  'The model had never seen this kind of customer in training, and once deployed', // 2
  'into the new market it competently pursued the wrong goal. We called it inner', // 3
  'misalignment in the postmortem.', // 4
  '',
  'Later we asked whether inner alignment was the right frame at all.', // 6
  '',
].join('\n');
const URI = 'untitled:session-draft.md';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(async () => {
  const errors = client?.loggedErrors() ?? [];
  await client?.stop();
  expect(errors).toEqual([]);
});

function editsOf(action: CodeAction) {
  return (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
}

describe('a draft in an editor session', () => {
  let diagnostics: Diagnostic[];

  it('publishes one diagnostic per ambiguous use, with everything a code action needs', async () => {
    await client.open(URI, DRAFT, 1);
    const published = await client.diagnosticsFor(URI, (p) => p.version === 1);
    diagnostics = published.diagnostics;
    expect(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code])).toEqual([
      [3, 72, 'ambiguous-term'],
      [6, 23, 'ambiguous-term'],
    ]);
    const { message, ...rest } = diagnostics[1];
    expect(rest).toEqual({
      range: { start: { line: 6, character: 23 }, end: { line: 6, character: 38 } },
      severity: 2,
      source: 'alignment-terms',
      code: 'ambiguous-term',
      codeDescription: { href: 'https://github.com/alignment-terms/alignment-terms#ambiguous-term' },
      data: { rule: 'ambiguous-term', term: 'inner-alignment', version: 1 },
    });
    expect(message).toMatch(/^"inner alignment" is ambiguous: inner alignment has \d senses: objective-focused/);
    // The first use spans a line break: it starts on line 3 and ends on line 4.
    expect(diagnostics[0].range).toEqual({ start: { line: 3, character: 72 }, end: { line: 4, character: 12 } });
    expect(diagnostics[0].message).toContain('Likely generalization-focused');
  });

  it('pushes the draft status (ambiguous terms) after publishing', async () => {
    const status = await client.notification<{ uri: string; version: number }>('alignmentTerms/didChangeStatus', (p) => p.uri === URI && p.version === 1);
    expect(status).toEqual({ uri: URI, version: 1, enabled: true, ambiguousTerms: ['inner-alignment'], ambiguousUses: 2, errors: 0 });
  });

  it('shows a hover card with the status, every sense, related claims and pin links', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 6, character: 30 } });
    expect(hover?.range).toEqual({ start: { line: 6, character: 23 }, end: { line: 6, character: 38 } });
    const markdown = (hover!.contents as { kind: string; value: string }).value;
    expect((hover!.contents as { kind: string }).kind).toBe('markdown');
    expect(markdown).toContain('**inner alignment** · contested term, 4 senses');
    expect(markdown).toContain('**In this draft:** **ambiguous**: nothing in this draft settles the sense');
    for (const sense of ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']) expect(markdown).toContain(`| ${sense} |`);
    expect(markdown).toContain('[*Clarifying inner alignment terminology*](https://www.alignmentforum.org/posts/SzecSPYxqRa5GCaSF/clarifying-inner-alignment-terminology) (2020)');
    expect(markdown).toContain('inner alignment (objective-focused) ⇒ objective robustness');
    const links = [...markdown.matchAll(/\(command:alignmentTerms\.pinSense\?([^ )]+)/g)].map((m) => JSON.parse(decodeURIComponent(m[1])));
    expect(links).toEqual(['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused'].map((sense) => [{ uri: URI, term: 'inner-alignment', sense }]));
  });

  it('hovers the first use with its likely sense and cues', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 4, character: 2 } });
    const markdown = (hover!.contents as { value: string }).value;
    expect(markdown).toMatch(/\*\*In this draft:\*\* \*\*ambiguous\*\*, likely \*generalization-focused\* because of the cues “[^”]+”/);
    expect(markdown).toContain('| **generalization-focused** (likely) |');
  });

  it('answers nothing where there is no term', async () => {
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 3 } })).toBeNull();
  });

  let actions: CodeAction[];
  it('offers the fixes as quick fixes, the likely sense first and preferred', async () => {
    actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: diagnostics[0].range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title).slice(0, 5)).toEqual([
      'Pin inner alignment to "generalization-focused" for this document',
      'Pin inner alignment to "objective-focused" for this document',
      'Pin inner alignment to "optimization-focused" for this document',
      'Pin inner alignment to "inductive-bias-focused" for this document',
      'Qualify this use as generalization-focused',
    ]);
    expect(actions.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(['Pin inner alignment to "generalization-focused" for this document']);
    expect(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.[0].code === 'ambiguous-term')).toBe(true);
    expect(actions.map((a) => a.title)).toContain('Disable alignment-terms for inner alignment here');
    const pin = actions[0];
    expect(pin.edit).toEqual({
      documentChanges: [
        {
          textDocument: { uri: URI, version: 1 },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\n' }],
        },
      ],
    });
  });

  it('offers "Pin for this document" once per sense when the selection covers every use', async () => {
    const all = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
      context: { diagnostics },
    })) as CodeAction[];
    const pins = all.filter((a) => a.title.startsWith('Pin '));
    expect(pins.map((a) => a.title)).toEqual([
      'Pin inner alignment to "generalization-focused" for this document',
      'Pin inner alignment to "objective-focused" for this document',
      'Pin inner alignment to "optimization-focused" for this document',
      'Pin inner alignment to "inductive-bias-focused" for this document',
    ]);
    expect(pins[0].diagnostics).toEqual(diagnostics);
    expect(all.filter((a) => a.title.startsWith('Qualify this use as generalization-focused')).map((a) => a.title)).toEqual([
      'Qualify this use as generalization-focused (line 4)',
      'Qualify this use as generalization-focused (line 7)',
    ]);
  });

  let text = DRAFT;
  it('applying the pin clears every flag of that term, in the next version', async () => {
    const edits = editsOf(actions[0]);
    text = applyLspEdits(text, edits);
    await client.change(URI, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    const published = await client.diagnosticsFor(URI, (p) => p.version === 2);
    expect(published.diagnostics).toEqual([]);
    expect(text.startsWith('---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\n# Why')).toBe(true);
  });

  it('hovers the use as pinned, and the pin itself with its definition', async () => {
    const use = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 11, character: 30 } });
    expect((use!.contents as { value: string }).value).toContain('**In this draft:** pinned to *generalization-focused* by the front matter (line 3).');
    const pin = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 25 } });
    const markdown = (pin!.contents as { value: string }).value;
    expect(markdown).toContain('**inner-alignment = generalization-focused** · front matter pin');
    expect(markdown).toContain('It settles 2 uses in this draft.');
    expect(pin!.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 41 } });
  });

  it('completes sense ids in the front matter pin, with definitions', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 21 } })) as { label: string; textEdit: unknown; detail: string; documentation: { value: string } }[];
    expect(items.map((i) => i.label)).toEqual(['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']);
    expect(items[0].textEdit).toEqual({ range: { start: { line: 2, character: 19 }, end: { line: 2, character: 41 } }, newText: 'objective-focused' });
    expect(items[0].detail).toMatch(/^objective-focused · Hubinger 2020/);
    expect(items[0].documentation.value).toContain('**inner alignment, objective-focused:**');
  });

  it('completes term ids on a new line of the front matter map, and in directives', async () => {
    const other = 'untitled:completion.md';
    await client.open(other, '---\ntitle: t\nalignment-terms:\n  inner-alignment: objective-focused\n  ou\n---\n\n<!-- alignment-terms pin outer-alignment=tr -->\n', 1);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: 4, character: 4 } })) as { label: string; textEdit: { range: unknown } }[];
    expect(items.map((i) => i.label)).toContain('outer-alignment');
    expect(items.map((i) => i.label)).not.toContain('mesa-optimizer');
    expect(items[0].textEdit.range).toEqual({ start: { line: 4, character: 2 }, end: { line: 4, character: 4 } });
    const senses = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: 7, character: 43 } })) as { label: string; textEdit: { range: unknown } }[];
    expect(senses.map((i) => i.label)).toEqual(['objective-function', 'reward-misspecification', 'training-signal', 'generalization-inclusive']);
    expect(senses[0].textEdit.range).toEqual({ start: { line: 7, character: 41 }, end: { line: 7, character: 43 } });
    expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: 6, character: 0 } })).toEqual([]);
    await client.close(other);
  });

  it('goes from a use to the term in the shipped registry, and from a pin to the sense', async () => {
    const fromUse = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: { line: 11, character: 30 } })) as { uri: string; range: { start: { line: number } } };
    expect(fromUse.uri).toMatch(/\/server\/registry\/recommended\.yaml$/);
    const { readFileSync } = await import('node:fs');
    const registryLines = readFileSync(new URL(fromUse.uri), 'utf8').split('\n');
    expect(registryLines[fromUse.range.start.line]).toBe('  inner-alignment:');
    const fromPin = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 25 } })) as { range: { start: { line: number } } };
    expect(registryLines[fromPin.range.start.line].trim()).toBe('generalization-focused:');
  });

  it('renders the draft glossary and the pin edit on request', async () => {
    const glossary = (await client.connection.sendRequest('alignmentTerms/glossary', { uri: URI })) as { markdown: string };
    expect(glossary.markdown).toContain('# Definitions in session-draft.md');
    expect(glossary.markdown).toContain('**generalization-focused**: pinned to *generalization-focused* by the front matter (line 3); lines 9, 12.');
    const pin = await client.connection.sendRequest('alignmentTerms/pinEdit', { uri: URI, term: 'inner-alignment', sense: 'objective-focused' });
    expect(pin).toEqual({ version: 2, edits: [{ range: { start: { line: 2, character: 19 }, end: { line: 2, character: 41 } }, newText: 'objective-focused' }] });
    expect(await client.connection.sendRequest('alignmentTerms/pinEdit', { uri: URI, term: 'inner-alignment', sense: 'nonsense' })).toBeNull();
  });

  it('answers the concept map request for the draft', async () => {
    const map = (await client.connection.sendRequest('alignmentTerms/conceptMap', { uri: URI })) as { uri: string; version: number; format: string; text: string };
    expect([map.uri, map.version, map.format]).toEqual([URI, 2, 'svg']);
    expect(map.text).toMatch(/^<svg[\s\S]*inner alignment[\s\S]*<\/svg>\s*$/);
  });

  it('clears the diagnostics when the draft closes', async () => {
    await client.close(URI);
    expect((await client.diagnosticsFor(URI, (p) => p.diagnostics.length === 0 && p.version === undefined)).diagnostics).toEqual([]);
  });
});
