/**
 * `alignment-terms explain TERM`: every sense of a term with its definition and
 * sources, found by id or by any written form; an unknown term is a usage error
 * with a did-you-mean.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliAsync, tempDir, type CliRun } from '../helpers/cli';

beforeAll(() => {
  buildCli();
});

let byId: Promise<CliRun>;
beforeAll(() => {
  byId = cliAsync(['explain', 'inner-alignment']);
});

describe.concurrent('explain', () => {
  it('by id: every sense, with its sources and how to qualify or pin it', async () => {
    const run = await byId;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const sense of ['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']) {
      expect(run.stdout).toContain(sense);
      expect(run.stdout).toContain(`inner-alignment: ${sense}`);
    }
    for (const source of ['Hubinger', 'Shah', 'Wentworth', 'Ngo', 'https://arxiv.org/abs/1906.01820']) expect(run.stdout).toContain(source);
    expect(run.stdout).toContain('goal misgeneralization');
  });

  it('by a written form: an inflection in any case, given as one or several arguments', async () => {
    const [quoted, words] = await Promise.all([cliAsync(['explain', 'Inner misalignment']), cliAsync(['explain', 'inner', 'Misaligned'])]);
    expect(quoted.stdout).toBe((await byId).stdout);
    expect(words.stdout).toBe((await byId).stdout);
  });

  it('a settled term by its British spelling', async () => {
    const run = await cliAsync(['explain', 'Mesa-Optimisers']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mesa-optimizer');
    expect(run.stdout).toMatch(/settled/);
  });

  it('an unknown term: did-you-mean on stderr, exit 2', async () => {
    const run = await cliAsync(['explain', 'inner-alignmnt']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("'inner-alignmnt'");
    expect(run.stderr).toContain("did you mean 'inner-alignment'");
  });

  it('no term: exit 2 with a usage hint', async () => {
    const run = await cliAsync(['explain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/explain/);
  });

  it('uses the house glossary: a term the house adds can be explained', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, '.alignment-terms.yaml'),
      'extends: recommended\nterms:\n  corrigibility:\n    label: corrigibility\n    forms: [corrigibility, corrigible]\n    senses:\n      default:\n        label: corrigibility\n        definition: The system lets us correct it.\n',
    );
    const run = await cliAsync(['explain', 'corrigible'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('corrigibility');
    expect(run.stdout).toContain('The system lets us correct it.');
  });

  it('--format json gives the term as data: outer alignment and its four senses', async () => {
    const run = await cliAsync(['explain', 'outer-alignment', '--format', 'json']);
    expect(run.code).toBe(0);
    const term = JSON.parse(run.stdout) as { id: string; senses: { id: string }[] };
    expect(term.id).toBe('outer-alignment');
    expect(term.senses.map((s) => s.id)).toEqual(['objective-function', 'reward-misspecification', 'training-signal', 'generalization-inclusive']);
  });
});
