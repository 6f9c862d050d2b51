/**
 * Pathological drafts through the engine: run-on lines with tens of thousands of
 * uses, paragraphs of thousands of sentences or links, markup nested thousands deep.
 * Each must be analysed in full, with every range valid. Each case here was once
 * quadratic (minutes) or overflowed the call stack; the test timeout is what catches
 * a regression, the figures are in bench/pathological.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { tameMarkup } from '../../server/src/core/markdown/limits';
import { analysisProblems } from './invariants';

const registry = presetRegistry();
const examples = path.join(__dirname, '../../examples');
const drafts = readdirSync(examples).filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(examples, f), 'utf8'));
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

  it('qualifies each use by its own source link, up to 1,000 links in one paragraph', SLOW, () => {
    const a = checked('[inner alignment](https://arxiv.org/abs/1906.01820) '.repeat(10_000));
    expect(a.occurrences).toHaveLength(10_000);
    // Past MAX_INLINE_MARKS brackets in one paragraph the rest is read as plain text (limits.ts).
    expect(a.occurrences.filter((o) => o.status === 'qualified' && o.via === 'link')).toHaveLength(1_000);
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

describe('markup past the parser\'s limits', () => {
  const one = (text: string) => checked(text).occurrences.map((o) => text.slice(o.span.start, o.span.end));

  it('finds a term inside block quotes opened 2,000 deep with spaces, one level per line', SLOW, () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `${'> '.repeat(i + 1)}inner alignment`).join('\n');
    expect(one(text)).toHaveLength(2_000);
  });

  it('finds a term after 10,000 list markers on one line', SLOW, () => {
    expect(one(`${'- '.repeat(10_000)}inner alignment`)).toEqual(['inner alignment']);
  });

  it('finds a term between runs of 10,000 emphasis marks', SLOW, () => {
    // (Not at a line start: ~~~ opens a code fence there.)
    for (const mark of ['*', '_', '~']) expect(one(`Run ${mark.repeat(10_000)} inner alignment ${mark.repeat(10_000)}`)).toEqual(['inner alignment']);
  });

  it('finds a term after 10,000 unmatched emphasis openers and before 10,000 closers', SLOW, () => {
    expect(one(`${'*a '.repeat(10_000)}inner alignment${' a*'.repeat(10_000)}`)).toEqual(['inner alignment']);
  });

  it('finds a term after 20,000 escaped backticks, bracket-parenthesis pairs or reference pairs', SLOW, () => {
    for (const piece of ['\\``', '[ (](', '[a][b]']) expect(one(`${piece.repeat(20_000)} inner alignment`)).toEqual(['inner alignment']);
  });

  it('survives images nested 10,000 deep (their alt text is not prose) and reads the text after them', SLOW, () => {
    expect(one(`${'!['.repeat(10_000)}inner alignment${'](u)'.repeat(10_000)} and outer alignment`)).toEqual(['outer alignment']);
  });

  it('leaves ordinary drafts exactly as written', () => {
    for (const draft of drafts) expect(tameMarkup(draft)).toBe(draft);
  });
});
