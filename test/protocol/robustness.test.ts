/**
 * The server stays up and keeps answering whatever it is sent: malformed messages,
 * requests for documents it never saw, a 5 MB draft (bursts of changes: test/reliability/server-faults.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, CompletionRequest, DefinitionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(async () => {
  await client?.stop();
});

const hoverAt = (uri: string, line: number, character: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });

/** Writes one raw LSP frame to the server's stdin. */
function rawFrame(body: string): void {
  client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
}

describe('bad input', () => {
  it('survives a frame that is not JSON and one with the wrong shape, and answers the next request', async () => {
    rawFrame('{"jsonrpc": "2.0", this is not json');
    rawFrame('{"jsonrpc":"2.0","id":"bad-1","method":"textDocument/hover","params":null}');
    rawFrame('[1, 2, 3]');
    await client.open('untitled:after-garbage.md', 'Is this inner alignment?\n');
    await client.diagnosticsFor('untitled:after-garbage.md', (p) => p.version === 1);
    const hover = await hoverAt('untitled:after-garbage.md', 0, 10);
    expect(hover?.range).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 23 } });
    expect(client.alive).toBe(true);
  });

  it('answers empty for a document it never saw', async () => {
    const uri = 'file:///nowhere/never-opened.md';
    const textDocument = { uri };
    const position = { line: 0, character: 0 };
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument, position })).toBeNull();
    expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } })).toEqual([]);
    expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument, position })).toEqual([]);
    expect(await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position })).toBeNull();
    expect(await client.connection.sendRequest('alignmentTerms/draftStatus', { uri })).toBeNull();
    expect(await client.connection.sendRequest('alignmentTerms/glossary', { uri })).toBeNull();
  });

  it('answers a position far past the end of a document without failing', async () => {
    const hover = await hoverAt('untitled:after-garbage.md', 999, 999);
    expect(hover).toBeNull();
  });

  it('answers an unknown method with an error, not a crash', async () => {
    await expect(client.connection.sendRequest('alignmentTerms/noSuchThing', {})).rejects.toThrow(/Unhandled method|not found/i);
    expect(client.alive).toBe(true);
  });
});

describe('a 5 MB draft', () => {
  it('is checked and hovered; an edit pending when it closes is dropped; the server stays up', { timeout: 300_000 }, async () => {
    const uri = 'untitled:huge.md';
    const plain = 'The team met on Tuesday to review the evaluation plan, the budget and the hiring timeline for the next quarter.\n\n';
    const flagged = 'Once deployed into the new market, the model competently pursued the wrong goal, which some called inner misalignment.\n\n';
    const blocks: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const block = i % 200 === 0 ? flagged : plain;
      blocks.push(block);
      size += block.length;
    }
    const text = blocks.join('');
    const flaggedCount = blocks.filter((b) => b === flagged).length;
    const lastLine = text.split('\n').length - 1;
    let started = Date.now();
    await client.open(uri, text, 1);
    const first = await client.diagnosticsFor(uri, (p) => p.version === 1);
    const openMs = Date.now() - started;
    expect(first.diagnostics.length).toBe(flaggedCount);
    const lastFlagged = first.diagnostics[first.diagnostics.length - 1].range;
    started = Date.now();
    const hover = await hoverAt(uri, lastFlagged.start.line, lastFlagged.start.character + 1);
    const hoverMs = Date.now() - started;
    expect(hover?.range).toEqual(lastFlagged);
    const memory = (await client.connection.sendRequest('alignmentTerms/memory')) as NodeJS.MemoryUsage;
    // An edit, then closing before its debounce runs: nothing is published for it, the close clears.
    const count = client.diagnostics.get(uri)!.length;
    await client.change(uri, 2, [{ range: { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: 0 } }, text: 'A last word on inner alignment.\n' }]);
    await client.close(uri);
    const cleared = await client.diagnosticsFor(uri, (p) => p.version === undefined);
    expect(cleared.diagnostics).toEqual([]);
    expect(client.diagnostics.get(uri)!.slice(count).map((p) => p.version)).toEqual([undefined]);
    // Figures for the README, not assertions (times depend on the machine).
    console.log(`5 MB draft (${flaggedCount} ambiguous uses): open->diagnostics ${openMs} ms, hover ${hoverMs} ms; server rss ${(memory.rss / 1048576).toFixed(0)} MB, heap ${(memory.heapUsed / 1048576).toFixed(0)} MB`);
    const after = await hoverAt('untitled:after-garbage.md', 0, 10);
    expect(after).not.toBeNull();
    expect(client.alive).toBe(true);
  });
});
