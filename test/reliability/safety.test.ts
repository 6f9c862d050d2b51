/**
 * Safety: nothing in a workspace is ever executed, and nothing reaches the network.
 *
 * - The shipped bundles (as `node scripts/build.mjs` makes them) are read as text:
 *   no network module, no network global, no eval, and the one code compiler
 *   (Ajv's `new Function`) only where Ajv compiles our own schema. Each matcher is
 *   first shown to catch a planted use, so none of these checks can pass vacuously.
 * - The built CLI (main thread and worker) and language server run over a hostile
 *   workspace under a preloaded guard that records every attempt to open a
 *   connection, start a process or compile code, and any new key on a built-in
 *   prototype. Every input carries the string CANARY, so compiled code that came from
 *   the workspace would show.
 * - In process: YAML code tags (`!!js/function`, `!!js/regexp`, `!!python/object`,
 *   custom tags) and `__proto__`/`constructor` keys in a glossary or front matter
 *   are data or a positioned problem; `<script>` and `javascript:` links are text.
 *   (glossary-fuzz.test.ts already covers a top-level `__proto__`, `terms.__proto__`,
 *   `pin.constructor` and `!!js/function`/`!!binary` in place of a map; --fix writing
 *   only its files is in cli-pathological.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, ExitNotification, HoverRequest, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { analyze, compileRegistry, loadGlossary, presetRegistry, type Registry } from '../../server/src/core';
import type { ConfigProblem } from '../../server/src/core/types';
import { buildCli, cliAsync, ROOT } from '../helpers/cli';
import { TestClient, uri } from '../protocol/client';

const BUNDLES = ['cli.js', 'cli-worker.js', 'server.js', 'extension.js'] as const;
type Bundle = (typeof BUNDLES)[number];

// ---------------------------------------------------------------------------------
// The bundles, as text

/** Modules a bundle loads: require("x"), require('x'), import("x"), from "x"; node: prefix dropped. */
function modulesLoaded(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)|\bimport\(\s*(["'`])([^"'`]+)\3\s*\)|\bfrom\s*(["'])([^"']+)\5/g)) {
    found.add((m[2] ?? m[4] ?? m[6]).replace(/^node:/, ''));
  }
  return found;
}

/** Node modules that can talk to another machine (or resolve a name to one). */
const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises', 'undici', 'ws'];
/** Modules that compile or run code given as text. */
const CODE_MODULES = ['vm', 'repl', 'inspector'];
/** Browser-style network globals that Node 20 has or may get. */
const NETWORK_GLOBALS: [string, RegExp][] = [
  ['fetch(', /\bfetch\s*\(/g],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/g],
  ['WebSocket', /\bWebSocket\b/g],
  ['EventSource', /\bEventSource\b/g],
  ['sendBeacon', /\bsendBeacon\b/g],
];
/** Ways to turn a string into code. */
const COMPILERS: [string, RegExp][] = [
  ['eval(', /\beval\s*\(/g],
  ['Function(', /\bFunction\s*\(/g],
];
/**
 * The one compiler allowed: Ajv's compileSchema (`new Function(self, scope, code)`,
 * next to `this.opts.code.process`), which compiles the glossary JSON Schema shipped
 * inside the bundle into a validator. The workspace's glossary is only ever the data
 * that validator is called with (the runtime test below checks the compiled sources).
 */
const AJV_COMPILE = /this\.opts\.code\.process/;

/** Every match of `pattern` with `around` characters of context either side. */
function matches(code: string, pattern: RegExp, around = 200): string[] {
  return [...code.matchAll(pattern)].map((m) => code.slice(Math.max(0, m.index - around), m.index + m[0].length + around));
}

/** Everything a bundle does that this file forbids, as readable lines (empty: clean). */
function violations(code: string, allowedModules: string[]): string[] {
  const out: string[] = [];
  for (const mod of modulesLoaded(code)) {
    if ((NETWORK_MODULES.includes(mod) || CODE_MODULES.includes(mod) || mod === 'child_process') && !allowedModules.includes(mod)) out.push(`loads ${mod}`);
  }
  for (const [name, pattern] of NETWORK_GLOBALS) if (matches(code, pattern).length) out.push(`uses ${name}`);
  for (const [name, pattern] of COMPILERS) {
    for (const context of matches(code, pattern)) if (!(name === 'Function(' && AJV_COMPILE.test(context))) out.push(`calls ${name} near ${JSON.stringify(context.slice(150, 280))}`);
  }
  if (matches(code, /\bFunction\s*\(/g).length > 1) out.push('compiles code in more than one place');
  return out;
}

/**
 * How a bundle uses `net`, when it loads it: the calls esbuild writes for members of
 * the binding it gave require("net"), `(0,binding.member)(args)` or
 * `new binding.member(`. Allowed: createConnection to a pipe path (one argument) or
 * to 127.0.0.1, and createServer listening on a pipe path or 127.0.0.1. That is the
 * whole of vscode-jsonrpc's pipe and socket transports (--pipe, --socket): loopback
 * only, never another machine. (Only these call forms are matched: the minifier
 * reuses the binding's short name for unrelated locals elsewhere in the bundle.)
 */
function netUses(code: string): string[] {
  const binding = /\b([\w$]+)=require\("(?:node:)?net"\)/.exec(code)?.[1];
  if (!binding) return [];
  const out: string[] = [];
  const escaped = binding.replace(/\$/g, '\\$');
  for (const m of code.matchAll(new RegExp(`\\(0,${escaped}\\.(\\w+)\\)\\(([^)]*)\\)|\\bnew ${escaped}\\.(\\w+)\\(([^)]*)\\)`, 'g'))) {
    const member = m[1] ?? m[3];
    const args = m[2] ?? m[4];
    if (m[1] && member === 'createConnection' && (/^[\w$]+$/.test(args) || /^[\w$]+,"127\.0\.0\.1"$/.test(args))) continue;
    if (m[1] && member === 'createServer') {
      const listen = /\.listen\(([^)]*)\)/.exec(code.slice(m.index, m.index + 300))?.[1] ?? '';
      if (/^[\w$]+,(?:"127\.0\.0\.1",)?\(/.test(listen)) continue;
      out.push(`net.createServer listening on ${listen}`);
      continue;
    }
    out.push(`${m[3] ? 'new ' : ''}net.${member}(${args})`);
  }
  return out;
}

/**
 * What each bundle may load beyond plain file and path work, and why:
 * - cli.js, cli-worker.js: nothing: a linter of local files needs no network and
 *   starts no programs.
 * - server.js: `net` comes with vscode-languageserver/node, for its --socket and
 *   --pipe transports (loopback only, checked by netUses); `child_process` with its
 *   Files.resolve helpers (they ask npm/yarn for a global module folder), which this
 *   server never calls: the runtime test below sees no process started.
 * - extension.js: vscode-languageclient starts the server with child_process (the
 *   extension uses TransportKind.ipc: a forked Node process) and carries `net` for
 *   the socket and pipe transports it does not use.
 */
const ALLOWED: Record<Bundle, string[]> = {
  'cli.js': [],
  'cli-worker.js': [],
  'server.js': ['net', 'child_process'],
  'extension.js': ['net', 'child_process'],
};

/** A private copy of the freshly built bundles (under the lock the CLI tests build with). */
let dist: string;
const bundle = (name: Bundle) => readFileSync(path.join(dist, name), 'utf8');

beforeAll(() => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'at-safety-dist-'));
  const copy = BUNDLES.map((b) => `"dist/${b}"`).join(' ');
  execFileSync('flock', [path.join(os.tmpdir(), 'alignment-terms-build.lock'), 'sh', '-c', `node scripts/build.mjs && cp ${copy} "${dist}/"`], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the matchers catch real uses (so a clean result means something)', () => {
  const planted = [
    ['require("https")', 'loads https'],
    ["require('node:http2')", 'loads http2'],
    ['import("node:tls")', 'loads tls'],
    ['var d=require("dgram")', 'loads dgram'],
    ['require("node:dns").lookup(h)', 'loads dns'],
    ['require("vm").runInNewContext(s)', 'loads vm'],
    ['require("child_process").exec(c)', 'loads child_process'],
    ['fetch("https://example.com")', 'uses fetch('],
    ['await globalThis.fetch (u)', 'uses fetch('],
    ['new XMLHttpRequest()', 'uses XMLHttpRequest'],
    ['new WebSocket("wss://x")', 'uses WebSocket'],
    ['eval(text)', 'calls eval('],
    ['new Function("a", "return a")', 'calls Function('],
    ['Function("return this")()', 'calls Function('],
  ];
  it.each(planted)('%s is reported', (code, expected) => {
    expect(violations(`x;${code};y`, []).join('\n')).toContain(expected);
    expect(violations(`x;${code};y`, []).length).toBeGreaterThan(0);
  });

  it('net: a connection to another host or port is reported, the loopback transports are not', () => {
    const transports = 'var El=require("net");function a(e){let n=(0,El.createConnection)(e);}function b(e){let n=(0,El.createConnection)(e,"127.0.0.1");}' +
      'function c(e){let o=(0,El.createServer)(a=>{o.close()});o.on("error",s),o.listen(e,()=>{})}function d(e){let o=(0,El.createServer)(a=>{});o.listen(e,"127.0.0.1",()=>{})}';
    expect(netUses(transports)).toEqual([]);
    expect(netUses(`${transports}(0,El.createConnection)(443,"example.com")`)).toEqual(['net.createConnection(443,"example.com")']);
    expect(netUses(`${transports}(0,El.connect)(p,h)`)).toEqual(['net.connect(p,h)']);
    expect(netUses(`${transports}function f(){let o=(0,El.createServer)(a=>{});o.listen(80,"0.0.0.0",()=>{})}`)).toEqual(['net.createServer listening on 80,"0.0.0.0",(']);
    expect(netUses(`${transports}let s=new El.Socket();`)).toEqual(['new net.Socket()']);
  });

  it('a planted use in a real bundle is reported', () => {
    const code = bundle('cli.js');
    expect(violations(code, ALLOWED['cli.js'])).toEqual([]);
    expect(violations(`${code}\n;require("https").get("https://example.com");`, ALLOWED['cli.js'])).toEqual(['loads https']);
    expect(violations(`${code}\n;new Function(input)();`, ALLOWED['cli.js'])).toEqual([expect.stringContaining('calls Function('), 'compiles code in more than one place']);
  });
});

describe('the shipped bundles', () => {
  it.each(BUNDLES)('%s: no network client, no eval, code compiled only by Ajv from the bundled schema', (name) => {
    expect(violations(bundle(name), ALLOWED[name])).toEqual([]);
  });

  it.each(['server.js', 'extension.js'] as const)('%s: net is used only for the loopback pipe and socket transports', (name) => {
    const code = bundle(name);
    expect(modulesLoaded(code).has('net')).toBe(true);
    expect(netUses(code)).toEqual([]);
  });

  it('the CLI bundles load no network module and start no programs at all', () => {
    for (const name of ['cli.js', 'cli-worker.js'] as const) {
      const loaded = modulesLoaded(bundle(name));
      expect([...loaded].filter((m) => NETWORK_MODULES.includes(m) || CODE_MODULES.includes(m) || m === 'child_process')).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------
// The built CLI and server over a hostile workspace, under a guard

/**
 * Preloaded with --require (NODE_OPTIONS, so worker threads get it too): wraps every
 * way to connect, start a process or compile code, and writes one JSON line per call
 * to $SAFETY_LOG; at exit, any new own key on a built-in prototype.
 */
const GUARD = String.raw`'use strict';
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');
const logFile = process.env.SAFETY_LOG;
const record = (kind, detail) => fs.appendFileSync(logFile, JSON.stringify({ kind, thread: threadId, detail: String(detail) }) + '\n');
const show = (a) => { try { return typeof a === 'function' ? 'fn' : JSON.stringify(a); } catch { return String(a); } };
const wrap = (owner, name, kind, label) => {
  const original = owner && owner[name];
  if (typeof original !== 'function') return;
  const proxy = new Proxy(original, {
    apply(target, self, args) { record(kind, label + '.' + name + ' ' + args.map(show).join(' ')); return Reflect.apply(target, self, args); },
    construct(target, args, newTarget) { record(kind, 'new ' + label + '.' + name + ' ' + args.join('\n')); return Reflect.construct(target, args, newTarget === proxy ? target : newTarget); },
  });
  owner[name] = proxy;
};
for (const name of ['http', 'https', 'http2']) for (const f of ['request', 'get', 'connect']) wrap(require(name), f, 'network', name);
const net = require('node:net');
for (const f of ['connect', 'createConnection']) wrap(net, f, 'network', 'net');
wrap(net.Socket.prototype, 'connect', 'network', 'net.Socket');
wrap(require('node:tls'), 'connect', 'network', 'tls');
wrap(require('node:dgram'), 'createSocket', 'network', 'dgram');
const dns = require('node:dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) { wrap(dns, f, 'network', 'dns'); wrap(dns.promises, f, 'network', 'dns.promises'); }
for (const g of ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource']) wrap(globalThis, g, 'network', 'globalThis');
const cp = require('node:child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(cp, f, 'process', 'child_process');
const vm = require('node:vm');
for (const f of ['Script', 'runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) wrap(vm, f, 'code', 'vm');
wrap(globalThis, 'Function', 'code', 'globalThis');
wrap(globalThis, 'eval', 'code', 'globalThis');
const prototypes = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const keys = (o) => Reflect.ownKeys(o).map(String).sort().join(',');
const before = Object.fromEntries(Object.entries(prototypes).map(([k, o]) => [k, keys(o)]));
process.on('exit', () => {
  for (const [k, o] of Object.entries(prototypes)) if (keys(o) !== before[k]) record('prototype', k + '.prototype now has ' + keys(o));
  record('exit', '');
});
record('loaded', '');
`;

/** A glossary whose code tags and odd keys are all usable data. */
const GOOD_GLOSSARY = `extends: recommended
terms:
  canary:
    label: !!js/function "function () { require('fs').writeFileSync('CANARY_RAN', '') }"
    forms: [canary term, !!js/regexp /inner.*/]
  constructor:
    label: !custom constructor CANARY
    forms: [!<tag:example.com,2000:app/form> constructor term]
sources:
  __proto__:
    title: CANARY
`;
/** A draft with code tags in its front matter, a script block, javascript: links and event attributes. */
const HOSTILE_DRAFT = `---
title: !!js/function "function () { require('fs').writeFileSync('CANARY_RAN', '') }"
alignment-terms: !!python/object:__main__.Pins
  __proto__: CANARY
  inner-alignment: objective-focused
---
<script>require('fs').writeFileSync('CANARY_RAN', ''); alert('outer alignment')</script>

A canary term, a constructor term and [outer alignment](javascript:require('fs').writeFileSync('CANARY_RAN','')).

<img src=x onerror="CANARY_RAN()"> <a href="javascript:CANARY_RAN()">inner alignment</a>
`;
/** A glossary that cannot be used: a Python object tag where a map belongs, a __proto__ pin. */
const BAD_GLOSSARY = `pin:
  __proto__: CANARY
terms:
  canary:
    label: canary
    forms: [canary term]
    senses: !!python/object/apply:os.system ["touch CANARY_RAN"]
`;

/** Plain paragraphs (no terms) that make each draft about 40 KB. */
const FILLER = '\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n'.repeat(500);
const DRAFTS = 40;

interface GuardRecord {
  kind: 'loaded' | 'exit' | 'network' | 'process' | 'code' | 'prototype';
  thread: number;
  detail: string;
}

let work: string;
let guard: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'at-safety-'));
  guard = path.join(work, 'guard.cjs');
  writeFileSync(guard, GUARD);
  mkdirSync(path.join(work, 'good'));
  mkdirSync(path.join(work, 'bad'));
  writeFileSync(path.join(work, 'good', '.alignment-terms.yaml'), GOOD_GLOSSARY);
  // Enough work that a forced worker thread gets files before the main thread has done them all.
  for (let i = 0; i < DRAFTS; i++) writeFileSync(path.join(work, 'good', `draft${i}.md`), HOSTILE_DRAFT + FILLER);
  writeFileSync(path.join(work, 'bad', '.alignment-terms.yaml'), BAD_GLOSSARY);
  writeFileSync(path.join(work, 'bad', 'draft.md'), 'A canary term.\n');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function readLog(file: string): GuardRecord[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as GuardRecord) : [];
}

/**
 * The CLI compiles its own bundle through vm.Script (to use its code cache; see
 * bin/load-bundle.js): that compile, of exactly the built dist/cli.js, is the tool's
 * code, not the workspace's.
 */
function isOwnBundle(detail: string): boolean {
  const bundle = path.join(path.dirname(buildCli()), '..', 'dist', 'cli.js');
  return detail.startsWith(`new vm.Script ${Module.wrap(readFileSync(bundle, 'utf8'))}\n`);
}

/** The guard saw no connection, no process, no prototype change; compiled code is the CLI's own bundle or Ajv's, and free of workspace text. */
function expectNothingRan(records: GuardRecord[]): void {
  expect(records.filter((r) => r.kind === 'network' || r.kind === 'process' || r.kind === 'prototype')).toEqual([]);
  const compiled = records.filter((r) => r.kind === 'code' && !isOwnBundle(r.detail));
  for (const r of compiled) {
    expect(r.detail).not.toContain('CANARY');
    expect(r.detail, 'only Ajv validators are compiled').toMatch(/^new globalThis\.Function self\nscope\n[\s\S]*return function validate\d+\(data,/);
  }
}

/** No file was created by a payload anywhere in the workspace. */
function noPayloadFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('CANARY'));
}

describe('the built CLI under a guard', () => {
  it.each([
    ['on the main thread', '0'],
    ['in a worker thread', '1'],
  ])('lints hostile drafts with a tagged glossary %s: nothing connects, starts or runs', async (_how, workers) => {
    const log = path.join(work, `cli-${workers}.log`);
    const run = await cliAsync(['lint', 'good', '--format', 'json'], work, { NODE_OPTIONS: `--require ${guard}`, SAFETY_LOG: log, ALIGNMENT_TERMS_WORKERS: workers });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { file: string; diagnostics: { rule: string; message: string; line: number }[] }[];
    expect(report).toHaveLength(DRAFTS);
    for (const file of report) {
      // The front matter __proto__ pin is an unknown term like any other; the link text is prose.
      expect(file.diagnostics.map((d) => `${d.line} ${d.rule} ${d.message.split(':')[0]}`)).toEqual([
        "4 unknown-pin unknown term id '__proto__' in front matter",
        '9 ambiguous-term "outer alignment" is ambiguous',
      ]);
    }
    const records = readLog(log);
    expect(records.filter((r) => r.kind === 'loaded').length, 'the guard ran').toBeGreaterThanOrEqual(1);
    if (workers === '1') expect(records.some((r) => r.kind === 'loaded' && r.thread > 0), 'the guard ran in the worker').toBe(true);
    expectNothingRan(records);
    expect(noPayloadFiles(work)).toEqual([]);
  });

  it('reports an unusable glossary (a !!python/object tag) with file and line, running nothing', async () => {
    const log = path.join(work, 'cli-bad.log');
    const run = await cliAsync(['lint', 'bad', '--format', 'json'], work, { NODE_OPTIONS: `--require ${guard}`, SAFETY_LOG: log });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(work, 'bad', '.alignment-terms.yaml')}:7:45: 'terms.canary.senses' must be a map`);
    expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
    expectNothingRan(readLog(log));
    expect(noPayloadFiles(work)).toEqual([]);
  });
});

describe('the built language server under a guard', () => {
  it('opens hostile drafts, hovers and offers fixes: nothing connects, starts or runs', async () => {
    const log = path.join(work, 'server.log');
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, SAFETY_LOG: process.env.SAFETY_LOG };
    // TestClient spawns the server synchronously inside start(), before its first await.
    process.env.NODE_OPTIONS = `--require ${guard}`;
    process.env.SAFETY_LOG = log;
    let starting: Promise<TestClient>;
    try {
      starting = TestClient.start({ workspaceFolders: [work] });
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    const client = await starting;
    try {
      const good = uri(path.join(work, 'good', 'draft0.md'));
      const bad = uri(path.join(work, 'bad', 'draft.md'));
      await client.open(good, HOSTILE_DRAFT);
      await client.open(bad, 'A canary term.\n');
      const published = await client.diagnosticsFor(good);
      expect(published.diagnostics.map((d) => `${d.range.start.line} ${d.code}`)).toEqual(['3 unknown-pin', '8 ambiguous-term']);
      const badDiagnostics = await client.diagnosticsFor(bad);
      expect(JSON.stringify(badDiagnostics)).not.toMatch(/\n\s+at /);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: good }, position: { line: 8, character: 45 } });
      expect(JSON.stringify(hover?.contents)).toContain('outer alignment');
      const actions = await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: good },
        range: published.diagnostics[1].range,
        context: { diagnostics: [published.diagnostics[1]] },
      });
      expect(actions?.length).toBeGreaterThan(0);
      expect(client.loggedErrors()).toEqual([]);
      // A polite exit (not the kill stop() falls back to), so the guard's exit check runs.
      await client.connection.sendRequest(ShutdownRequest.type);
      await client.connection.sendNotification(ExitNotification.type);
      await client.until(() => (client.alive ? undefined : true), 'the server to exit');
    } finally {
      await client.stop();
    }
    const records = readLog(log);
    expect(records.some((r) => r.kind === 'loaded')).toBe(true);
    expect(records.some((r) => r.kind === 'exit'), 'the server exited normally, so its prototypes were checked').toBe(true);
    expectNothingRan(records);
    expect(noPayloadFiles(work)).toEqual([]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------
// In process: tags and odd keys are data or a positioned problem

const ENTRY = '/repo/.alignment-terms.yaml';

/** Loads and compiles one glossary file in memory, as the CLI and server do. */
function loadOne(text: string): { problems: ConfigProblem[]; registry: Registry } {
  const loaded = loadGlossary({ readFile: (p) => (p === ENTRY ? text : undefined) }, ENTRY, { boundary: '/repo' });
  const compiled = compileRegistry(loaded.glossary);
  return { problems: [...loaded.problems, ...compiled.problems], registry: compiled.registry };
}
const where = (problems: ConfigProblem[]) => problems.map((p) => `${p.line}:${p.column} ${p.message}`);
/** The term id and text of every occurrence in `text`. */
const found = (text: string, registry: Registry) => analyze(text, registry).occurrences.map((o) => `${o.term} ${text.slice(o.span.start, o.span.end)}`);
const g = globalThis as Record<string, unknown>;

describe('YAML tags in a glossary are data', () => {
  it('!!js/function is the literal text of the label, never a function', () => {
    const { problems, registry } = loadOne('terms:\n  canary:\n    label: !!js/function "function () { globalThis.CANARY = 1 }"\n    forms: [canary term]\n');
    expect(problems).toEqual([]);
    expect(registry.terms.get('canary')?.label).toBe('function () { globalThis.CANARY = 1 }');
    expect(found('A canary term.', registry)).toEqual(['canary canary term']);
    expect(g.CANARY).toBeUndefined();
  });

  it('!!js/regexp is a literal phrase, not a pattern', () => {
    const { problems, registry } = loadOne('terms:\n  canary:\n    label: canary\n    forms: [!!js/regexp /inner.*/]\n');
    expect(problems).toEqual([]);
    expect(found('Some inner alignment and innermost things.', registry)).toEqual(['inner-alignment inner alignment']);
  });

  it('custom and verbatim tags are ignored; the values are used as written', () => {
    const { problems, registry } = loadOne('terms: !mytag\n  canary:\n    label: !<tag:example.com,2000:app/label> canary\n    forms: [!custom canary term]\n');
    expect(problems).toEqual([]);
    expect(found('A canary term.', registry)).toEqual(['canary canary term']);
  });

  it('!!python/object/apply where a map belongs is a positioned problem', () => {
    const { problems } = loadOne('terms:\n  canary:\n    label: canary\n    forms: [canary term]\n    senses: !!python/object/apply:os.system ["touch /tmp/CANARY"]\n');
    expect(where(problems)).toEqual(["5:45 'terms.canary.senses' must be a map (key: value lines)"]);
  });

  it('!!js/undefined is an empty label, reported at its place', () => {
    const { problems } = loadOne('terms:\n  canary:\n    label: !!js/undefined ""\n    forms: [canary term]\n');
    expect(where(problems)).toEqual(["3:27 'terms.canary.label' must not be empty"]);
  });
});

describe('__proto__ and constructor as ids in a glossary', () => {
  it('a __proto__ pin is an unknown term at its line (it used to vanish into the prototype, unreported)', () => {
    const { problems, registry } = loadOne('pin:\n  __proto__: objective-focused\n');
    expect(where(problems)).toEqual(["2:14 unknown term id '__proto__' in 'pin'"]);
    expect(registry.pins.size).toBe(0);
  });

  it('a source with id __proto__ is an ordinary source; no prototype changes', () => {
    const loaded = loadGlossary({ readFile: (p) => (p === ENTRY ? 'sources:\n  __proto__:\n    title: CANARY\n' : undefined) }, ENTRY, { boundary: '/repo' });
    expect(loaded.problems).toEqual([]);
    expect(Object.getPrototypeOf(loaded.glossary.sources)).toBe(Object.prototype);
    expect(Object.hasOwn(loaded.glossary.sources, '__proto__')).toBe(true);
    expect(compileRegistry(loaded.glossary).registry.sources.get('__proto__')?.title).toBe('CANARY');
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it('constructor is an ordinary term id and sense id', () => {
    const { problems, registry } = loadOne(
      'terms:\n  constructor:\n    label: ctor\n    forms: [canary term]\n    senses:\n      constructor:\n        label: C\n        definition: builds things\n      other:\n        label: O\n        definition: other things\n',
    );
    expect(problems).toEqual([]);
    expect(registry.terms.get('constructor')!.senses.map((s) => s.id)).toEqual(['constructor', 'other']);
    expect(found('A canary term.', registry)).toEqual(['constructor canary term']);
  });

  it('a sense citing a source named toString or constructor is told the source is unknown (Object.prototype has them)', () => {
    const { problems } = loadOne('terms:\n  canary:\n    label: c\n    forms: [canary term]\n    senses:\n      a:\n        label: A\n        definition: d\n        sources: [toString, constructor]\n');
    expect(where(problems)).toEqual([
      "9:19 unknown source id 'toString' in 'terms.canary.senses.a.sources'; define it under 'sources'",
      "9:29 unknown source id 'constructor' in 'terms.canary.senses.a.sources'; define it under 'sources'",
    ]);
  });

  it('an implication naming constructor or hasOwnProperty as a term is told the term is unknown', () => {
    const { problems } = loadOne('implications:\n  - id: odd\n    all: [constructor]\n    gives: hasOwnProperty\n');
    expect(where(problems).join('\n')).toMatch(/unknown term id 'constructor' in 'all'[\s\S]*unknown term id 'hasOwnProperty' in 'gives'/);
  });

  it('a term named constructor in a layer over a preset merges as data (not with Object)', () => {
    const { problems, registry } = loadOne('extends: recommended\nterms:\n  constructor:\n    label: ctor\n    forms: [canary term]\n');
    expect(problems).toEqual([]);
    expect(registry.terms.get('constructor')?.label).toBe('ctor');
  });
});

describe('front matter', () => {
  const registry = presetRegistry();

  it('code tags are ignored: a tagged pin still pins, a tagged title is text', () => {
    const text = '---\ntitle: !!js/function "function(){ globalThis.CANARY = 1 }"\nre: !!js/regexp /x/\npy: !!python/object/apply:os.system ["touch /tmp/CANARY"]\nalignment-terms: !custom\n  inner-alignment: !!js/function objective-focused\n---\nSome inner alignment here.\n';
    const a = analyze(text, registry);
    expect(a.occurrences.map((o) => [o.status, o.sense, o.via])).toEqual([['pinned', 'objective-focused', 'frontmatter']]);
    expect(a.findings).toEqual([]);
    expect(g.CANARY).toBeUndefined();
  });

  it('__proto__ and constructor pins are unknown-pin findings on their keys; top-level __proto__ pollutes nothing', () => {
    const text = '---\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nalignment-terms:\n  __proto__: objective-focused\n  constructor: x\n---\nSome inner alignment here.\n';
    const a = analyze(text, registry);
    expect(a.findings.map((f) => `${f.rule} ${text.slice(f.span.start, f.span.end)}`)).toEqual(['unknown-pin __proto__', 'unknown-pin constructor', 'ambiguous-term inner alignment']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('scripts and javascript: links in a draft are text', () => {
  const registry = presetRegistry();
  const text = [
    '<script>globalThis.CANARY = 1; alert("inner alignment")</script>',
    '',
    'Click [outer alignment](javascript:globalThis.CANARY=1) or <a href="javascript:alert(\'inner alignment\')" onclick="globalThis.CANARY=1">inner alignment</a>.',
    '',
    '<img src=x onerror="globalThis.CANARY=1; // outer alignment">',
    '',
    '[ref]: <javascript:alert("outer alignment")>',
    '',
  ].join('\n');

  it('no occurrence inside the script, a URL or an attribute; link text and element text are prose', () => {
    const a = analyze(text, registry);
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    expect(a.occurrences.map((o) => `${line(o.span.start)} ${text.slice(o.span.start, o.span.end)}`)).toEqual(['3 outer alignment', '3 inner alignment']);
    // The two prose uses: the link text, and the text between <a ...> and </a>.
    expect(a.occurrences.map((o) => o.span.start)).toEqual([text.indexOf('[outer alignment]') + 1, text.indexOf('>inner alignment</a>') + 1]);
    expect(g.CANARY).toBeUndefined();
  });
});
