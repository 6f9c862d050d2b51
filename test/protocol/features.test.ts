/**
 * The core's editor features (server/src/core/features), in process: the parts of
 * hover, completion, code-action planning, definition and the draft glossary that the
 * LSP session tests do not reach.
 */
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { completionsAt, definitionTargetAt, draftGlossary, draftStatus, glossaryEntryPosition, hoverAt, quickFixes, safeFixEdits } from '../../server/src/core/features';
import type { Finding } from '../../server/src/core/types';

const registry = presetRegistry('recommended');
const at = (text: string, needle: string, plus = 1) => text.indexOf(needle) + plus;
const hover = (text: string, needle: string, plus = 1) => hoverAt(analyze(text, registry), registry, at(text, needle, plus), { pinLink: (t, s) => `command:pin?${t}=${s}` })?.markdown ?? null;
const labels = (text: string, offset: number) => completionsAt(text, analyze(text, registry).doc.lines, registry, offset).map((c) => c.label);

describe('hover cards', () => {
  it('on a pin directive: the pinned sense, its scope and how many uses it settles', () => {
    const text = 'Intro.\n\n<!-- alignment-terms pin inner-alignment=generalization-focused -->\n\nHere inner alignment is behavioural, and inner misalignment too.\n';
    const card = hover(text, 'pin inner', 6)!;
    expect(card).toContain('**inner-alignment = generalization-focused** · pin directive');
    expect(card).toContain('Pins the sense from here to the next pin directive of this term. It settles 2 uses in this draft.');
    expect(card).toMatch(/\*\*inner alignment, generalization-focused:\*\* A behavioural notion/);
  });

  it('on a pin naming an unknown sense: the valid ids', () => {
    const text = '---\nalignment-terms:\n  inner-alignment: objective\n---\n\nText.\n';
    expect(hover(text, 'objective', 2)).toBe('**inner-alignment = objective** · front matter pin\n\nUnknown sense id for inner alignment. Senses: `objective-focused`, `generalization-focused`, `optimization-focused`, `inductive-bias-focused`.');
  });

  it('on the elided member of a coordination: what it stands for', () => {
    const card = hover('We need outer and inner alignment.\n', 'outer')!;
    expect(card.split('\n')[0]).toBe('**outer alignment** · contested term, 4 senses · “outer” stands for outer alignment here');
  });

  it('on a qualified use: how it was qualified, and no pin links (a pin would not change it)', () => {
    const card = hover('The talk used objective-focused inner alignment throughout.\n', 'inner alignment')!;
    expect(card).toContain('**In this draft:** qualified as *objective-focused* by the sense name next to it.');
    expect(card).toContain('| **objective-focused** (✓ in force) |');
    expect(card).not.toContain('Pin for this document');
  });

  it('on a settled term: its one definition and source, no sense table', () => {
    const card = hover('A mesa-optimizer searches.\n', 'mesa')!;
    expect(card).toMatch(/^\*\*mesa-optimizer\*\* · settled term, one sense\n\n\*\*In this draft:\*\* settled: the term has one sense\.\n\n.+\n\nSource: .*Risks from Learned Optimization/);
    expect(card).not.toContain('| Sense |');
  });

  it('nowhere else', () => {
    expect(hover('Plain prose about gardens.\n', 'gardens')).toBeNull();
  });
});

describe('completion', () => {
  it('in a flow-style front matter map', () => {
    const text = '---\nalignment-terms: { inner-alignment: ob }\n---\n';
    expect(labels(text, at(text, 'ob', 2))).toEqual(['objective-focused', 'generalization-focused', 'optimization-focused', 'inductive-bias-focused']);
    const next = '---\nalignment-terms: { inner-alignment: objective-focused, ou }\n---\n';
    expect(labels(next, at(next, 'ou', 2))).toContain('outer-alignment');
  });

  it('in disable directives: every term, settled ones included', () => {
    const text = '<!-- alignment-terms-disable mesa -->\n';
    const found = labels(text, at(text, 'mesa', 4));
    expect(found).toContain('mesa-optimizer');
    expect(found).toContain('inner-alignment');
  });

  it('not in prose, not past the front matter, not in other front matter keys', () => {
    const text = '---\ntitle: inner\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\n  inner\n';
    expect(labels(text, at(text, 'title: inner', 12))).toEqual([]);
    expect(labels(text, text.length - 1)).toEqual([]);
    expect(labels('Some prose: inner', 17)).toEqual([]);
  });

  it('ranks the sense the draft’s cues point to first', () => {
    const text = '---\nalignment-terms:\n  inner-alignment: \n---\n\nOnce deployed in a new environment it pursued the wrong goal: inner misalignment.\n';
    const analysis = analyze(text, registry);
    const items = completionsAt(text, analysis.doc.lines, registry, at(text, 'inner-alignment: ', 17), analysis);
    const first = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0];
    expect(first.label).toBe('generalization-focused');
    expect(first.preselect).toBe(true);
    expect(first.detail).toContain('likely for 1 use here');
  });
});

