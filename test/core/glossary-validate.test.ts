/**
 * Every glossary problem names the file, a 1-based line and column, and what was
 * expected. Each message is checked exactly, with its position: the schema's
 * (reworded for people), YAML syntax, and the semantic checks the schema cannot
 * express. The presets themselves have none.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset, compileRegistry } from '../../server/src/core';
import { compile, problemsOf } from '../fixtures/glossary/memory';

describe('the built-in presets', () => {
  it('have no problems', () => {
    for (const name of ['recommended', 'strict'] as const) {
      const loaded = loadPreset(name);
      expect([...loaded.problems, ...compileRegistry(loaded.glossary).problems]).toEqual([]);
    }
  });
});

describe('YAML and shape', () => {
  it('invalid YAML', () => {
    expect(problemsOf('pin:\n  inner-alignment: [objective-focused\n')).toEqual(['3:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('a key written twice, at the second one', () => {
    expect(problemsOf('pin:\n  inner-alignment: objective-focused\nrules: {}\npin:\n  outer-alignment: objective-function\n')).toEqual(["4:1 duplicate key 'pin': each key may appear only once in a map"]);
    expect(problemsOf('terms:\n  corrigibility:\n    forms: [a]\n    forms: [b]\n')).toEqual(["4:5 duplicate key 'forms': each key may appear only once in a map"]);
  });

  it('a glossary that is not a map', () => {
    expect(problemsOf('- pin\n- rules\n')).toEqual(['1:1 the glossary must be a map (key: value lines)']);
  });

  it('an unknown top-level key, with the key it resembles', () => {
    expect(problemsOf('extends: recommended\npins:\n  inner-alignment: objective-focused\n')).toEqual(["2:1 unknown key 'pins' in the glossary; did you mean 'pin'?"]);
  });

  it('an unknown key inside a term, with the key it resembles', () => {
    expect(problemsOf('terms:\n  corrigibility:\n    sense:\n      shutdown: {}\n')).toEqual(["3:5 unknown key 'sense' in 'terms.corrigibility'; did you mean 'senses'?"]);
  });

  it('an unknown key nothing resembles lists what is allowed', () => {
    expect(problemsOf('avoid:\n  - phrase: inner alignment failure\n    instead: goal misgeneralization\n')).toEqual(["3:5 unknown key 'instead' in 'avoid[0]'; expected one of: phrase, use, reason"]);
  });

  it('an unknown rule, with the rule it resembles', () => {
    expect(problemsOf('rules:\n  ambigous-term: error\n')).toEqual(["2:3 unknown rule 'ambigous-term' in 'rules'; did you mean 'ambiguous-term'?"]);
  });

  it('a severity that does not exist', () => {
    expect(problemsOf('rules:\n  sense-drift: warn\n')).toEqual([`2:16 'rules.sense-drift' must be one of: error, warning, info, hint, off, not "warn"; did you mean 'warning'?`]);
  });

  it('a term id that is not lower-case words joined by hyphens', () => {
    expect(problemsOf('terms:\n  Corrigibility_2:\n    forms: [corrigibility]\n')).toEqual([
      "2:3 invalid id 'Corrigibility_2' in 'terms': ids are lower-case letters and digits, words joined by hyphens, such as corrigibility or soares-2015",
    ]);
  });

  it('a value of the wrong type', () => {
    expect(problemsOf('terms:\n  corrigibility:\n    forms: corrigibility\n    enabled: yes please\n')).toEqual(["3:12 'terms.corrigibility.forms' must be a list", "4:14 'terms.corrigibility.enabled' must be true or false"]);
    expect(problemsOf('pin: [inner-alignment]\n')).toEqual(["1:6 'pin' must be a map (key: value lines)"]);
    expect(problemsOf('sources:\n  soares-2015:\n    title: Corrigibility\n    year: "2015"\n')).toEqual(["4:11 'sources.soares-2015.year' must be a whole number"]);
  });

  it('extends of the wrong shape', () => {
    expect(problemsOf('extends: { preset: strict }\n')).toEqual(["1:10 'extends' must be a preset name (recommended or strict), a relative path such as ./base.yaml, or a list of them"]);
  });

  it('an empty use, a missing phrase', () => {
    expect(problemsOf('avoid:\n  - phrase: inner alignment failure\n    use: ""\n  - use: goal misgeneralization\n')).toEqual(["3:10 'avoid[0].use' must not be empty", "4:5 'avoid[1]' is missing 'phrase'"]);
  });

  it('senses: {} and a phrase over 200 characters', () => {
    expect(problemsOf(`terms:\n  corrigibility:\n    senses: {}\n    forms: ["${'x'.repeat(201)}"]\n`)).toEqual([
      "3:13 'terms.corrigibility.senses' must define at least one sense (leave 'senses' out for a term with one meaning)",
      "4:13 'terms.corrigibility.forms[0]' must be at most 200 characters long",
    ]);
  });

  it('a source address that is not http(s), a year out of range', () => {
    expect(problemsOf('sources:\n  soares-2015:\n    title: Corrigibility\n    url: intelligence.org/files/Corrigibility.pdf\n    year: 15\n')).toEqual([
      "4:10 'sources.soares-2015.url' must be an http(s) URL",
      "5:11 'sources.soares-2015.year' must be at least 1900",
    ]);
  });
});

describe('semantic checks', () => {
  it('a pin naming an unknown sense: the closest id is suggested', () => {
    expect(problemsOf('pin:\n  inner-alignment: objective\n')).toEqual(["2:20 unknown sense id 'objective' for inner-alignment; did you mean 'objective-focused'?"]);
  });

  it('a pin naming an unknown sense nothing resembles lists the senses', () => {
    expect(problemsOf('pin:\n  outer-alignment: xyz\n')).toEqual(["2:20 unknown sense id 'xyz' for outer-alignment; expected one of: objective-function, reward-misspecification, training-signal, generalization-inclusive"]);
  });

  it('a pin naming an unknown term', () => {
    expect(problemsOf('pin:\n  inner-alignmnet: objective-focused\n')).toEqual(["2:20 unknown term id 'inner-alignmnet' in 'pin'; did you mean 'inner-alignment'?"]);
  });

  it('a sense citing an unknown source', () => {
    expect(problemsOf('sources:\n  soares-2015: { title: Corrigibility }\nterms:\n  corrigibility:\n    senses:\n      shutdown: { sources: [soares-2016] }\n      deference: { sources: [nobody] }\n')).toEqual([
      "6:29 unknown source id 'soares-2016' in 'terms.corrigibility.senses.shutdown.sources'; did you mean 'soares-2015'?",
      "7:30 unknown source id 'nobody' in 'terms.corrigibility.senses.deference.sources'; define it under 'sources'",
    ]);
  });

  it('a source without a title (in the merged glossary)', () => {
    expect(problemsOf('sources:\n  soares-2015:\n    year: 2015\n')).toEqual(["2:3 source soares-2015 has no 'title'; give the work's title (citations show it)"]);
  });

  it('a form two terms claim names both terms, at the later file\'s form', () => {
    expect(problemsOf('terms:\n  house-inner:\n    forms: [inner misalignment, inner failure]\n')).toEqual([
      "3:13 form 'inner misalignment' of house-inner is also a form of inner-alignment; a phrase can belong to one term only: remove it from one of them, or set 'enabled: false' on one",
    ]);
    // Spelling variants are the same phrase.
    expect(problemsOf('terms:\n  optimizer-within:\n    forms: [Mesa Optimisers]\n')).toEqual([
      "3:13 form 'Mesa Optimisers' of optimizer-within is also a form of mesa-optimizer; a phrase can belong to one term only: remove it from one of them, or set 'enabled: false' on one",
    ]);
    // A disabled term claims nothing.
    expect(problemsOf('terms:\n  mesa-optimizer:\n    enabled: false\n  optimizer-within:\n    forms: [mesa-optimizer]\n')).toEqual([]);
  });

  it('a label used as the only form counts as a form', () => {
    expect(problemsOf('terms:\n  inner-misalignment-house:\n    label: inner misalignment\n')).toEqual([
      "2:3 'inner misalignment' (the label of inner-misalignment-house, used as its form) is also a form of inner-alignment; a phrase can belong to one term only: remove it from one of them, or set 'enabled: false' on one",
    ]);
  });

  it('an enabled term with no forms, and a form with no letters', () => {
    expect(problemsOf('terms:\n  corrigibility:\n    forms: []\n')).toEqual(["3:12 term corrigibility is enabled but has no forms; list how it is written under 'forms', or set 'enabled: false'"]);
    expect(problemsOf('terms:\n  corrigibility:\n    enabled: false\n    forms: []\n')).toEqual([]);
    expect(problemsOf('terms:\n  corrigibility:\n    forms: [corrigibility, "--"]\n')).toEqual(["3:28 form '--' of corrigibility has no letters or digits"]);
  });

  it('a preferred spelling that is not one of the forms', () => {
    expect(problemsOf('terms:\n  corrigibility:\n    forms: [corrigibility, corrigible]\n    preferred: corrigible agent\n')).toEqual([
      "4:16 preferred spelling 'corrigible agent' of corrigibility is not one of its forms (corrigibility, corrigible); add it to 'forms' or correct it",
    ]);
    // A spelling variant of a form is one of its forms.
    expect(problemsOf('terms:\n  mesa-optimizer:\n    preferred: Mesa Optimiser\n')).toEqual([]);
  });

  it('the reserved sense id custom', () => {
    expect(problemsOf('terms:\n  corrigibility:\n    senses:\n      custom: {}\n      shutdown: {}\n')).toEqual(["4:7 sense id 'custom' of corrigibility is reserved for a draft's own definitions; choose another id"]);
  });

  it('avoid: a blank use, a use equal to the phrase, a phrase with no words', () => {
    expect(problemsOf('avoid:\n  - phrase: inner alignment failure\n    use: "  "\n  - phrase: outer misalignment\n    use: Outer-Misalignment\n  - phrase: "--"\n')).toEqual([
      "3:10 'use' of avoid entry 'inner alignment failure' must not be empty; give the replacement, or leave 'use' out",
      "5:10 'use' of avoid entry 'outer misalignment' is the phrase itself; give the replacement the house prefers",
      "6:13 avoid phrase '--' has no letters or digits",
    ]);
  });

  it('an implication naming an unknown term or sense', () => {
    expect(problemsOf('implications:\n  - id: house-rule\n    all: [outer-alignment, objectve-robustness]\n    senses: { outer-alignment: objective }\n    gives: corrigibility\n')).toEqual([
      "3:28 unknown term id 'objectve-robustness' in 'all' of implication 'house-rule'; did you mean 'objective-robustness'?",
      "5:12 unknown term id 'corrigibility' in 'gives' of implication 'house-rule'",
      "4:32 unknown sense id 'objective' for outer-alignment in implication 'house-rule'; did you mean 'objective-function'?",
    ]);
  });

  it('problems point into the file that wrote the entry, not the one that extends it', () => {
    const result = compile({ '/repo/team.yaml': 'terms:\n  corrigibility:\n    senses:\n      shutdown: { sources: [nobody] }\n', '/repo/.alignment-terms.yaml': 'extends: ./team.yaml\nterms:\n  corrigibility:\n    label: corrigibility\n' }, '/repo/.alignment-terms.yaml');
    expect(result.problems).toEqual(["/repo/team.yaml:4:29 unknown source id 'nobody' in 'terms.corrigibility.senses.shutdown.sources'; define it under 'sources'"]);
  });

  it('a glossary with problems still loads what it can (the editor keeps serving)', () => {
    const result = compile({ '/repo/.alignment-terms.yaml': 'pin:\n  inner-alignment: objective\n  outer-alignment: objective-function\n' }, '/repo/.alignment-terms.yaml');
    expect(result.problems).toHaveLength(1);
    expect(result.registry.pins.get('outer-alignment')!.sense).toBe('objective-function');
    expect(result.registry.pins.has('inner-alignment')).toBe(false);
  });
});
