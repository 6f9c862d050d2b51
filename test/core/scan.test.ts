/**
 * Scan: every inflection and spelling of every enabled term counts as the term
 * (contract "Registry ids" and LABELING.md "What is an occurrence"); near misses do
 * not; in an elided coordination both terms occur, the elided one spanning its
 * modifier word.
 */
import { describe, expect, it } from 'vitest';
import { presetRegistry } from '../../server/src/core';
import { check } from '../helpers/check';

describe('forms that count as the term', () => {
  it.each([
    ['inner misaligned', 'inner-alignment'],
    ['inner-aligned', 'inner-alignment'],
    ['inner misalignment', 'inner-alignment'],
    ['inner alignments', 'inner-alignment'],
    ['INNER ALIGNMENT', 'inner-alignment'],
    ['Inner Alignment', 'inner-alignment'],
    ['outer misalignment', 'outer-alignment'],
    ['outer-aligned', 'outer-alignment'],
    ['mesa-optimizer', 'mesa-optimizer'],
    ['mesa-optimiser', 'mesa-optimizer'],
    ['mesa optimizer', 'mesa-optimizer'],
    ['mesaoptimizer', 'mesa-optimizer'],
    ['Mesa-Optimisers', 'mesa-optimizer'],
    ['mesa-objectives', 'mesa-objective'],
    ['behavioural objective', 'behavioral-objective'],
    ['behavioral objectives', 'behavioral-objective'],
    ['goal misgeneralisation', 'goal-misgeneralization'],
    ['goal misgeneralization', 'goal-misgeneralization'],
    ['impact-aligned', 'impact-alignment'],
    ['impact aligned', 'impact-alignment'],
    ['intent aligned', 'intent-alignment'],
    ['intent alignment', 'intent-alignment'],
    ['Tampering failures', 'tampering-failure'],
    ['objective robustness', 'objective-robustness'],
    ['capability robustness', 'capability-robustness'],
    ['base objectives', 'base-objective'],
    ['base optimizer', 'base-optimizer'],
    ['deceptively aligned', 'deceptive-alignment'],
    ['reward misspecification', 'reward-misspecification'],
    ['sharp left turn', 'sharp-left-turn'],
    ['mesa-optimization', 'mesa-optimization'],
  ])('%s is %s', (form, term) => {
    const [occurrence] = check.spans(`We saw ⟦${form}⟧ today.`, [term]);
    expect(occurrence.text).toBe(form);
  });

  it('"inner alignment failure": the term is "inner alignment", without "failure"', () => {
    check.spans('An ⟦inner alignment⟧ failure and ⟦outer alignment⟧ problems.', ['inner-alignment', 'outer-alignment']);
  });

  it('a term broken across a line, with its text collapsed and its span over both lines', () => {
    const [occurrence] = check.spans('The ⟦inner\nalignment⟧ problem.', ['inner-alignment']);
    expect(occurrence.text).toBe('inner alignment');
  });

  it('a term written with two spaces, a tab or a no-break space between its words, its text collapsed to one space', () => {
    const occurrences = check.spans('An ⟦inner  alignment⟧ and an ⟦outer\talignment⟧ and an ⟦inner\u00a0alignment⟧ failure.', ['inner-alignment', 'outer-alignment', 'inner-alignment']);
    expect(occurrences.map((o) => o.text)).toEqual(['inner alignment', 'outer alignment', 'inner alignment']);
  });

  it('a hyphenated term broken across a line after its hyphen', () => {
    const occurrences = check.spans('Every learned ⟦mesa-\noptimizer⟧ has a ⟦mesa-\r\nobjective⟧.', ['mesa-optimizer', 'mesa-objective']);
    expect(occurrences.map((o) => o.text)).toEqual(['mesa-optimizer', 'mesa-objective']);
  });

  it('dash variants and repeated spaces between the words', () => {
    check.spans('⟦inner\u2011alignment⟧, ⟦outer\u2013alignment⟧ and ⟦inner  misalignment⟧.', ['inner-alignment', 'outer-alignment', 'inner-alignment']);
  });

  it('a possessive still counts', () => {
    check.spans("⟦Inner alignment⟧'s critics and the ⟦mesa-optimizer⟧\u2019s goal.");
  });
});

describe('near misses are not terms', () => {
  it.each([
    'the inner-loop alignment of gradients',
    'outer-loop alignment',
    'an inner product alignment check',
    'gradient alignment',
    'inner boundary alignment',
    'the inner half of the model',
    'only the word inner, and outer',
    'right-aligned columns',
    'a misaligned table, aligned with our roadmap, some misalignment and robustness',
    'innerAlignment and inner_alignment identifiers',
    'mesaoptimizerish and premesa-optimizer words',
  ])('%s', (text) => {
    check.none(text);
  });

  it('bare "alignment" and "robustness" are off in recommended and on in strict', () => {
    check.none('Alignment and robustness matter.');
    check.spans('⟦Alignment⟧ and ⟦robustness⟧ matter.', ['alignment', 'robustness'], presetRegistry('strict'));
  });
});

describe('elided coordination', () => {
  it('"outer and inner alignment": both terms occur, the elided one spans "outer"', () => {
    const [outer, inner] = check.spans('Both ⟦outer⟧ and ⟦inner alignment⟧ matter.', ['outer-alignment', 'inner-alignment']);
    expect(outer.text).toBe('outer');
    expect(outer.elided).toBe(true);
    expect(inner.elided).toBeFalsy();
  });

  it('works with or, slashes, commas and inflections', () => {
    check.spans('⟦inner⟧ or ⟦outer misalignment⟧; ⟦outer⟧/⟦inner alignment⟧; ⟦inner⟧, and ⟦outer misaligned⟧', [
      'inner-alignment',
      'outer-alignment',
      'outer-alignment',
      'inner-alignment',
      'inner-alignment',
      'outer-alignment',
    ]);
  });

  it('a suspended hyphen: "outer- and inner alignment"', () => {
    check.spans('⟦outer⟧- and ⟦inner alignment⟧', ['outer-alignment', 'inner-alignment']);
  });

  it('no elision where the modifier does not form a term with the head', () => {
    check.spans('gradient and ⟦inner alignment⟧, robust and ⟦outer alignment⟧');
  });
});
