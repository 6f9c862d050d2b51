/**
 * Counterexamples the property tests found, kept as plain cases: each broke a range,
 * the block-wise analysis, or a fix before it was fixed.
 */
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { analysisProblems } from './invariants';

const registry = presetRegistry();

/** The text under each occurrence and finding. */
function written(text: string) {
  const a = analyze(text, registry);
  expect(analysisProblems(text, a)).toEqual([]);
  return { occurrences: a.occurrences.map((o) => text.slice(o.span.start, o.span.end)), findings: a.findings.map((f) => `${f.rule} ${text.slice(f.span.start, f.span.end)}`) };
}

describe('a byte order mark', () => {
  it('does not shift ranges: each covers exactly the term or directive', () => {
    expect(written('\uFEFF# inner alignment\n\nouter alignment')).toEqual({
      occurrences: ['inner alignment', 'outer alignment'],
      findings: ['ambiguous-term inner alignment', 'ambiguous-term outer alignment'],
    });
    expect(written('\uFEFFinner alignment.\n\n<!-- alignment-terms pin -->').findings).toEqual(['ambiguous-term inner alignment', 'unknown-pin <!-- alignment-terms pin -->']);
  });

  it('keeps front matter pins in place', () => {
    expect(written('\uFEFF---\nalignment-terms:\n  inner-alignment: nope\n---\ninner alignment\n').findings).toEqual(['unknown-pin nope', 'ambiguous-term inner alignment']);
  });
});