describe('code action planning', () => {
  const text = 'Inner alignment matters. Again, inner alignment.\n';
  const analysis = analyze(text, registry);

  it('offers each pin once for many findings of a term, resolving all of them', () => {
    const actions = quickFixes(analysis, analysis.findings);
    const pins = actions.filter((a) => a.fix.kind === 'pin-frontmatter');
    expect(pins).toHaveLength(4);
    expect(pins.every((p) => p.findings.length === 2)).toBe(true);
    expect(actions.filter((a) => a.fix.kind === 'qualify').map((a) => a.title)).toContain('Qualify this use as objective-focused (line 1)');
  });

  it('fix-all takes one safe fix per finding and never overlapping edits', () => {
    const finding = (start: number, end: number): Finding => ({
      rule: 'unknown-pin',
      severity: 'error',
      message: 'm',
      span: { start, end },
      fixes: [{ kind: 'fix-pin-id', title: 't', edits: [{ span: { start, end }, newText: 'x' }], safe: true }],
    });
    const unsafe: Finding = { ...finding(40, 41), fixes: [{ kind: 'qualify', title: 'q', edits: [{ span: { start: 40, end: 40 }, newText: 'y' }] }] };
    expect(safeFixEdits([finding(10, 20), finding(15, 25), finding(30, 30), finding(30, 30), unsafe]).map((e) => [e.span.start, e.span.end])).toEqual([
      [10, 20],
      [30, 30],
    ]);
  });
});

describe('definition targets', () => {
  it('a directive’s sense id names the sense; its term id the term', () => {
    const text = '<!-- alignment-terms pin outer-alignment=training-signal -->\n\nText.\n';
    const analysis = analyze(text, registry);
    expect(definitionTargetAt(analysis, at(text, 'training', 2))).toMatchObject({ term: 'outer-alignment', sense: 'training-signal' });
    expect(definitionTargetAt(analysis, at(text, 'outer-', 2))?.span).toEqual({ start: text.indexOf('outer-'), end: text.indexOf('outer-') + 'outer-alignment'.length });
  });

  it('finds entries in glossary YAML, and nothing in broken YAML', () => {
    const yaml = 'extends: recommended\nterms:\n  inner-alignment:\n    senses:\n      objective-focused:\n        label: ours\n';
    expect(glossaryEntryPosition(yaml, 'inner-alignment')).toEqual({ line: 3, column: 3, length: 15 });
    expect(glossaryEntryPosition(yaml, 'inner-alignment', 'objective-focused')).toEqual({ line: 5, column: 7, length: 17 });
    expect(glossaryEntryPosition(yaml, 'inner-alignment', 'optimization-focused')).toEqual({ line: 3, column: 3, length: 15 });
    expect(glossaryEntryPosition(yaml, 'outer-alignment')).toBeNull();
    expect(glossaryEntryPosition('terms: [\n  : :', 'inner-alignment')).toBeNull();
  });
});

describe('the draft glossary and status', () => {
  it('says so when the draft uses no registry term', () => {
    expect(draftGlossary(analyze('Gardens.\n', registry), registry, { title: 'a.md' })).toBe('# Definitions in a.md\n\nThis draft uses none of the registry’s terms.\n');
  });

  it('counts ambiguous terms and uses, leaving mentions out', () => {
    const analysis = analyze('The term "inner alignment" is contested. Inner alignment matters, and outer alignment, and inner misalignment.\n', registry);
    const status = draftStatus(analysis, registry);
    expect([status.ambiguousTerms, status.ambiguousUses]).toEqual([['inner-alignment', 'outer-alignment'], 3]);
    expect(status.terms.find((t) => t.id === 'inner-alignment')).toMatchObject({ uses: 2, ambiguous: 2 });
  });
});
