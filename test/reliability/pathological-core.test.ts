/**
 * Pathological drafts through the engine: run-on lines with tens of thousands of
 * uses, paragraphs of thousands of sentences or links, markup nested thousands deep.
 * Each must be analysed in full, with every range valid. Each case here was once
 * quadratic (minutes) or overflowed the call stack; the test timeout is what catches
 * a regression, the figures are in bench/pathological.mjs.
 */
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { analysisProblems } from './invariants';

const registry = presetRegistry();
/** Generous: each case takes seconds on a loaded machine; the quadratic versions took minutes. */
const SLOW = { timeout: 120_000 };

function checked(text: string) {
  const analysis = analyze(text, registry);
  expect(analysisProblems(text, analysis)).toEqual([]);
  return analysis;
}

describe('long run-on text', () => {
  it('flags every one of 20,000 uses in one sentence without a full stop', SLOW, () => {
    const a = checked('inner alignment word '.repeat(20_000));
    expect(a.occurrences).toHaveLength(20_000);
    expect(a.findings.filter((f) => f.rule === 'ambiguous-term')).toHaveLength(20_000);
  });

  it('reads a sense named at the start of a 10,000-use sentence for the uses near it only', SLOW, () => {
    const a = checked(`In Hubinger's sense, inner alignment matters, and ${'inner alignment and '.repeat(10_000)}more.`);
    expect(a.occurrences).toHaveLength(10_001);
    expect(a.occurrences[0]).toMatchObject({ status: 'qualified', sense: 'objective-focused' });
    expect(a.occurrences[10_000].status).toBe('ambiguous');
  });
});

describe('paragraphs of thousands of sentences', () => {
  it('gives each of 5,000 contradicted claims in one paragraph its own claim-check finding', SLOW, () => {
    const a = checked('Outer and inner alignment together guarantee impact alignment. '.repeat(5_000));
    expect(a.findings.filter((f) => f.rule === 'claim-check')).toHaveLength(5_000);
  });

  it('flags each of 10,000 sentences that open with the term', SLOW, () => {
    const a = checked('Inner alignment is about goals. '.repeat(10_000));
    expect(a.findings.filter((f) => f.rule === 'ambiguous-term')).toHaveLength(10_000);
  });

  it('qualifies each of 10,000 uses by its own source link', SLOW, () => {
    const a = checked('[inner alignment](https://arxiv.org/abs/1906.01820) '.repeat(10_000));
    expect(a.occurrences).toHaveLength(10_000);
    expect(a.occurrences.every((o) => o.status === 'qualified' && o.via === 'link')).toBe(true);
  });
});

describe('deep nesting', () => {
  it('finds a term inside block quotes nested 10,000 deep', SLOW, () => {
    const text = `${'>'.repeat(10_000)} inner alignment\n`;
    const a = checked(text);
    expect(a.occurrences.map((o) => text.slice(o.span.start, o.span.end))).toEqual(['inner alignment']);
  });
});

describe('long lists', () => {
  it('reads a nested bullet list of 4,000 items (8,000 lines, no blank line) in full', SLOW, () => {
    const a = checked('- inner alignment\n  - outer alignment\n'.repeat(4_000));
    expect(a.occurrences).toHaveLength(8_000);
  });
});
