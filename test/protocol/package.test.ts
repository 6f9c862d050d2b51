/**
 * The .vsix: `vsce package` (as `npm run package` runs it, after the build) makes a
 * package holding exactly the bundles, the registry and schema, the grammar, the
 * manifest, README and LICENSE, and nothing of node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './build';

/** Entries of a zip file (central directory), with a reader for each. */
function readZip(file: string): Map<string, () => Buffer> {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

let dir: string;
let entries: Map<string, () => Buffer>;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'alignment-terms-vsix-'));
  const out = path.join(dir, 'alignment-terms.vsix');
  // The same vsce command as `npm run package`, without rebuilding (other test files may be running the bundles).
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const script = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.package as string;
  const flags = script.slice(script.indexOf('vsce package') + 'vsce package'.length).trim().split(/\s+/);
  execFileSync(process.execPath, [vsce, 'package', ...flags, '--out', out], { cwd: ROOT, stdio: 'pipe' });
  entries = readZip(out);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the .vsix', () => {
  it('holds exactly the files the extension needs', () => {
    expect([...entries.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/dist/cli-worker.js',
        'extension/dist/cli.js',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/package.json',
        'extension/readme.md',
        'extension/server/registry/glossary.schema.json',
        'extension/server/registry/recommended.yaml',
        'extension/server/registry/strict.yaml',
        'extension/syntaxes/alignment-terms.injection.json',
      ].sort(),
    );
  });

  it('has a manifest whose paths all point into the package', () => {
    const manifest = JSON.parse(entries.get('extension/package.json')!().toString('utf8'));
    const inside = (p: string) => entries.has(`extension/${path.posix.normalize(p)}`);
    expect(inside(manifest.main)).toBe(true);
    for (const grammar of manifest.contributes.grammars) expect(inside(grammar.path)).toBe(true);
    for (const validation of manifest.contributes.yamlValidation) expect(inside(validation.url)).toBe(true);
    expect(manifest.activationEvents).toContain('onLanguage:markdown');
    expect(manifest.capabilities.untrustedWorkspaces).toEqual({ supported: true });
    expect(new Set(manifest.contributes.commands.map((c: { category: string }) => c.category))).toEqual(new Set(['Alignment Terms']));
  });

  it('ships bundles that need nothing from node_modules except vscode', () => {
    const extension = entries.get('extension/dist/extension.js')!().toString('utf8');
    const server = entries.get('extension/dist/server.js')!().toString('utf8');
    // Calls only: Ajv keeps `'require("ajv/dist/runtime/...")'` as strings for its standalone mode.
    const required = (code: string) => [...new Set([...code.matchAll(/(?<!['"`])\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:') && !BUILTIN.has(m)))];
    expect(required(extension)).toEqual(['vscode']);
    expect(required(server)).toEqual([]);
  });
});

const BUILTIN = new Set(['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'tty', 'url', 'util', 'worker_threads', 'zlib', 'fs/promises', 'module', 'v8', 'perf_hooks', 'readline', 'string_decoder']);
