/**
 * Counterexamples the property tests found, kept as plain cases: each broke a range,
 * the block-wise analysis, or a fix before it was fixed.
 */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeIncremental, analyzeWhole, presetRegistry } from '../../server/src/core';
import { analysisProblems, applyEdits, visible } from './invariants';

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

describe('lone carriage returns as line ends', () => {
  it('are line ends for the block-wise analysis too (an HTML comment opened after one hides what follows)', () => {
    const text = '\r<!-- alignment-term<span>the.</span>\n\ninner alignment.\n\n<!-- alignment-terms pin inner-alignment=generalization-focused -->';
    expect(visible(analyze(text, registry))).toEqual(visible(analyzeWhole(text, registry)));
    expect(analyze(text, registry).occurrences).toEqual([]);
    const previous = analyzeIncremental(text.slice(1), registry);
    expect(visible(analyzeIncremental(text, registry, previous))).toEqual(visible(analyzeWhole(text, registry)));
  });

  it('in front matter: pins are read at their place, and the pin fix writes a pin that is read', () => {
    const text = '---\ralignment-terms:\r\n  outer-alignment: objective-function\n---\r\ninner alignment and outer alignment.';
    const a = analyze(text, registry);
    expect(a.occurrences.map((o) => [o.term, o.status])).toEqual([
      ['inner-alignment', 'ambiguous'],
      ['outer-alignment', 'pinned'],
    ]);
    for (const start of [text, '---\r\ntitle: Draft\r---\n# inner alignment.\r\n']) {
      const finding = analyze(start, registry).findings.find((f) => f.rule === 'ambiguous-term')!;
      const fixed = applyEdits(start, finding.fixes.find((f) => f.kind === 'pin-frontmatter')!.edits);
      expect(analyze(fixed, registry).findings.filter((f) => f.rule === 'ambiguous-term' && f.term === 'inner-alignment')).toEqual([]);
    }
  });
});

describe('front matter that is not a YAML map', () => {
  it('gets no pin fix (the pin could not be read); the other fixes remain', () => {
    for (const text of ['---\ntitle: [unclosed\n---\ninner alignment', '---\n- a list\n---\ninner alignment']) {
      const kinds = analyze(text, registry).findings.find((f) => f.rule === 'ambiguous-term')!.fixes.map((f) => f.kind);
      expect(kinds).not.toContain('pin-frontmatter');
      expect(kinds).toContain('qualify');
    }
  });
});

describe('continuation lines of deeply nested blocks', () => {
  it('map back to the source past long container prefixes (block quotes 9 deep, lists 9 deep)', () => {
    expect(written('> > > > > > > > > a\n> > > > > > > > > inner alignment').occurrences).toEqual(['inner alignment']);
    const list = `${Array.from({ length: 9 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n${'  '.repeat(9)}inner alignment`;
    expect(written(list).occurrences).toEqual(['inner alignment']);
  });
});

describe('an ordered list item not numbered 1 right after indented code', () => {
  it('is read as the parser reads the whole draft (a paragraph), so the indented code after it stays code in every analysis', () => {
    const text = 'Outer alignment.\n\n    code\n\n4. See here on **inner alignment**.\n\n    # indented: inner alignment stays out of prose\n';
    const whole = analyzeWhole(text, registry);
    expect(whole.occurrences.map((o) => o.span.start)).toEqual([0, text.indexOf('inner alignment')]);
    expect(visible(analyze(text, registry))).toEqual(visible(whole));
    expect(visible(analyzeIncremental(text, registry))).toEqual(visible(whole));
  });
});
