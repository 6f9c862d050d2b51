/**
 * Fault injection over real LSP (beyond test/protocol/robustness.test.ts, which has
 * non-JSON frames, unknown documents and methods and a 5 MB draft): garbage bytes and garbled headers, invalid JSON-RPC, requests before
 * initialize, impossible didChange ranges, versions out of order, requests for a
 * closed document, 1,000 changes in a burst. After each, the server must still be
 * running and answer a hover with the right range.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, SERVER } from '../protocol/build';
import { TestClient } from '../protocol/client';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
  await client.open(PROBE, 'Is this inner alignment?\n');
  await client.diagnosticsFor(PROBE, (p) => p.version === 1);
});
afterAll(async () => {
  await client?.stop();
});

const PROBE = 'untitled:probe.md';

/** The server is up and hovers the probe draft's term with its exact range. */
async function answersHover(): Promise<void> {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: PROBE }, position: { line: 0, character: 10 } });
  expect(hover?.range).toEqual({ start: { line: 0, character: 8 }, end: { line: 0, character: 23 } });
  expect(client.alive).toBe(true);
}

function raw(bytes: string | Buffer): void {
  client.process.stdin.write(bytes);
}
function frame(body: string): void {
  raw(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
}

describe('garbage on the wire', () => {
  it('skips random bytes, a header without a length, and lengths that are not numbers or are negative', async () => {
    raw(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x81]));
    raw('hello world\r\n\r\n');
    raw('Content-Length: abc\r\n\r\n{}');
    raw('Content-Length: -5\r\n\r\n{}');
    raw('Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0"}');
    raw(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    raw('\r\n\r\n');
    await answersHover();
  });

  it('answers or ignores invalid JSON-RPC: wrong version, no method, odd ids, params of the wrong shape', async () => {
    frame('{"jsonrpc":"1.0","id":1,"method":"textDocument/hover","params":{}}');
    frame('{"jsonrpc":"2.0","id":2}');
    frame('{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover","params":{}}');
    frame('{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":42},"position":"here"}}');
    frame('{"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"untitled:probe.md"},"range":null,"context":null}}');
    frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":null}}');
    frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:probe.md"},"contentChanges":"nope"}}');
    frame('"just a string"');
    frame('null');
    frame(`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    await answersHover();
  });
});

describe('requests before initialize', () => {
  it('are answered (with an error or nothing to say) and the handshake still works afterwards', async () => {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const send = (o: object) => {
      const body = JSON.stringify(o);
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const responseTo = (id: number) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setInterval(() => {
          for (const part of out.split(/Content-Length: \d+\r\n\r\n/)) {
            try {
              const message = JSON.parse(part);
              if (message.id === id) {
                clearInterval(timer);
                resolve(message);
              }
            } catch {
              // not a whole message yet
            }
          }
        }, 20);
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
    try {
      send({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'untitled:a.md' }, position: { line: 0, character: 0 } } });
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:a.md', languageId: 'markdown', version: 1, text: 'Is inner alignment?\n' } } });
      send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
      const early = await responseTo(1);
      expect('result' in early || 'error' in early).toBe(true);
      send({ jsonrpc: '2.0', id: 3, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      expect(await responseTo(3)).toHaveProperty('result.capabilities.hoverProvider', true);
      send({ jsonrpc: '2.0', method: 'initialized', params: {} });
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:b.md', languageId: 'markdown', version: 1, text: 'Is inner alignment?\n' } } });
      send({ jsonrpc: '2.0', id: 4, method: 'textDocument/hover', params: { textDocument: { uri: 'untitled:b.md' }, position: { line: 0, character: 5 } } });
      expect(await responseTo(4)).toHaveProperty('result.range', { start: { line: 0, character: 3 }, end: { line: 0, character: 18 } });
    } finally {
      child.kill();
    }
  });
});

describe('a misbehaving editor', () => {
  it('survives didChange ranges that are impossible: past the end, negative, reversed, fractional', async () => {
    const uri = 'untitled:ranges.md';
    await client.open(uri, 'One line about inner alignment.\n', 1);
    const bad = [
      { start: { line: 999, character: 0 }, end: { line: 1000, character: 5 } },
      { start: { line: -1, character: -7 }, end: { line: 0, character: 3 } },
      { start: { line: 0, character: 20 }, end: { line: 0, character: 2 } },
      { start: { line: 0, character: 1.5 }, end: { line: 0, character: 1e12 } },
      { start: { line: 0, character: 9007199254740993 }, end: { line: 0, character: 9007199254740993 } },
    ];
    let version = 2;
    for (const range of bad) await client.change(uri, version++, [{ range, text: 'x' }]);
    // The document is whatever the server made of it; it must still be analysed and hovered.
    await client.change(uri, version, [{ text: 'Fresh text on inner alignment.\n' }]);
    const published = await client.diagnosticsFor(uri, (p) => p.version === version);
    expect(published.diagnostics.map((d) => d.range)).toEqual([{ start: { line: 0, character: 14 }, end: { line: 0, character: 29 } }]);
    await answersHover();
  });

  it('publishes for the newest version when versions arrive out of order, and never for an older one after it', async () => {
    const uri = 'untitled:versions.md';
    await client.open(uri, 'Start.\n', 10);
    await client.change(uri, 12, [{ text: 'Twelve: inner alignment.\n' }]);
    await client.change(uri, 11, [{ text: 'Eleven.\n' }]);
    await client.change(uri, 13, [{ text: 'Thirteen: outer alignment.\n' }]);
    const last = await client.diagnosticsFor(uri, (p) => p.version === 13);
    expect(last.diagnostics.map((d) => String(d.message).slice(0, 17))).toEqual(['"outer alignment"']);
    await answersHover();
  });

  it('answers empty for a document after it was closed', async () => {
    const uri = 'untitled:closed.md';
    await client.open(uri, 'About inner alignment.\n', 1);
    await client.diagnosticsFor(uri, (p) => p.version === 1);
    await client.close(uri);
    const position = { line: 0, character: 8 };
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })).toBeNull();
    expect(await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })).toEqual([]);
    await client.change(uri, 2, [{ text: 'Changed after close: inner alignment.\n' }]);
    await answersHover();
  });

  it('takes a burst of 1,000 changes and publishes the last version only, in order', { timeout: 120_000 }, async () => {
    const uri = 'untitled:burst-1000.md';
    const before = client.diagnostics.get(uri)?.length ?? 0;
    await client.open(uri, 'Start.\n', 1);
    let text = 'Start.\n';
    for (let version = 2; version <= 1001; version++) {
      const word = version === 1001 ? ' inner alignment' : ` w${version}`;
      const character = text.indexOf('\n');
      text = `${text.slice(0, character)}${word}${text.slice(character)}`;
      void client.change(uri, version, [{ range: { start: { line: 0, character }, end: { line: 0, character } }, text: word }]);
    }
    const last = await client.diagnosticsFor(uri, (p) => p.version === 1001);
    const at = text.indexOf('inner');
    expect(last.diagnostics.map((d) => [d.range, d.code])).toEqual([[{ start: { line: 0, character: at }, end: { line: 0, character: at + 15 } }, 'ambiguous-term']]);
    const versions = client.diagnostics.get(uri)!.slice(before).map((p) => p.version!);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.length).toBeLessThan(100);
    // The burst draft itself answers a hover on its last word.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: at + 2 } });
    expect((hover!.contents as { value: string }).value).toContain('**inner alignment**');
    await answersHover();
  });
});
