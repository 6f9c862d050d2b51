/**
 * `alignment-terms lint`, run as a user runs it: the built binary, its output and
 * its exit code (0 clean, 1 error findings or too many warnings, 2 usage or
 * configuration error, always with a clear message and never a stack trace). The
 * CLI never writes to the files it reads. Each run starts Node, so runs are shared
 * where one answers several questions, and independent tests run concurrently.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliAsync, FIXTURES, snapshotTree, tempDir, type CliRun } from '../helpers/cli';

let fixturesBefore: Record<string, string>;
let stylish: Promise<CliRun>;
let json: Promise<CliRun>;

beforeAll(() => {
  buildCli();
  fixturesBefore = snapshotTree(FIXTURES);
  stylish = cliAsync(['lint', 'drafts']);
  json = cliAsync(['lint', 'drafts', '--format', 'json']);
});

// The CLI never writes to a user's file: every run in this file read the fixtures.
afterAll(() => {
  expect(snapshotTree(FIXTURES)).toEqual(fixturesBefore);
});

const noStackTrace = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr).not.toMatch(/TypeError|ReferenceError/);
};

interface Report {
  file: string;
  diagnostics: Record<string, unknown>[];
}
const files = (run: CliRun) => (JSON.parse(run.stdout) as Report[]).map((r) => r.file);

describe.concurrent('output', () => {
  it('stylish: file, line:column, severity, message and rule per finding, then a summary', async () => {
    const run = await stylish;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "drafts/sub/broken-pin.md
        4:20  error    unknown sense id 'objective-focussed' for inner-alignment in front matter; did you mean 'objective-focused'?  unknown-pin
        7:13  warning  "inner alignment" is ambiguous: inner alignment has 4 senses: objective-focused (Hubinger 2020), generalization-focused (Shah), optimization-focused (Wentworth 2020), inductive-bias-focused (Ngo 2022). Pin a sense or qualify this use.  ambiguous-term

      drafts/sub/notes.markdown
        1:16  warning  "outer alignment" is ambiguous: outer alignment has 4 senses: objective-function (Hubinger 2020), reward-misspecification (Ngo 2022), training-signal (Ngo 2022), generalization-inclusive (Wentworth 2020). Pin a sense or qualify this use.  ambiguous-term
        4:58  warning  "inner misalignment" is ambiguous: inner alignment has 4 senses: objective-focused (Hubinger 2020), generalization-focused (Shah), optimization-focused (Wentworth 2020), inductive-bias-focused (Ngo 2022). Pin a sense or qualify this use.  ambiguous-term

      drafts/unsettled.md
        4:49  warning  "inner misalignment" is ambiguous: inner alignment has 4 senses: objective-focused (Hubinger 2020), generalization-focused (Shah), optimization-focused (Wentworth 2020), inductive-bias-focused (Ngo 2022). Likely generalization-focused, from the cues "deployment", "new environment". Pin a sense or qualify this use.  ambiguous-term
        6:24  warning  "outer alignment" is ambiguous: outer alignment has 4 senses: objective-function (Hubinger 2020), reward-misspecification (Ngo 2022), training-signal (Ngo 2022), generalization-inclusive (Wentworth 2020). Pin a sense or qualify this use.  ambiguous-term

      ✖ 6 problems (1 error, 5 warnings)
      "
    `);
  });

  it('json: per file (*.markdown included), diagnostics with rule, severity, message, positions, term and fixes', async () => {
    const run = await json;
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report[];
    expect(report.map((r) => r.file)).toEqual(['drafts/settled.md', 'drafts/sub/broken-pin.md', 'drafts/sub/notes.markdown', 'drafts/unsettled.md']);
    const broken = report[1].diagnostics;
    expect(broken.map((d) => [d.rule, d.severity, d.line, d.column])).toEqual([
      ['unknown-pin', 'error', 4, 20],
      ['ambiguous-term', 'warning', 7, 13],
    ]);
    for (const d of report.flatMap((r) => r.diagnostics)) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'term', 'fixes']));
      expect(d.message).toEqual(expect.any(String));
      expect(d.fixes).toEqual(expect.any(Array));
    }
    const ambiguous = broken[1] as { term: string; endColumn: number; fixes: { kind: string }[] };
    expect(ambiguous.term).toBe('inner-alignment');
    expect(ambiguous.endColumn).toBe(28);
    expect(new Set(ambiguous.fixes.map((f) => f.kind))).toEqual(new Set(['pin-frontmatter', 'qualify', 'replace', 'footnote', 'disable-line']));
    const pinFix = (broken[0] as { fixes: { edits: Record<string, unknown>[] }[] }).fixes[0];
    expect(pinFix.edits).toEqual([expect.objectContaining({ line: 4, column: 20, endLine: 4, endColumn: 38, text: 'objective-focused' })]);
  });

  it('a clean folder prints nothing and exits 0', async () => {
    expect(await cliAsync(['lint', 'clean'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet reports errors only', async () => {
    const run = await cliAsync(['lint', 'drafts', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/4:20\s+error/);
    expect(run.stdout).not.toContain('warning  ');
    expect(run.stdout).not.toContain('ambiguous-term');
  });
});

describe.concurrent('exit codes', () => {
  it('0 when there are only warnings; with --quiet it prints nothing', async () => {
    const [plain, quiet] = await Promise.all([cliAsync(['lint', 'drafts/unsettled.md']), cliAsync(['lint', 'drafts/unsettled.md', '--quiet'])]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('ambiguous-term');
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 with an error-severity finding', async () => {
    expect((await stylish).code).toBe(1);
  });

  it('--max-warnings: 1 when there are more warnings than N, 0 at N', async () => {
    const [over, at] = await Promise.all([cliAsync(['lint', 'drafts/unsettled.md', '--max-warnings', '1']), cliAsync(['lint', 'drafts/unsettled.md', '--max-warnings', '2'])]);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/too many warnings/i);
    expect(at.code).toBe(0);
  });

  it.each([
    ['--max-warnings that is not a number', ['lint', 'drafts', '--max-warnings', 'many'], 'many'],
    ['an unknown option', ['lint', 'drafts', '--frobnicate'], '--frobnicate'],
    ['an unknown command', ['lnit', 'drafts'], 'lnit'],
    ['an unknown format', ['lint', 'drafts', '--format', 'xml'], 'xml'],
    ['a missing file', ['lint', 'drafts/nothing-here.md'], 'drafts/nothing-here.md'],
    ['a glob that matches nothing', ['lint', 'drafts/**/*.mdx'], 'drafts/**/*.mdx'],
    ['a --config file that does not exist', ['lint', 'drafts', '--config', 'no-such-glossary.yaml'], 'no-such-glossary.yaml'],
  ])('2 for %s, with a message naming it', async (_name, args, named) => {
    const run = await cliAsync(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);
  });

  it('a glob that matches files lints them', async () => {
    const run = await cliAsync(['lint', 'drafts/**/*.markdown', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(files(run)).toEqual(['drafts/sub/notes.markdown']);
  });

  it('2 for a file that cannot be read (a socket), naming the file', async () => {
    const dir = tempDir();
    const server = net.createServer().listen(path.join(dir, 'draft.md'));
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const run = await cliAsync(['lint', 'draft.md'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('draft.md');
      noStackTrace(run.stderr);
    } finally {
      server.close();
    }
  });

  if (process.getuid?.() === 0) console.log('lint.test.ts: skipped the permission test: running as root, where file permissions do not stop reading (the socket test covers unreadable files)');
  it.skipIf(process.getuid?.() === 0)('2 for a file without read permission, naming the file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secret.md'), 'inner alignment\n');
    chmodSync(path.join(dir, 'secret.md'), 0o000);
    const run = await cliAsync(['lint', 'secret.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('secret.md');
    noStackTrace(run.stderr);
  });

  it('2 for a broken --config glossary, naming the file and line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), 'extends: recommended\nrules:\n  ambiguous-term: loud\n');
    writeFileSync(path.join(dir, 'draft.md'), 'inner alignment\n');
    const run = await cliAsync(['lint', 'draft.md', '--config', 'house.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/house\.yaml:3:\d+/);
    expect(run.stderr).toContain('loud');
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);
  });

  it('--config applies the glossary: a severity set to error makes lint exit 1', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), 'extends: recommended\nrules:\n  ambiguous-term: error\n');
    writeFileSync(path.join(dir, 'draft.md'), 'The inner alignment case.\n');
    const run = await cliAsync(['lint', 'draft.md', '--config', 'house.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1:5\s+error/);
  });
});

describe('walking folders', () => {
  it('skips .gitignored files and folders (also from a subfolder .gitignore), node_modules, the glossary ignore list and non-Markdown files; survives a link loop', async () => {
    const dir = tempDir();
    const write = (file: string, text = 'The inner alignment case.\n') => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('.gitignore', 'archive/\nscratch.md\n');
    write('.alignment-terms.yaml', 'extends: recommended\nignore: ["old-drafts/**"]\n');
    write('drafts/kept.md');
    write('drafts/scratch.md');
    write('drafts/archive/old.md');
    write('old-drafts/first.md');
    write('node_modules/pkg/README.md');
    write('drafts/notes.txt');
    write('sub/.gitignore', '*.markdown\n');
    write('sub/hidden.markdown');
    write('sub/shown.md');
    write('top.markdown');
    symlinkSync('..', path.join(dir, 'sub', 'loop'));
    const run = await cliAsync(['lint', '.', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(files(run)).toEqual(['drafts/kept.md', 'sub/shown.md', 'top.markdown']);
  });
});
