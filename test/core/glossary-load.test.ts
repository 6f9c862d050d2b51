/**
 * House glossaries, layered: `extends` (presets, relative paths, chains, a file
 * extended twice, cycles, paths outside the repository) and the documented merge
 * semantics (README, "How glossaries combine"), one test per rule.
 */
import { describe, expect, it } from 'vitest';
import { loadGlossary, presetRegistry } from '../../server/src/core';
import { check, run } from '../helpers/check';
import { compile, load } from '../fixtures/glossary/memory';

const ROOT = '/repo/.alignment-terms.yaml';

describe('extends', () => {
  it('a glossary without extends gets recommended underneath', () => {
    const loaded = load({ [ROOT]: 'pin:\n  inner-alignment: objective-focused\n' }, ROOT);
    expect(loaded.problems).toEqual([]);
    expect(loaded.glossary.files).toEqual(['<built-in:recommended.yaml>', ROOT]);
    expect(Object.keys(loaded.glossary.terms)).toContain('inner-alignment');
  });

  it('a preset by name: strict turns on the bare word and raises ambiguous-term to error', () => {
    const { registry, problems } = compile({ [ROOT]: 'extends: strict\n' }, ROOT);
    expect(problems).toEqual([]);
    expect(registry.files).toEqual([ROOT]);
    expect(registry.severity['ambiguous-term']).toBe('error');
    expect(registry.terms.get('alignment')!.enabled).toBe(true);
  });

  it('a relative path, chained: each file applies over what it extends', () => {
    const files = {
      [ROOT]: 'extends: ./team/base.yaml\nrules:\n  sense-drift: off\n',
      '/repo/team/base.yaml': 'extends: ../shared/house.yaml\nrules:\n  ambiguous-term: error\n  sense-drift: error\n',
      '/repo/shared/house.yaml': 'extends: strict\nrules:\n  ambiguous-term: info\n',
    };
    const { registry, problems } = compile(files, ROOT);
    expect(problems).toEqual([]);
    expect(load(files, ROOT).glossary.files).toEqual(['<built-in:recommended.yaml>', '<built-in:strict.yaml>', '/repo/shared/house.yaml', '/repo/team/base.yaml', ROOT]);
    expect(registry.severity['ambiguous-term']).toBe('error');
    expect(registry.severity['sense-drift']).toBe('off');
    expect(registry.terms.get('alignment')!.enabled).toBe(true);
  });

  it('a list of parents applies in order; a file reached twice is applied once, at its first place', () => {
    const files = {
      [ROOT]: 'extends: [./a.yaml, ./b.yaml]\n',
      '/repo/a.yaml': 'extends: ./common.yaml\nrules:\n  claim-check: error\n',
      '/repo/b.yaml': 'extends: ./common.yaml\n',
      '/repo/common.yaml': 'rules:\n  claim-check: hint\n',
    };
    const loaded = load(files, ROOT);
    expect(loaded.problems).toEqual([]);
    expect(loaded.glossary.files).toEqual(['<built-in:recommended.yaml>', '/repo/common.yaml', '/repo/a.yaml', '/repo/b.yaml', ROOT]);
    // common.yaml is not applied again under b.yaml, so a.yaml's setting stands.
    expect(loaded.glossary.rules['claim-check']).toBe('error');
  });

  it('a cycle is reported with the chain, at the extends that closes it', () => {
    const files = {
      [ROOT]: 'extends: ./a.yaml\n',
      '/repo/a.yaml': 'rules: {}\nextends: ./b.yaml\n',
      '/repo/b.yaml': 'extends: [recommended, ./a.yaml]\n',
    };
    expect(compile(files, ROOT).problems).toEqual(["/repo/b.yaml:1:24 'extends' makes a cycle: a.yaml -> b.yaml -> a.yaml; remove one of these 'extends'"]);
  });

  it('a glossary extending itself is a cycle too', () => {
    expect(compile({ [ROOT]: 'extends: ./.alignment-terms.yaml\n' }, ROOT).problems).toEqual([
      "/repo/.alignment-terms.yaml:1:10 'extends' makes a cycle: .alignment-terms.yaml -> .alignment-terms.yaml; remove one of these 'extends'",
    ]);
  });

  it('a path outside the repository is refused, and not read', () => {
    const read: string[] = [];
    const files: Record<string, string> = { [ROOT]: 'extends:\n  - recommended\n  - ../elsewhere/house.yaml\n', '/elsewhere/house.yaml': 'rules:\n  ambiguous-term: off\n' };
    const loaded = loadGlossary({ readFile: (p) => (read.push(p), files[p]) }, ROOT, { boundary: '/repo' });
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(["3:5 'extends' path '../elsewhere/house.yaml' leads outside /repo; a glossary may only extend files inside it"]);
    expect(read).toEqual([ROOT]);
    expect(loaded.glossary.rules['ambiguous-term']).toBe('warning');
  });

  it('an absolute path is refused the same way unless it is inside the repository', () => {
    expect(compile({ [ROOT]: 'extends: /etc/house.yaml\n' }, ROOT).problems).toEqual(["/repo/.alignment-terms.yaml:1:10 'extends' path '/etc/house.yaml' leads outside /repo; a glossary may only extend files inside it"]);
    expect(compile({ [ROOT]: 'extends: /repo/base.yaml\n', '/repo/base.yaml': 'rules: {}\n' }, ROOT).problems).toEqual([]);
  });

  it('a missing file and an unknown preset name the value written', () => {
    expect(compile({ [ROOT]: 'extends: [./missing.yaml, recomended, house]\n' }, ROOT).problems).toEqual([
      "/repo/.alignment-terms.yaml:1:11 cannot read './missing.yaml' named in 'extends': no such file missing.yaml",
      "/repo/.alignment-terms.yaml:1:27 unknown preset 'recomended' in 'extends'; did you mean 'recommended'?",
      "/repo/.alignment-terms.yaml:1:39 unknown preset 'house' in 'extends'; expected recommended or strict, or a relative path such as ./base.yaml",
    ]);
  });

  it('problems in an extended file are reported in that file', () => {
    const files = { [ROOT]: 'extends: ./base.yaml\n', '/repo/base.yaml': 'rules:\n  ambiguous-term: loud\n' };
    expect(compile(files, ROOT).problems).toEqual([`/repo/base.yaml:2:19 'rules.ambiguous-term' must be one of: error, warning, info, hint, off, not "loud"`]);
  });

  it('multi-root: each workspace folder loads its own glossary within its own boundary', () => {
    const files = {
      '/ws/a/.alignment-terms.yaml': 'pin:\n  inner-alignment: objective-focused\n',
      '/ws/b/.alignment-terms.yaml': 'extends: ../a/.alignment-terms.yaml\npin:\n  inner-alignment: generalization-focused\n',
    };
    const a = compile(files, '/ws/a/.alignment-terms.yaml', '/ws/a');
    const b = compile(files, '/ws/b/.alignment-terms.yaml', '/ws/b');
    expect(a.registry.pins.get('inner-alignment')!.sense).toBe('objective-focused');
    // Folder b may not reach into folder a: the editor gives each root its own boundary.
    expect(b.problems).toEqual(["/ws/b/.alignment-terms.yaml:1:10 'extends' path '../a/.alignment-terms.yaml' leads outside /ws/b; a glossary may only extend files inside it"]);
    expect(b.registry.pins.get('inner-alignment')!.sense).toBe('generalization-focused');
  });
});

