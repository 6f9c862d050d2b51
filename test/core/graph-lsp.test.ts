/**
 * The concept-map request of the language server (server/src/lsp/concept-map.ts),
 * driven through a stand-in connection, and its agreement with the VS Code client
 * on the method name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, presetRegistry } from '../../server/src/core';
import { CONCEPT_MAP_METHOD } from '../../server/src/core/features/graph/protocol';
import { registerConceptMap, type ConceptMapResult } from '../../server/src/lsp/concept-map';
import type { DraftContext } from '../../server/src/lsp/handlers';

const registry = presetRegistry('recommended');

function contextOf(uri: string, text: string, version = 3): DraftContext {
  const document = TextDocument.create(uri, 'markdown', version, text);
  return { document, registry, analysis: analyze(text, registry) };
}

/** Registers the handler on a stand-in connection; returns the handler and what it logged. */
function serve(contexts: Record<string, DraftContext>, fail = false) {
  const handlers = new Map<string, (params: unknown) => Promise<unknown>>();
  const errors: string[] = [];
  const connection = {
    onRequest: (method: string, handler: (params: unknown) => Promise<unknown>) => handlers.set(method, handler),
    console: { error: (message: string) => errors.push(message) },
  } as unknown as Connection;
  registerConceptMap(connection, async (uri) => {
    if (fail) throw new Error('boom');
    return contexts[uri] ?? null;
  });
  const handler = handlers.get(CONCEPT_MAP_METHOD);
  if (!handler) throw new Error('no handler registered');
  return { request: (params: unknown) => handler(params) as Promise<ConceptMapResult | null>, errors };
}

describe('alignmentTerms/conceptMap', () => {
  const uri = 'file:///work/My%20Post.md';
  const contexts = { [uri]: contextOf(uri, 'Inner alignment is hard.\n') };

  it('answers with the SVG of the draft\'s current version, named after its file', async () => {
    const { request } = serve(contexts);
    const result = await request({ uri });
    expect(result).toMatchObject({ uri, version: 3, format: 'svg' });
    expect(XMLValidator.validate(result!.text)).toBe(true);
    expect(result!.text).toContain('Concept map of My Post.md');
    expect(result!.text).toContain('ambiguous');
  });

  it('gives Mermaid or DOT on request', async () => {
    const { request } = serve(contexts);
    expect((await request({ uri, format: 'mermaid' }))!.text).toContain('flowchart BT');
    expect((await request({ uri, format: 'dot' }))!.text).toMatch(/^digraph /);
  });

  it('answers null, never throws, for an unknown document, a bad format or a failing lookup', async () => {
    expect(await serve(contexts).request({ uri: 'file:///other.md' })).toBeNull();
    expect(await serve(contexts).request(undefined)).toBeNull();
    const bad = serve(contexts);
    expect(await bad.request({ uri, format: 'png' })).toBeNull();
    expect(bad.errors).toEqual(["alignment-terms: conceptMap: unknown format 'png'; expected svg, mermaid, dot"]);
    const failing = serve(contexts, true);
    expect(await failing.request({ uri })).toBeNull();
    expect(failing.errors[0]).toMatch(/^alignment-terms: conceptMap failed: Error: boom/);
  });

  it('the VS Code client asks for the same method', () => {
    const client = readFileSync(path.resolve(__dirname, '..', '..', 'client', 'src', 'conceptMap.ts'), 'utf8');
    expect(client).toContain(`const CONCEPT_MAP_METHOD = '${CONCEPT_MAP_METHOD}';`);
    expect(client).toContain("export const SHOW_CONCEPT_MAP_COMMAND = 'alignmentTerms.showConceptMap';");
  });
});
