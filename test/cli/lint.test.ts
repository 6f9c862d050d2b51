/**
 * `alignment-terms lint`, run as a user runs it: the built binary, its output and
 * its exit code (0 clean, 1 error findings or too many warnings, 2 usage or
 * configuration error, always with a clear message and never a stack trace). The
 * CLI never writes to the files it reads.
 */
import { mkdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, FIXTURES, snapshotTree, tempDir } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

const noStackTrace = (stderr: string) => {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(stderr).not.toMatch(/TypeError|ReferenceError/);
};

describe('output', () => {
  it('stylish: file, line:column, severity, message and rule per finding, then a summary', () => {
    const run = cli(['lint', 'drafts']);
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

  it('json: per file, diagnostics with rule, severity, message, positions, term and fixes', () => {
    const run = cli(['lint', 'drafts', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { file: string; diagnostics: Record<string, unknown>[] }[];
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
    const ambiguous = broken[1] as { term: string; endColumn: number; fixes: { kind: string; edits: unknown[] }[] };
    expect(ambiguous.term).toBe('inner-alignment');
    expect(ambiguous.endColumn).toBe(28);
    expect(new Set(ambiguous.fixes.map((f) => f.kind))).toEqual(new Set(['pin-frontmatter', 'qualify', 'replace', 'footnote', 'disable-line']));
    const pinFix = (broken[0] as { fixes: { edits: Record<string, unknown>[] }[] }).fixes[0];
    expect(pinFix.edits).toEqual([expect.objectContaining({ line: 4, column: 20, endLine: 4, endColumn: 38, text: 'objective-focused' })]);
  });

  it('*.markdown files are linted when a folder is walked', () => {
    const run = cli(['lint', 'drafts', '--format', 'json']);
    expect(run.stdout).toContain('drafts/sub/notes.markdown');
  });

  it('a clean folder prints nothing and exits 0', () => {
    const run = cli(['lint', 'clean']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet reports errors only', () => {
    const run = cli(['lint', 'drafts', '--quiet', '--format', 'json']);
    expect(run.code).toBe(1);
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { severity: string }[] }[]).flatMap((r) => r.diagnostics);
    expect(diagnostics.map((d) => d.severity)).toEqual(['error']);
    const stylish = cli(['lint', 'drafts', '--quiet']).stdout;
    expect(stylish).toContain('unknown-pin');
    expect(stylish).not.toContain('ambiguous-term');
  });

  it('--quiet on a folder with warnings only exits 0', () => {
    expect(cli(['lint', 'drafts/unsettled.md', '--quiet']).code).toBe(0);
  });
});

describe('exit codes', () => {
  it('0 when there are only warnings', () => {
    const run = cli(['lint', 'drafts/unsettled.md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ambiguous-term');
  });

  it('1 with an error-severity finding', () => {
    expect(cli(['lint', 'drafts/sub/broken-pin.md']).code).toBe(1);
  });

  it('--max-warnings: 1 when there are more warnings than N, 0 at N', () => {
    const over = cli(['lint', 'drafts/unsettled.md', '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/too many warnings/i);
    expect(cli(['lint', 'drafts/unsettled.md', '--max-warnings', '2']).code).toBe(0);
    expect(cli(['lint', 'drafts/unsettled.md', '--max-warnings', '0']).code).toBe(1);
  });

  it('2 for --max-warnings that is not a number', () => {
    const run = cli(['lint', 'drafts', '--max-warnings', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('many');
  });

  it('2 for an unknown option', () => {
    const run = cli(['lint', 'drafts', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);
  });

  it('2 for an unknown command', () => {
    const run = cli(['lnit', 'drafts']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('lnit');
    noStackTrace(run.stderr);
  });

  it('2 for an unknown format', () => {
    const run = cli(['lint', 'drafts', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('xml');
  });

  it('2 for a missing file, naming it', () => {
    const run = cli(['lint', 'drafts/nothing-here.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drafts/nothing-here.md');
    noStackTrace(run.stderr);
  });

  it('2 for a glob that matches nothing, naming it', () => {
    const run = cli(['lint', 'drafts/**/*.mdx']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('drafts/**/*.mdx');
    noStackTrace(run.stderr);
  });

  it('a glob that matches files lints them', () => {
    const run = cli(['lint', 'drafts/**/*.markdown', '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['drafts/sub/notes.markdown']);
  });

  it('2 for a file that cannot be read (a socket), naming the file', async () => {
    const dir = tempDir();
    const socket = path.join(dir, 'draft.md');
    const server = net.createServer().listen(socket);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const run = cli(['lint', 'draft.md'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('draft.md');
      noStackTrace(run.stderr);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.getuid?.() === 0)('2 for a file without read permission, naming the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'secret.md'), 'inner alignment\n');
    chmodSync(path.join(dir, 'secret.md'), 0o000);
    const run = cli(['lint', 'secret.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('secret.md');
    noStackTrace(run.stderr);
  });
  if (process.getuid?.() === 0) console.log('lint.test.ts: skipped the permission test: running as root, where file permissions do not stop reading (the socket test covers unreadable files)');

  it('2 for a broken --config glossary, naming the file and line', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), 'extends: recommended\nrules:\n  ambiguous-term: loud\n');
    writeFileSync(path.join(dir, 'draft.md'), 'inner alignment\n');
    const run = cli(['lint', 'draft.md', '--config', 'house.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/house\.yaml:3:\d+/);
    expect(run.stderr).toContain('loud');
    expect(run.stdout).toBe('');
    noStackTrace(run.stderr);
  });

  it('2 for a --config file that does not exist', () => {
    const run = cli(['lint', 'drafts', '--config', 'no-such-glossary.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-glossary.yaml');
  });

  it('--config applies the glossary: a severity set to error makes lint exit 1', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), 'extends: recommended\nrules:\n  ambiguous-term: error\n');
    writeFileSync(path.join(dir, 'draft.md'), 'The inner alignment case.\n');
    const run = cli(['lint', 'draft.md', '--config', 'house.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1:5\s+error/);
  });
});

describe('walking folders', () => {
  it('skips .gitignored files and folders, and node_modules', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'drafts', 'archive'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(path.join(dir, '.gitignore'), 'archive/\nscratch.md\n');
    writeFileSync(path.join(dir, 'drafts', 'kept.md'), 'The inner alignment case.\n');
    writeFileSync(path.join(dir, 'drafts', 'scratch.md'), 'The inner alignment case.\n');
    writeFileSync(path.join(dir, 'drafts', 'archive', 'old.md'), 'The inner alignment case.\n');
    writeFileSync(path.join(dir, 'node_modules', 'pkg', 'README.md'), 'The inner alignment case.\n');
    writeFileSync(path.join(dir, 'drafts', 'notes.txt'), 'The inner alignment case.\n');
    const run = cli(['lint', '.', '--format', 'json'], dir);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['drafts/kept.md']);
  });

  it('a .gitignore in a subfolder applies below it', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'a', '.gitignore'), '*.markdown\n');
    writeFileSync(path.join(dir, 'a', 'x.markdown'), 'inner alignment\n');
    writeFileSync(path.join(dir, 'b.markdown'), 'inner alignment\n');
    const run = cli(['lint', '.', '--format', 'json'], dir);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['b.markdown']);
  });

  it("skips the glossary's ignore list", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'archive'));
    writeFileSync(path.join(dir, '.alignment-terms.yaml'), 'extends: recommended\nignore: ["archive/**"]\n');
    writeFileSync(path.join(dir, 'archive', 'old.md'), 'The inner alignment case.\n');
    writeFileSync(path.join(dir, 'new.md'), 'The inner alignment case.\n');
    const run = cli(['lint', '.', '--format', 'json'], dir);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['new.md']);
  });

  it('a symbolic link loop does not hang the walk', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'a.md'), 'The mesa-optimizer.\n');
    symlinkSync('..', path.join(dir, 'docs', 'loop'));
    const run = cli(['lint', '.', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['docs/a.md']);
  });
});

describe('never writes to user files', () => {
  it('lint, occurrences and explain leave the fixtures byte-for-byte unchanged', () => {
    const before = snapshotTree(FIXTURES);
    cli(['lint', 'drafts']);
    cli(['lint', 'drafts', '--format', 'json']);
    cli(['lint', 'drafts', '--quiet', '--max-warnings', '0']);
    cli(['occurrences', 'drafts', 'occurrences/drafts', '--format', 'json']);
    cli(['explain', 'inner-alignment']);
    expect(snapshotTree(FIXTURES)).toEqual(before);
  });
});