describe('merging layers', () => {
  const merged = (base: string, house: string) => {
    const result = compile({ '/repo/base.yaml': base, [ROOT]: `extends: ./base.yaml\n${house}` }, ROOT);
    expect(result.problems).toEqual([]);
    return result.registry;
  };

  it('a term is merged field by field: fields the house leaves out keep their value', () => {
    const registry = merged('terms:\n  corrigibility:\n    label: corrigibility\n    summary: Accepting correction.\n    forms: [corrigibility, corrigible]\n', 'terms:\n  corrigibility:\n    preferred: corrigibility\n');
    const term = registry.terms.get('corrigibility')!;
    expect([term.label, term.summary, term.forms, term.preferred]).toEqual(['corrigibility', 'Accepting correction.', ['corrigibility', 'corrigible'], 'corrigibility']);
    expect(term.senses.map((s) => s.id)).toEqual(['default']);
  });

  it('lists replace: forms, cues and sources of a sense are the inner file\'s', () => {
    const registry = merged(
      'terms:\n  corrigibility:\n    forms: [corrigibility, corrigible]\n    senses:\n      shutdown: { cues: [off switch, shutdown button], label: shutdown }\n      deference: { cues: [defers] }\n',
      'terms:\n  corrigibility:\n    forms: [corrigibility]\n    senses:\n      shutdown: { cues: [stop button] }\n',
    );
    const term = registry.terms.get('corrigibility')!;
    expect(term.forms).toEqual(['corrigibility']);
    expect(term.senses.find((s) => s.id === 'shutdown')!.cues).toEqual(['stop button']);
  });

  it('senses merge by id, each field by field; a new id adds a sense', () => {
    const registry = merged('terms:\n  corrigibility:\n    senses:\n      shutdown: { label: shutdown, oneLine: Does not resist shutdown. }\n', 'terms:\n  corrigibility:\n    senses:\n      shutdown: { oneLine: Lets itself be switched off. }\n      deference: { label: deference }\n');
    const term = registry.terms.get('corrigibility')!;
    expect(term.senses.map((s) => [s.id, s.label, s.oneLine])).toEqual([
      ['shutdown', 'shutdown', 'Lets itself be switched off.'],
      ['deference', 'deference', ''],
    ]);
    expect(term.contested).toBe(true);
  });

  it('a built-in term is overridden the same way: a sense gains a cue list, the rest stays', () => {
    const registry = merged('', 'terms:\n  inner-alignment:\n    senses:\n      objective-focused:\n        cues: [inner optimizer]\n');
    const builtIn = presetRegistry().terms.get('inner-alignment')!;
    const term = registry.terms.get('inner-alignment')!;
    expect(term.senses.map((s) => s.id)).toEqual(builtIn.senses.map((s) => s.id));
    expect(term.senses[0].cues).toEqual(['inner optimizer']);
    expect(term.senses[0].definition).toBe(builtIn.senses[0].definition);
    expect(term.forms).toEqual(builtIn.forms);
  });

  it('pin merges by term: the inner file changes one pin and keeps the others', () => {
    const registry = merged('pin:\n  inner-alignment: objective-focused\n  outer-alignment: objective-function\n', 'pin:\n  inner-alignment: generalization-focused\n');
    expect([...registry.pins].map(([term, origin]) => [term, origin.sense, origin.file, origin.line])).toEqual([
      ['inner-alignment', 'generalization-focused', ROOT, 3],
      ['outer-alignment', 'objective-function', '/repo/base.yaml', 3],
    ]);
  });

  it('rules merge by rule id', () => {
    const registry = merged('rules:\n  ambiguous-term: error\n  claim-check: off\n', 'rules:\n  claim-check: info\n');
    expect([registry.severity['ambiguous-term'], registry.severity['claim-check'], registry.severity['sense-drift']]).toEqual(['error', 'info', 'warning']);
  });

  it('avoid merges by phrase (spelling variants are one phrase): the inner entry replaces, others stay', () => {
    const registry = merged(
      'avoid:\n  - phrase: inner alignment failure\n    use: goal misgeneralization\n  - phrase: outer misalignment\n    use: reward misspecification\n',
      'avoid:\n  - phrase: Inner-Alignment failure\n    use: objective robustness failure\n  - phrase: sharp left turn\n',
    );
    expect(registry.avoid).toEqual([
      { phrase: 'Inner-Alignment failure', use: 'objective robustness failure' },
      { phrase: 'outer misalignment', use: 'reward misspecification' },
      { phrase: 'sharp left turn' },
    ]);
  });

  it('ignore globs accumulate, each relative to the folder of the file that lists it', () => {
    const result = compile({ '/repo/team/base.yaml': 'ignore: ["drafts/**"]\n', '/repo/docs/.alignment-terms.yaml': 'extends: ../team/base.yaml\nignore: ["archive/**", "drafts/**"]\n' }, '/repo/docs/.alignment-terms.yaml');
    expect(result.problems).toEqual([]);
    expect(result.registry.ignore).toEqual([
      { base: '/repo/team', glob: 'drafts/**' },
      { base: '/repo/docs', glob: 'archive/**' },
      { base: '/repo/docs', glob: 'drafts/**' },
    ]);
  });

  it('sources merge by id, field by field', () => {
    const registry = merged('sources:\n  soares-2015:\n    title: Corrigibility\n    year: 2015\n', 'sources:\n  soares-2015:\n    url: https://intelligence.org/files/Corrigibility.pdf\n');
    expect(registry.sources.get('soares-2015')).toMatchObject({ title: 'Corrigibility', year: 2015, url: 'https://intelligence.org/files/Corrigibility.pdf' });
  });

  it('an empty section (its entries commented out) changes nothing', () => {
    const registry = merged('pin:\n  inner-alignment: objective-focused\n', 'pin:\n  # inner-alignment: generalization-focused\nrules:\navoid:\nignore:\n');
    expect(registry.pins.get('inner-alignment')!.sense).toBe('objective-focused');
  });
});

