#!/usr/bin/env node
// Measures the language server's editor-facing figures on one ~20 KB draft (not part of
// `npm test`; numbers depend on the machine): hover and code-action latency answered
// from the cached analysis, both in-process (the core feature functions) and as an LSP
// round trip to `node dist/server.js --stdio`, and the server's memory with the draft
// open. Usage: node test/protocol/measure.mjs [draft.md] (default: the bench corpus
// draft, else the examples concatenated to 20 KB). Run `node scripts/build.mjs` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROUNDS = 200;

function draftText() {
  if (process.argv[2]) return readFileSync(process.argv[2], 'utf8');
  const corpus = path.join(ROOT, 'bench', '.corpus', 'single', 'draft-0001.md');
  if (existsSync(corpus)) return readFileSync(corpus, 'utf8');
  const examples = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8').replace(/^---[\s\S]*?---\n/, ''));
  let text = '';
  while (text.length < 20_000) text += examples.join('\n\n');
  return text;
}

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${sorted[sorted.length - 1].toFixed(3)} ms`;
};

async function inProcess(text) {
  const entry = `
    export { analyze, presetRegistry } from ${JSON.stringify(path.join(ROOT, 'server/src/core/index.ts'))};
    export { hoverAt, quickFixes } from ${JSON.stringify(path.join(ROOT, 'server/src/core/features/index.ts'))};`;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'alignment-terms-measure-')), 'core.cjs');
  await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, outfile: out, platform: 'node', format: 'cjs', loader: { '.yaml': 'text' }, logLevel: 'error' });
  const core = createRequire(import.meta.url)(out);
  const registry = core.presetRegistry('recommended');
  const analysis = core.analyze(text, registry);
  const occurrences = analysis.occurrences;
  const hover = [];
  const actions = [];
  for (let i = 0; i < ROUNDS; i++) {
    const o = occurrences[i % occurrences.length];
    let t = performance.now();
    core.hoverAt(analysis, registry, o.span.start + 1, { pinLink: (a, b) => `command:x?${a}${b}` });
    hover.push(performance.now() - t);
    const finding = analysis.findings[i % Math.max(1, analysis.findings.length)];
    t = performance.now();
    if (finding) core.quickFixes(analysis, [finding]);
    actions.push(performance.now() - t);
  }
  console.log(`in-process, from the cached analysis (${occurrences.length} occurrences, ${analysis.findings.length} findings):`);
  console.log(`  hover card:        ${stats(hover)}`);
  console.log(`  quick-fix mapping: ${stats(actions)}`);
}

async function overLsp(text) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  let id = 0;
  const pending = new Map();
  const listeners = [];
  const send = (m) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const request = (method, params) => new Promise((resolve) => { pending.set(++id, resolve); send({ id, method, params }); });
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method === undefined) { pending.get(message.id)?.(message.result); pending.delete(message.id); }
      else if (message.id !== undefined) send({ id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null });
      else listeners.forEach((l) => l(message));
    }
  });
  const uri = 'untitled:measure.md';
  await request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  send({ method: 'initialized', params: {} });
  const published = new Promise((resolve) => listeners.push((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && resolve(m.params)));
  let t = performance.now();
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
  const { diagnostics } = await published;
  const openMs = performance.now() - t;
  const lines = text.split('\n');
  const termLines = lines.map((l, i) => [i, l.search(/inner|outer|mesa/i)]).filter(([, c]) => c >= 0);
  const hover = [];
  const actions = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [line, character] = termLines[i % termLines.length];
    t = performance.now();
    await request('textDocument/hover', { textDocument: { uri }, position: { line, character: character + 1 } });
    hover.push(performance.now() - t);
    const d = diagnostics[i % Math.max(1, diagnostics.length)];
    t = performance.now();
    if (d) await request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    actions.push(performance.now() - t);
  }
  const memory = await request('alignmentTerms/memory');
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1]) / 1024;
  console.log(`over LSP (stdio round trip; open -> diagnostics ${openMs.toFixed(0)} ms, ${diagnostics.length} diagnostics):`);
  console.log(`  hover:       ${stats(hover)}`);
  console.log(`  code action: ${stats(actions)}`);
  console.log(`server memory with the draft open: rss ${(memory.rss / 1048576).toFixed(1)} MB (VmHWM peak ${kb('VmHWM').toFixed(1)} MB), heap used ${(memory.heapUsed / 1048576).toFixed(1)} MB`);
  await request('shutdown', null);
  send({ method: 'exit' });
}

const text = draftText();
console.log(`draft: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB, ${ROUNDS} requests each`);
await inProcess(text);
await overLsp(text);
