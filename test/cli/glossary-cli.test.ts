/**
 * House glossaries through the built CLI: discovery (the nearest
 * .alignment-terms.yaml above each draft, or --config), ignore globs, a broken
 * glossary (stderr, exit 2), avoid-term and preferred-form with --fix,
 * `alignment-terms init` and `--print-config FILE`. Each test builds its own
 * repository in a temporary folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { starterGlossary } from '../../server/src/core/glossary/starter';
import { buildCli, cli, tempDir } from '../helpers/cli';
import { problemsOf } from '../fixtures/glossary/memory';

beforeAll(() => {
  buildCli();
});

/** A temporary repository (it has a .git folder) with `files` (relative path -> text). */
function repo(files: Record<string, string>): string {
  const root = tempDir();
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

interface OccurrenceFile {
  file: string;
  occurrences: { term: string; status: string; sense: string | null; via: string | null }[];
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe.concurrent('discovery', () => {
  it('each draft uses the nearest glossary above it', async () => {
    const root = repo({
      '.alignment-terms.yaml': 'pin:\n  inner-alignment: objective-focused\n',
      'docs/team/.alignment-terms.yaml': 'extends: ../../.alignment-terms.yaml\npin:\n  inner-alignment: generalization-focused\n',
      'a.md': 'The inner alignment problem.\n',
      'docs/b.md': 'The inner alignment problem.\n',
      'docs/team/c.md': 'The inner alignment problem.\n',
      'docs/team/deeper/d.md': 'The inner alignment problem.\n',
    });
    const run = await cli(['occurrences', '.', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const senses = (JSON.parse(run.stdout) as OccurrenceFile[]).map((f) => [f.file, f.occurrences[0].status, f.occurrences[0].sense, f.occurrences[0].via]);
    expect(senses).toEqual([
      ['a.md', 'pinned', 'objective-focused', 'config'],
      ['docs/b.md', 'pinned', 'objective-focused', 'config'],
      ['docs/team/c.md', 'pinned', 'generalization-focused', 'config'],
      ['docs/team/deeper/d.md', 'pinned', 'generalization-focused', 'config'],
    ]);
  });

  it('--config FILE applies one glossary to every draft', async () => {
    const root = repo({
      '.alignment-terms.yaml': 'pin:\n  inner-alignment: objective-focused\n',
      'house/strict.yaml': 'extends: strict\npin:\n  inner-alignment: optimization-focused\n',
      'docs/b.md': 'The inner alignment problem.\n',
    });
    const run = await cli(['occurrences', 'docs', '--format', 'json', '--config', 'house/strict.yaml'], root);
    expect((JSON.parse(run.stdout) as OccurrenceFile[])[0].occurrences[0].sense).toBe('optimization-focused');
  });

  it('ignore globs skip drafts, relative to the glossary\'s folder', async () => {
    const root = repo({
      'docs/.alignment-terms.yaml': 'ignore: ["archive/**", "*.draft.md"]\n',
      'docs/archive/old.md': 'The inner alignment problem.\n',
      'docs/wip.draft.md': 'The inner alignment problem.\n',
      'docs/post.md': 'The inner alignment problem.\n',
      'archive/kept.md': 'The inner alignment problem.\n',
    });
    const run = await cli(['lint', '.', '--format', 'json'], root);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file)).toEqual(['archive/kept.md', 'docs/post.md']);
  });

  it('a broken glossary: every problem on stderr with file, line and column, exit 2', async () => {
    const root = repo({
      '.alignment-terms.yaml': 'pin:\n  inner-alignment: objective\nrules:\n  ambigous-term: error\n',
      'post.md': 'The inner alignment problem.\n',
    });
    const run = await cli(['lint', 'post.md'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const file = path.join(root, '.alignment-terms.yaml');
    expect(run.stderr).toBe(
      `alignment-terms: the glossary has problems:\n  ${file}:4:3: unknown rule 'ambigous-term' in 'rules'; did you mean 'ambiguous-term'?\n`,
    );
    writeFileSync(path.join(root, '.alignment-terms.yaml'), 'pin:\n  inner-alignment: objective\n');
    const again = await cli(['lint', 'post.md'], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`alignment-terms: the glossary has problems:\n  ${file}:2:20: unknown sense id 'objective' for inner-alignment; did you mean 'objective-focused'?\n`);
    noStackTrace(again.stderr);
  });

  it('an extends cycle and a path outside the repository are configuration errors', async () => {
    const root = repo({
      '.alignment-terms.yaml': 'extends: [./a.yaml, ../outside.yaml]\n',
      'a.yaml': 'extends: ./.alignment-terms.yaml\n',
      'post.md': 'x\n',
    });
    const run = await cli(['lint', 'post.md'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`a.yaml:1:10: 'extends' makes a cycle: .alignment-terms.yaml -> a.yaml -> .alignment-terms.yaml`);
    expect(run.stderr).toContain(`.alignment-terms.yaml:1:21: 'extends' path '../outside.yaml' leads outside ${root}`);
  });
});

describe.concurrent('rules from the glossary', () => {
  const glossary = [
    'pin:',
    '  inner-alignment: objective-focused',
    'rules:',
    '  avoid-term: error',
    '  preferred-form: warning',
    'avoid:',
    '  - phrase: inner alignment failure',
    '    use: goal misgeneralization',
    '    reason: we keep "inner" for mesa-optimizers',
    '',
  ].join('\n');

  it('an error-severity avoid finding fails lint (exit 1), with the phrase, replacement and reason', async () => {
    const root = repo({ '.alignment-terms.yaml': glossary, 'post.md': 'A mesa optimizer showed an inner alignment failure.\n' });
    const run = await cli(['lint', 'post.md'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'post.md',
        '  1:3   warning  "mesa optimizer": the preferred spelling is "mesa-optimizer".  preferred-form',
        '  1:28  error    "inner alignment failure" is on the house avoid list; use "goal misgeneralization" instead: we keep "inner" for mesa-optimizers.  avoid-term',
        '',
        '\u2716 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('--fix applies both safe fixes; the draft is then clean', async () => {
    const root = repo({ '.alignment-terms.yaml': glossary, 'post.md': 'A Mesa Optimizer showed an Inner alignment failure.\n' });
    const run = await cli(['lint', 'post.md', '--fix'], root);
    expect(readFileSync(path.join(root, 'post.md'), 'utf8')).toBe('A Mesa-Optimizer showed a Goal misgeneralization.\n');
    expect(run.code).toBe(0);
  });
});

describe.concurrent('init', () => {
  it('writes the commented starter glossary, which is valid and used at once', async () => {
    const root = repo({ 'post.md': 'The inner alignment problem.\n' });
    const run = await cli(['init'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("Wrote .alignment-terms.yaml.\nUncomment what your house needs; 'alignment-terms --print-config FILE' shows what applies to a draft.\n");
    const text = readFileSync(path.join(root, '.alignment-terms.yaml'), 'utf8');
    expect(text).toBe(starterGlossary());
    expect(problemsOf(text)).toEqual([]);
    const lint = await cli(['lint', 'post.md'], root);
    expect(lint.code).toBe(0);
  });

  it('never overwrites a glossary: exit 2, a clear message, the file unchanged', async () => {
    const root = repo({ '.alignment-terms.yaml': 'pin: {}\n' });
    const run = await cli(['init'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`alignment-terms: .alignment-terms.yaml already exists in ${root}; not overwriting it (edit it, or delete it first)\n`);
    expect(readFileSync(path.join(root, '.alignment-terms.yaml'), 'utf8')).toBe('pin: {}\n');
  });

  it('below a folder with a glossary, the new one extends it', async () => {
    const root = repo({ '.alignment-terms.yaml': 'pin:\n  inner-alignment: objective-focused\n', 'docs/team/post.md': 'The inner alignment problem.\n' });
    const cwd = path.join(root, 'docs', 'team');
    const run = await cli(['init'], cwd);
    expect(run.stdout).toContain('(it extends ../../.alignment-terms.yaml, the glossary of the folder above)');
    expect(readFileSync(path.join(cwd, '.alignment-terms.yaml'), 'utf8')).toBe(starterGlossary('../../.alignment-terms.yaml'));
    const occurrences = await cli(['occurrences', 'post.md', '--format', 'json'], cwd);
    expect((JSON.parse(occurrences.stdout) as OccurrenceFile[])[0].occurrences[0].sense).toBe('objective-focused');
  });

  it('outside a repository it cannot extend the glossary above, and says that it replaces it', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'team'));
    writeFileSync(path.join(root, '.alignment-terms.yaml'), 'pin: {}\n');
    const run = await cli(['init'], path.join(root, 'team'));
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, 'team', '.alignment-terms.yaml'), 'utf8')).toBe(starterGlossary());
    expect(run.stderr).toBe(`alignment-terms: note: drafts here used ${path.join(root, '.alignment-terms.yaml')} until now; the new glossary replaces it (it cannot extend a file outside the repository)\n`);
  });

  it('takes no arguments', async () => {
    const root = repo({});
    const run = await cli(['init', 'docs'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('alignment-terms: init takes no arguments; it writes .alignment-terms.yaml in the current folder (got "docs")\n');
    expect(existsSync(path.join(root, '.alignment-terms.yaml'))).toBe(false);
  });
});

describe('the starter glossary', () => {
  it('stays valid with every example uncommented', () => {
    const uncommented = starterGlossary().replace(/^( +)# /gm, '$1');
    expect(uncommented).not.toBe(starterGlossary());
    expect(problemsOf(uncommented)).toEqual([]);
  });
});

describe.concurrent('--print-config', () => {
  const files = {
    '.alignment-terms.yaml': [
      'extends: recommended',
      'pin:',
      '  inner-alignment: objective-focused',
      'rules:',
      '  ambiguous-term: error',
      'sources:',
      '  soares-2015:',
      '    title: Corrigibility',
      '    year: 2015',
      'terms:',
      '  mesa-optimizer:',
      '    preferred: mesa-optimizer',
      '  corrigibility:',
      '    forms: [corrigibility, corrigible]',
      '    senses:',
      '      shutdown: { sources: [soares-2015] }',
      '      deference: {}',
      'avoid:',
      '  - phrase: inner alignment failure',
      '    use: goal misgeneralization',
      'ignore: ["archive/**"]',
      '',
    ].join('\n'),
    'docs/post.md': 'x\n',
  };

  it('prints the resolved glossary of a draft as commented YAML', async () => {
    const root = repo(files);
    const run = await cli(['--print-config', 'docs/post.md'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '# The glossary that applies to docs/post.md, resolved (alignment-terms --print-config).',
        '# Files are merged base first; rules show their effective severity.',
        '',
        'draft: docs/post.md',
        'ignored: false',
        'files:',
        '  - <built-in:recommended.yaml>',
        '  - .alignment-terms.yaml',
        'pin:',
        '  inner-alignment: objective-focused # .alignment-terms.yaml:3',
        'rules:',
        '  ambiguous-term: error # .alignment-terms.yaml',
        '  unknown-pin: error',
        '  sense-drift: warning',
        '  claim-check: warning',
        '  preferred-form: hint',
        '  avoid-term: warning',
        'sources:',
        '  soares-2015:',
        '    title: Corrigibility',
        '    year: 2015',
        'terms:',
        '  # built-in, changed by .alignment-terms.yaml (only what changed is shown)',
        '  mesa-optimizer:',
        '    preferred: mesa-optimizer',
        '  # added by .alignment-terms.yaml',
        '  corrigibility:',
        '    forms:',
        '      - corrigibility',
        '      - corrigible',
        '    senses:',
        '      shutdown:',
        '        sources:',
        '          - soares-2015',
        '      deference: {}',
        'avoid:',
        '  - phrase: inner alignment failure',
        '    use: goal misgeneralization',
        'ignore:',
        '  - glob: archive/**',
        '    in: .',
        '',
      ].join('\n'),
    );
  });

  it('--format json, the print-config command and lint --print-config agree', async () => {
    const root = repo(files);
    const [a, b, c] = await Promise.all([
      cli(['--print-config', 'docs/post.md', '--format', 'json'], root),
      cli(['print-config', 'docs/post.md', '--format', 'json'], root),
      cli(['lint', '--print-config', 'docs/post.md', '--format', 'json'], root),
    ]);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    const data = JSON.parse(a.stdout);
    expect(data.files).toEqual(['<built-in:recommended.yaml>', '.alignment-terms.yaml']);
    expect(data.pin).toEqual({ 'inner-alignment': 'objective-focused' });
    expect(data.rules['ambiguous-term']).toBe('error');
    expect(Object.keys(data.terms)).toEqual(['mesa-optimizer', 'corrigibility']);
    expect(data.ignore).toEqual([{ glob: 'archive/**', in: '.' }]);
  });

  it('says when the draft is ignored, and shows the built-in preset when there is no glossary', async () => {
    const root = repo(files);
    const ignored = JSON.parse((await cli(['--print-config', 'archive/old.md', '--format', 'json'], root)).stdout);
    expect(ignored.ignored).toBe(true);
    const bare = repo({ 'post.md': 'x\n' });
    const none = JSON.parse((await cli(['--print-config', 'post.md', '--format', 'json'], bare)).stdout);
    expect([none.files, none.pin, none.terms, none.avoid]).toEqual([['<built-in:recommended.yaml>'], {}, {}, []]);
  });

  it('a broken glossary is exit 2 here too; a bad format or a missing draft argument is a usage error', async () => {
    const root = repo({ '.alignment-terms.yaml': 'pin:\n  inner-alignment: objective\n', 'post.md': 'x\n' });
    const broken = await cli(['--print-config', 'post.md'], root);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(":2:20: unknown sense id 'objective' for inner-alignment; did you mean 'objective-focused'?");
    const format = await cli(['--print-config', 'post.md', '--format', 'toml'], repo({}));
    expect([format.code, format.stderr]).toEqual([2, "alignment-terms: unknown format 'toml' for --print-config; expected yaml or json\n"]);
    const missing = await cli(['print-config'], repo({}));
    expect([missing.code, missing.stderr]).toEqual([2, 'alignment-terms: --print-config takes a draft, e.g. alignment-terms --print-config docs/post.md\n']);
  });
});