describe('what a house glossary changes in a draft', () => {
  it('a house pin settles a contested term: status pinned, via config', () => {
    const registry = compile({ [ROOT]: 'pin:\n  inner-alignment: objective-focused\n' }, ROOT).registry;
    check.status('The ⟦inner alignment⟧ problem.', { status: 'pinned', sense: 'objective-focused', via: 'config' }, registry);
  });

  it('front matter and section pins still win over the house pin', () => {
    const registry = compile({ [ROOT]: 'pin:\n  inner-alignment: objective-focused\n' }, ROOT).registry;
    check.status('---\nalignment-terms:\n  inner-alignment: optimization-focused\n---\nThe ⟦inner alignment⟧ problem.', { status: 'pinned', sense: 'optimization-focused', via: 'frontmatter' }, registry);
  });

  it('an added term with senses is found, flagged when ambiguous and settled by a qualifier', () => {
    const registry = compile(
      { [ROOT]: 'terms:\n  corrigibility:\n    forms: [corrigibility, corrigible]\n    senses:\n      shutdown: { label: shutdown, qualifiers: [shutdown] }\n      deference: { label: deference }\n' },
      ROOT,
    ).registry;
    check.statuses('Is it ⟦corrigible⟧? We want shutdown ⟦corrigibility⟧.', [{ term: 'corrigibility', status: 'ambiguous' }, { status: 'qualified', sense: 'shutdown' }], registry);
  });

  it("an added term's cues give the likely sense, and its sources' names attribute a use", () => {
    const registry = compile(
      {
        [ROOT]: [
          'sources:',
          '  soares-2015: { title: Corrigibility, year: 2015, authors: [Nate Soares], names: [Soares] }',
          '  christiano-2017: { title: Corrigibility, year: 2017, authors: [Paul Christiano], names: [Christiano] }',
          'terms:',
          '  corrigibility:',
          '    forms: [corrigibility, corrigible]',
          '    senses:',
          '      shutdown: { sources: [soares-2015], cues: [shutdown button, off switch] }',
          '      act-based: { sources: [christiano-2017], cues: [overseer] }',
          '',
        ].join('\n'),
      },
      ROOT,
    ).registry;
    check.status('A ⟦corrigible⟧ agent leaves its shutdown button alone.', { status: 'ambiguous', likelySense: 'shutdown', cues: ['shutdown button'] }, registry);
    check.status("⟦Corrigibility⟧ in Christiano's sense.", { status: 'qualified', sense: 'act-based', via: 'attribution' }, registry);
  });

  it('a term can be switched off', () => {
    const registry = compile({ [ROOT]: 'terms:\n  inner-alignment:\n    enabled: false\n' }, ROOT).registry;
    expect(run('The inner alignment problem.', registry).occurrences).toEqual([]);
  });
});
