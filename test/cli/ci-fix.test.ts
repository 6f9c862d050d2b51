/**
 * `lint --fix`, `--fix-pin` and `--fix-dry-run` on a copy of
 * test/fixtures/ci/fix/input: only safe fixes and requested pins are applied, the
 * result is byte-exact (CRLF kept), files with nothing to fix are never touched,
 * a second run changes nothing, a dry run writes nothing, and a read-only file is
 * refused without a partial write.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, copyFixture, FIXTURES, listFiles, runCli, cleanup } from '../fixtures/ci/cli';

const EXPECTED = path.join(FIXTURES, 'fix/expected');
const DRAFTS = ['drafts/clean.md', 'drafts/crlf-notes.md', 'drafts/nothing-safe.md', 'drafts/typo-pin.md'];
const FIX = ['lint', '--fix', '--fix-pin', 'outer-alignment=reward-misspecification', '.'];
const PAST = new Date('2020-01-01T00:00:00Z');

/** A copy of the input tree whose files all carry an old modification time, so any rewrite shows. */
function freshTree(): string {
  const dir = copyFixture('fix/input');
  for (const file of listFiles(dir)) utimesSync(path.join(dir, file), PAST, PAST);
  return dir;
}

/** Content, mtime and inode of every file: a rewrite changes at least one. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => {
      const stat = statSync(path.join(dir, f));
      return [f, `${stat.mtimeMs}:${stat.ino}:${stat.mode.toString(8)}:${readFileSync(path.join(dir, f), 'base64')}`];
    }),
  );
}

afterAll(cleanup);

beforeAll(() => {
  buildCli();
});

describe('lint --fix', () => {
  it('applies the safe fixes and the requested pins, byte for byte', () => {
    const dir = freshTree();
    chmodSync(path.join(dir, 'drafts/typo-pin.md'), 0o640);
    const before = runCli(['lint', '.'], dir);
    expect(before.code).toBe(1); // the unknown pin is an error before fixing
    const run = runCli(FIX, dir);
    for (const file of DRAFTS) expect({ file, text: readFileSync(path.join(dir, file), 'latin1') }).toEqual({ file, text: readFileSync(path.join(EXPECTED, file), 'latin1') });
    expect(readFileSync(path.join(dir, 'drafts/crlf-notes.md'), 'utf8')).toContain('---\r\nalignment-terms:\r\n');
    // Permissions survive the rename; no temporary files are left behind.
    expect(statSync(path.join(dir, 'drafts/typo-pin.md')).mode & 0o777).toBe(0o640);
    expect(listFiles(dir)).toEqual(['.alignment-terms.yaml', ...DRAFTS]);
    // The remaining findings decide the report and the exit code.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('drafts/nothing-safe.md');
    expect(run.stdout).not.toContain('typo-pin.md');
    expect(run.stderr).toBe('alignment-terms: fixed 2 files\n');
  });

  it('never touches a file with nothing to fix', () => {
    const dir = freshTree();
    const before = snapshot(dir);
    runCli(FIX, dir);
    const after = snapshot(dir);
    expect(after['drafts/clean.md']).toBe(before['drafts/clean.md']);
    expect(after['drafts/nothing-safe.md']).toBe(before['drafts/nothing-safe.md']);
    expect(after['drafts/typo-pin.md']).not.toBe(before['drafts/typo-pin.md']);
  });

  it('is idempotent: a second run changes nothing at all', () => {
    const dir = freshTree();
    runCli(FIX, dir);
    for (const file of listFiles(dir)) utimesSync(path.join(dir, file), PAST, PAST);
    const before = snapshot(dir);
    const again = runCli(FIX, dir);
    expect(snapshot(dir)).toEqual(before);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });

  it('writes through a symbolic link and keeps the owner', () => {
    const dir = freshTree();
    // drafts/typo-pin.md becomes a link to a file kept elsewhere in the tree.
    mkdirSync(path.join(dir, 'store'));
    renameSync(path.join(dir, 'drafts/typo-pin.md'), path.join(dir, 'store/typo-pin.md'));
    symlinkSync('../store/typo-pin.md', path.join(dir, 'drafts/typo-pin.md'));
    // Running as root, a rewrite could silently hand the file to root; check the owner survives.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(path.join(dir, 'store/typo-pin.md'), 4242, 4243);
    runCli(['lint', '--fix', '--fix-pin', 'outer-alignment=reward-misspecification', 'drafts'], dir);
    expect(lstatSync(path.join(dir, 'drafts/typo-pin.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'store/typo-pin.md'), 'latin1')).toBe(readFileSync(path.join(EXPECTED, 'drafts/typo-pin.md'), 'latin1'));
    if (asRoot) expect([statSync(path.join(dir, 'store/typo-pin.md')).uid, statSync(path.join(dir, 'store/typo-pin.md')).gid]).toEqual([4242, 4243]);
  });

  it('applies only safe fixes without --fix-pin (no pin is invented)', () => {
    const dir = freshTree();
    runCli(['lint', '--fix', '.'], dir);
    const typo = readFileSync(path.join(dir, 'drafts/typo-pin.md'), 'utf8');
    expect(typo).toContain('inner-alignment: objective-focused\n');
    expect(typo).not.toContain('outer-alignment:');
    expect(readFileSync(path.join(dir, 'drafts/crlf-notes.md'), 'utf8')).not.toContain('alignment-terms:');
  });

  it('refuses a read-only file with a clear error, writes nothing to it, and exits 2', () => {
    const dir = freshTree();
    const file = path.join(dir, 'drafts/typo-pin.md');
    chmodSync(file, 0o444);
    const original = readFileSync(file, 'utf8');
    const run = runCli(FIX, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('alignment-terms: cannot fix drafts/typo-pin.md: the file is read-only; it was left unchanged\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(statSync(file).mtime).toEqual(PAST);
    expect(listFiles(dir)).toEqual(['.alignment-terms.yaml', ...DRAFTS]);
    // The findings of the unfixed file are still reported as it is.
    expect(run.stdout).toContain('unknown-pin');
  });

  it('rejects a pin the glossary does not know, naming the choices', () => {
    const dir = freshTree();
    const before = snapshot(dir);
    const run = runCli(['lint', '--fix', '--fix-pin', 'outer-alignment=reward', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^alignment-terms: --fix-pin outer-alignment=reward: outer-alignment has no sense 'reward'; its senses are .*reward-misspecification/);
    expect(runCli(['lint', '--fix-pin', 'outer-alignment=training-signal', '.'], dir).stderr).toBe('alignment-terms: --fix-pin needs --fix or --fix-dry-run\n');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('lint --fix-dry-run', () => {
  it('prints a unified diff that applies to the expected files, and changes nothing', () => {
    const dir = freshTree();
    const before = snapshot(dir);
    const run = runCli(['lint', '--fix-dry-run', '--fix-pin', 'outer-alignment=reward-misspecification', '.'], dir);
    expect(snapshot(dir)).toEqual(before);
    expect(run.stdout).toContain('--- a/drafts/typo-pin.md\n+++ b/drafts/typo-pin.md\n');
    expect(run.stdout).toContain('-  inner-alignment: objective\n+  inner-alignment: objective-focused\n');
    expect(run.stdout).not.toContain('clean.md');
    expect(run.stderr).toBe('alignment-terms: 2 files would change (--fix-dry-run: nothing was written)\n');
    // The patch is real: applying it gives exactly what --fix writes.
    writeFileSync(path.join(dir, 'fixes.patch'), run.stdout);
    execFileSync('git', ['apply', '-p1', 'fixes.patch'], { cwd: dir });
    for (const file of DRAFTS) expect(readFileSync(path.join(dir, file), 'latin1')).toBe(readFileSync(path.join(EXPECTED, file), 'latin1'));
  });

  it('cannot be combined with --fix', () => {
    const run = runCli(['lint', '--fix', '--fix-dry-run', '.'], freshTree());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('alignment-terms: --fix and --fix-dry-run cannot be used together\n');
  });
});
