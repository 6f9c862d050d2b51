/**
 * Pathological drafts and hostile file trees through the built CLI: a 10 MB single
 * line, nesting 10,000 deep, a binary file, invalid UTF-8, a BOM, a symbolic link
 * loop, a reader that closes the pipe early, and --fix writing only what it was
 * given. Each run must finish, say what it skipped and why, and never print a stack
 * trace. (Times and memory are measured by bench/pathological.mjs, not here.)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, cliAsync, snapshotTree, tempDir } from '../helpers/cli';

const SLOW = { timeout: 180_000 };
const NO_STACK = /\n\s+at .+\(|node:internal|EPIPE|Error:/;

function draftsIn(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('files that are not text', () => {
  it('skips a binary file and says so; reads invalid UTF-8 with a warning; lints the rest', async () => {
    const dir = draftsIn({
      'binary.md': Buffer.from([0x69, 0x6e, 0x6e, 0x65, 0x72, 0x00, 0x01, 0x02, 0xff]),
      'latin1.md': Buffer.from('inner alignment caf\xe9 \xff\xfe\n', 'latin1'),
      'fine.md': 'outer alignment\n',
    });
    const run = await cliAsync(['lint', '.', '--format', 'json'], dir);
    expect(run.stderr).toContain('skipped binary.md: binary file');
    expect(run.stderr).toMatch(/latin1\.md: not valid UTF-8/);
    expect(run.stderr).not.toMatch(NO_STACK);
    const report = JSON.parse(run.stdout) as { file: string; diagnostics: { line: number; column: number }[] }[];
    expect(report.map((r) => [r.file, r.diagnostics.length])).toEqual([
      ['binary.md', 0],
      ['fine.md', 1],
      ['latin1.md', 1],
    ]);
  });

  it('counts columns after a BOM as an editor does', async () => {
    const dir = draftsIn({ 'bom.md': '\uFEFFinner alignment and\nouter alignment\n' });
    const run = await cliAsync(['occurrences', 'bom.md', '--format', 'json'], dir);
    const [{ occurrences }] = JSON.parse(run.stdout) as { occurrences: { text: string; line: number; column: number; endColumn: number }[] }[];
    expect(occurrences.map((o) => [o.text, o.line, o.column, o.endColumn])).toEqual([
      ['inner alignment', 1, 1, 16],
      ['outer alignment', 2, 1, 16],
    ]);
  });
});

describe('pathological drafts finish', () => {
  it('a 10 MB single line with 1,000 uses in it', SLOW, async () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(370);
    const dir = draftsIn({ 'line.md': `${filler}inner alignment `.repeat(1_000) });
    expect(statSync(path.join(dir, 'line.md')).size).toBeGreaterThan(10_000_000);
    const run = await cliAsync(['lint', 'line.md', '--format', 'json'], dir);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect((JSON.parse(run.stdout) as { diagnostics: unknown[] }[])[0].diagnostics).toHaveLength(1_000);
  });

  it('block quotes, list markers, brackets and emphasis nested 10,000 deep', SLOW, async () => {
    const dir = draftsIn({
      'quotes.md': `${'>'.repeat(10_000)} inner alignment\n`,
      'lists.md': `${'- '.repeat(10_000)}inner alignment\n`,
      'brackets.md': `${'['.repeat(10_000)}inner alignment${']'.repeat(10_000)}\n`,
      'emphasis.md': `Text ${'*'.repeat(10_000)}inner alignment${'*'.repeat(10_000)}\n`,
    });
    const run = await cliAsync(['occurrences', '.', '--format', 'json'], dir);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect((JSON.parse(run.stdout) as { file: string; occurrences: unknown[] }[]).map((r) => [r.file, r.occurrences.length])).toEqual([
      ['brackets.md', 1],
      ['emphasis.md', 1],
      ['lists.md', 1],
      ['quotes.md', 1],
    ]);
  });
});

describe('file trees', () => {
  it('walks a tree with symbolic link loops once, without hanging', async () => {
    const dir = draftsIn({ 'docs/a.md': 'inner alignment\n', 'docs/deep/b.md': 'outer alignment\n' });
    symlinkSync('.', path.join(dir, 'docs', 'self'));
    symlinkSync('../..', path.join(dir, 'docs', 'deep', 'up'));
    symlinkSync('missing.md', path.join(dir, 'docs', 'dangling.md'));
    const run = await cliAsync(['lint', '.', '--format', 'json'], dir);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['docs/a.md', 'docs/deep/b.md']);
  });

  it('ends quietly with its exit code when the reader closes the pipe early', async () => {
    const dir = draftsIn(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}.md`, 'inner alignment\n\n'.repeat(500)])));
    const script = `"${process.execPath}" "${buildCli()}" lint . --format json | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const out = execFileSync('bash', ['-c', `${script} 2>&1`], { cwd: dir, encoding: 'utf8' });
    expect(out).not.toMatch(NO_STACK);
    expect(out).toMatch(/exit=0/);
  });
});

describe('--fix', () => {
  it('writes only the files it was given, atomically (no temporary files left), keeping their mode', async () => {
    const dir = draftsIn({ 'a.md': 'Inner alignment matters.\n', 'b.md': 'Inner alignment here too.\n', 'sub/c.md': 'Inner alignment.\n' });
    chmodSync(path.join(dir, 'a.md'), 0o640);
    const before = snapshotTree(dir);
    const run = await cliAsync(['lint', 'a.md', '--fix', '--fix-pin', 'inner-alignment=objective-focused'], dir);
    expect(run.stderr).not.toMatch(NO_STACK);
    const after = snapshotTree(dir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after['b.md']).toBe(before['b.md']);
    expect(after['sub/c.md']).toBe(before['sub/c.md']);
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\nInner alignment matters.\n');
    expect(statSync(path.join(dir, 'a.md')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a symbolic link to its target and keeps the link', async () => {
    const dir = draftsIn({ 'elsewhere/real.md': 'Outer alignment too.\n' });
    mkdirSync(path.join(dir, 'drafts'));
    symlinkSync('../elsewhere/real.md', path.join(dir, 'drafts', 'link.md'));
    await cliAsync(['lint', 'drafts/link.md', '--fix', '--fix-pin', 'outer-alignment=objective-function'], dir);
    expect(readFileSync(path.join(dir, 'elsewhere', 'real.md'), 'utf8')).toContain('outer-alignment: objective-function');
    expect(readdirSync(path.join(dir, 'drafts'))).toEqual(['link.md']);
    expect(lstatSync(path.join(dir, 'drafts', 'link.md')).isSymbolicLink()).toBe(true);
  });
});
