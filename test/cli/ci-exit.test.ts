/**
 * What CI scripts rely on: exit codes (0 clean, 1 error findings or too many
 * warnings, 2 usage, glossary or missing-file problems, always one clear line and
 * never a stack trace), colour only when asked or on a terminal, no progress line
 * in pipes, a stable report order whether or not worker threads are used, and a
 * --cache that gives the same answers and notices changes.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, copyFixture, runCli, tempDir, cleanup } from '../fixtures/ci/cli';

let fix: string;

afterAll(cleanup);

beforeAll(() => {
  buildCli();
  fix = copyFixture('fix/input');
});

/** stderr is one or more "alignment-terms: ..." lines and no stack trace. */
function expectCleanError(stderr: string): void {
  expect(stderr).toMatch(/^alignment-terms: /);
  expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

describe('exit codes', () => {
  it('0 for a clean draft', () => {
    const run = runCli(['lint', 'drafts/clean.md'], fix);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 for an error-severity finding', () => {
    const run = runCli(['lint', 'drafts/typo-pin.md'], fix);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unknown-pin');
  });

  it('0 for warnings alone, 1 once there are more than --max-warnings', () => {
    expect(runCli(['lint', 'drafts/nothing-safe.md'], fix).code).toBe(0);
    expect(runCli(['lint', '--max-warnings', '1', 'drafts/nothing-safe.md'], fix).code).toBe(0);
    const over = runCli(['lint', '--max-warnings', '0', 'drafts/nothing-safe.md'], fix);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('alignment-terms found too many warnings (maximum: 0).');
  });

  it('2 for usage errors, each one line', () => {
    for (const args of [['lint', '--format', 'xml', '.'], ['lint', '--max-warnings', 'many', '.'], ['lint', '--bogus'], ['frobnicate'], ['explain', '--fix', 'inner-alignment']]) {
      const run = runCli(args, fix);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expectCleanError(run.stderr);
      expect(run.stdout).toBe('');
    }
  });

  it('2 for a missing file, naming it', () => {
    const run = runCli(['lint', 'drafts/nope.md'], fix);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('alignment-terms: no such file or directory: drafts/nope.md\n');
  });

  it('2 for a broken glossary, naming its file, line and problem', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.alignment-terms.yaml'), 'extends: recommended\nrules:\n  ambiguous-term: loud\n');
    writeFileSync(path.join(dir, 'draft.md'), 'Inner alignment matters.\n');
    const run = runCli(['lint', '--format', 'sarif', '.'], dir);
    expect(run.code).toBe(2);
    expectCleanError(run.stderr);
    expect(run.stderr).toMatch(/\.alignment-terms\.yaml:3:\d+: /);
  });

  it('2 for a missing --config file', () => {
    const run = runCli(['lint', '--config', 'nope.yaml', '.'], fix);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope.yaml');
    expectCleanError(run.stderr);
  });

  it('leaves no --output file behind when the run fails', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.alignment-terms.yaml'), 'rules: [\n');
    writeFileSync(path.join(dir, 'draft.md'), 'Inner alignment matters.\n');
    const run = runCli(['lint', '--format', 'sarif', '--output', 'report.sarif', '.'], dir);
    expect(run.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['.alignment-terms.yaml', 'draft.md']);
  });
});

describe('colour and progress', () => {
  it('uses colour only when asked (stdout here is a pipe)', () => {
    expect(runCli(['lint', 'drafts/typo-pin.md'], fix).stdout).not.toContain('\x1b[');
    expect(runCli(['lint', '--color', 'drafts/typo-pin.md'], fix).stdout).toContain('\x1b[');
    expect(runCli(['lint', '--color', '--no-color', 'drafts/typo-pin.md'], fix).stdout).not.toContain('\x1b[');
  });

  it('prints no progress line when stderr is not a terminal, even for many files', () => {
    const dir = manyDrafts(60);
    const run = runCli(['lint', '.'], dir);
    expect(run.stderr).toBe('');
  });
});

