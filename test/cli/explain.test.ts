/**
 * `alignment-terms explain TERM`: every sense of a term with its definition and
 * sources, found by id or by any written form; an unknown term is a usage error
 * with a did-you-mean.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, tempDir } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

describe('explain', () => {
  it('by id: every sense, with its sources and how to qualify or pin it', () => {
    const run = cli(['explain', 'inner-alignment']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const sense of ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']) {
      expect(run.stdout).toContain(sense);
      expect(run.stdout).toContain(`inner-alignment: ${sense}`);
    }
    for (const source of ['Hubinger', 'Shah', 'Wentworth', 'Ngo', 'https://arxiv.org/abs/1906.01820']) expect(run.stdout).toContain(source);
    expect(run.stdout).toContain('goal misgeneralization');
  });

  it('by a written form: an inflection, a British spelling, any case', () => {
    const byId = cli(['explain', 'inner-alignment']).stdout;
    expect(cli(['explain', 'inner misalignment']).stdout).toBe(byId);
    expect(cli(['explain', 'Inner', 'Misaligned']).stdout).toBe(byId);
    const settled = cli(['explain', 'Mesa-Optimisers']);
    expect(settled.code).toBe(0);
    expect(settled.stdout).toContain('mesa-optimizer');
    expect(settled.stdout).toMatch(/settled/);
  });

  it('outer alignment names its four senses', () => {
    const run = cli(['explain', 'outer alignment']);
    for (const sense of ['objective-function', 'reward-misspecification', 'training-signal', 'generalization-inclusive']) expect(run.stdout).toContain(sense);
  });

  it('an unknown term: did-you-mean on stderr, exit 2', () => {
    const run = cli(['explain', 'inner-alignmnt']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("'inner-alignmnt'");
    expect(run.stderr).toContain("did you mean 'inner-alignment'");
  });

  it('a term far from every id: exit 2 without a wild guess', () => {
    const run = cli(['explain', 'corrigibility']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('corrigibility');
  });

  it('no term: exit 2 with a usage hint', () => {
    const run = cli(['explain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/explain/);
  });

  it('uses the house glossary: a term the house adds can be explained', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, '.alignment-terms.yaml'),
      'extends: recommended\nterms:\n  corrigibility:\n    label: corrigibility\n    forms: [corrigibility, corrigible]\n    senses:\n      default:\n        label: corrigibility\n        definition: The system lets us correct it.\n',
    );
    const run = cli(['explain', 'corrigible'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('corrigibility');
    expect(run.stdout).toContain('The system lets us correct it.');
  });

  it('--format json gives the term as data', () => {
    const run = cli(['explain', 'outer-alignment', '--format', 'json']);
    expect(run.code).toBe(0);
    const term = JSON.parse(run.stdout) as { id: string; senses: { id: string }[] };
    expect(term.id).toBe('outer-alignment');
    expect(term.senses.map((s) => s.id)).toEqual(['objective-function', 'reward-misspecification', 'training-signal', 'generalization-inclusive']);
  });
});
