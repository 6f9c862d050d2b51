/**
 * Probes the built language server (dist/server.js) the way an editor uses it: opens
 * one draft over stdio, waits for its diagnostics, then asks for hovers. Reports the
 * server's resident memory (VmRSS, and VmHWM, its peak) and the hover round trip.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Resolves to { rssBytes, peakRssBytes, openToDiagnosticsMs, hoverMs: number[] }; rejects on failure. */
export function probeServer(serverJs, file, hoverPositions, timeoutMs = 30_000) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  const send = (message) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ id, method, params });
    });
  const onMessage = (message) => {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server (configuration, registrations): answer neutrally.
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null;
      send({ id: message.id, result });
      return;
    }
    for (const listener of listeners) listener(message);
  };
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      buffer = buffer.subarray(headerEnd + 4 + length);
      onMessage(JSON.parse(body));
    }
  });
  const status = () => {
    const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(s)?.[1]) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  };
  const run = async () => {
    await request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown'] } } } });
    send({ method: 'initialized', params: {} });
    const diagnostics = new Promise((resolve) => listeners.push((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && resolve(m.params)));
    const opened = performance.now();
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
    const published = await diagnostics;
    const openToDiagnosticsMs = performance.now() - opened;
    const hoverMs = [];
    for (const position of hoverPositions) {
      const start = performance.now();
      await request('textDocument/hover', { textDocument: { uri }, position });
      hoverMs.push(performance.now() - start);
    }
    const memory = status();
    await request('shutdown', null).catch(() => {});
    send({ method: 'exit' });
    return { ...memory, openToDiagnosticsMs, hoverMs, diagnostics: published.diagnostics?.length ?? 0 };
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer from ${serverJs} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', reject);
    run().then(
      (r) => {
        clearTimeout(timer);
        setTimeout(() => child.kill(), 1000).unref();
        resolve(r);
      },
      (e) => {
        clearTimeout(timer);
        child.kill();
        reject(e);
      },
    );
  });
}