/** `count` small drafts, every third with an ambiguous term, in nested folders. */
function manyDrafts(count: number): string {
  const dir = tempDir();
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `part-${i % 3}`);
    mkdirSync(folder, { recursive: true });
    const body = i % 3 === 0 ? `Draft ${i}: is inner alignment enough?\n` : `Draft ${i}: capability robustness, tested.\n`;
    writeFileSync(path.join(folder, `draft-${String(i).padStart(3, '0')}.md`), `# Draft ${i}\n\n${body}`);
  }
  return dir;
}

describe('order and parallelism', () => {
  it('reports the same files in the same order with and without worker threads', () => {
    const dir = manyDrafts(60);
    const single = runCli(['lint', '--format', 'json', '.'], dir, { ALIGNMENT_TERMS_WORKERS: '0' });
    const threaded = runCli(['lint', '--format', 'json', '.'], dir, { ALIGNMENT_TERMS_WORKERS: '1' });
    expect(threaded).toEqual(single);
    const files = (JSON.parse(single.stdout) as { file: string }[]).map((f) => f.file);
    expect(files).toHaveLength(60);
    expect(files).toEqual([...files].sort());
    expect(runCli(['occurrences', '.'], dir, { ALIGNMENT_TERMS_WORKERS: '1' }).stdout).toBe(runCli(['occurrences', '.'], dir, { ALIGNMENT_TERMS_WORKERS: '0' }).stdout);
  });
});

describe('--cache', () => {
  it('gives the same report from the cache, and notices edited drafts and glossaries', () => {
    const dir = copyFixture('fix/input');
    const first = runCli(['lint', '--cache', '--format', 'json', '.'], dir);
    expect(readdirSync(path.join(dir, '.alignment-terms-cache')).length).toBeGreaterThan(0);
    const second = runCli(['lint', '--cache', '--format', 'json', '.'], dir);
    expect(second).toEqual(first);

    writeFileSync(path.join(dir, 'drafts/clean.md'), '# Now unsettled\n\nIs outer alignment enough?\n');
    const edited = JSON.parse(runCli(['lint', '--cache', '--format', 'json', '.'], dir).stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(edited.find((f) => f.file === 'drafts/clean.md')!.diagnostics.map((d) => d.rule)).toEqual(['ambiguous-term']);

    const glossary = path.join(dir, '.alignment-terms.yaml');
    writeFileSync(glossary, readFileSync(glossary, 'utf8').replace('rules:\n', 'rules:\n  ambiguous-term: off\n'));
    const relaxed = JSON.parse(runCli(['lint', '--cache', '--format', 'json', '.'], dir).stdout) as { diagnostics: { rule: string }[] }[];
    expect(relaxed.flatMap((f) => f.diagnostics.map((d) => d.rule))).not.toContain('ambiguous-term');
  });

  it('gives the same stylish, SARIF, GitHub and --quiet reports and exit codes from the cache, and treats a damaged entry as a miss', () => {
    const dir = copyFixture('fix/input');
    const fresh = new Map<string, ReturnType<typeof runCli>>();
    const variants = [['--format', 'stylish'], ['--format', 'sarif'], ['--format', 'github'], ['--format', 'json', '--quiet'], ['--format', 'stylish', '--max-warnings', '0']];
    for (const variant of variants) fresh.set(variant.join(' '), runCli(['lint', ...variant, '.'], dir));
    runCli(['lint', '--cache', '--format', 'json', '.'], dir);
    for (const variant of variants) expect(runCli(['lint', '--cache', ...variant, '.'], dir)).toEqual(fresh.get(variant.join(' ')));

    // Damage every entry (cut each in half): each is a miss, re-analysed, and the report is unchanged.
    const json = runCli(['lint', '--format', 'json', '.'], dir);
    const cacheDir = path.join(dir, '.alignment-terms-cache');
    const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.parentPath.includes('glossaries'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const file = path.join(e.parentPath, e.name);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    }
    expect(runCli(['lint', '--cache', '--format', 'json', '.'], dir)).toEqual(json);
  });

  it('uses --cache-location', () => {
    const dir = copyFixture('fix/input');
    runCli(['lint', '--cache-location', 'tmp-cache', '.'], dir);
    expect(readdirSync(path.join(dir, 'tmp-cache')).length).toBeGreaterThan(0);
  });
});
