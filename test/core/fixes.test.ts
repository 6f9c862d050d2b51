/**
 * Quick fixes of ambiguous-term: their edits, applied to the text, give the Markdown
 * a writer expects, and the fixed text no longer has that ambiguity. Front matter is
 * created or extended without disturbing other keys, comments or line endings.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { check, run } from '../helpers/check';

const ambiguousTerms = (text: string) => run(text).findings.filter((f) => f.rule === 'ambiguous-term').map((f) => f.term);

describe('pin in front matter', () => {
  it('creates the block when there is none', () => {
    const fixed = check.fix('# Draft\n\nThe ⟦inner alignment⟧ case.\n', 'pin-frontmatter', 'objective-focused');
    expect(fixed).toBe('---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\n# Draft\n\nThe inner alignment case.\n');
  });

  it('creates the block after a BOM, which stays first', () => {
    const fixed = check.fix('\uFEFFThe ⟦inner alignment⟧ case.', 'pin-frontmatter', 'objective-focused');
    expect(fixed.startsWith('\uFEFF---\nalignment-terms:\n')).toBe(true);
    expect(run(fixed).occurrences[0]).toMatchObject({ status: 'pinned', via: 'frontmatter' });
  });

  it('adds the key to front matter that has other keys and comments, leaving them as written', () => {
    const fixed = check.fix('---\ntitle: Draft # working title\ntags: [a, b]\n---\n\nThe ⟦inner alignment⟧ case.\n', 'pin-frontmatter', 'generalization-focused');
    expect(fixed).toBe('---\ntitle: Draft # working title\ntags: [a, b]\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\nThe inner alignment case.\n');
  });

  it('extends an existing alignment-terms map, keeping the other pins, keys and comments', () => {
    const fixed = check.fix(
      '---\ntitle: Draft\nalignment-terms:\n  outer-alignment: objective-function # house choice\ntags: [a]\n---\n\nThe ⟦inner alignment⟧ case.\n',
      'pin-frontmatter',
      'objective-focused',
    );
    expect(fixed).toBe(
      '---\ntitle: Draft\nalignment-terms:\n  outer-alignment: objective-function # house choice\n  inner-alignment: objective-focused\ntags: [a]\n---\n\nThe inner alignment case.\n',
    );
  });

  it('extends a flow-style map into valid YAML with both pins', () => {
    const fixed = check.fix('---\nalignment-terms: {outer-alignment: objective-function}\n---\n\nThe ⟦inner alignment⟧ case.', 'pin-frontmatter', 'objective-focused');
    const yaml = fixed.split('---\n')[1];
    expect(parseYaml(yaml)).toEqual({ 'alignment-terms': { 'outer-alignment': 'objective-function', 'inner-alignment': 'objective-focused' } });
  });

  it('fills an empty alignment-terms key', () => {
    const fixed = check.fix('---\ntitle: x\nalignment-terms:\n---\n\nThe ⟦inner alignment⟧ case.', 'pin-frontmatter', 'objective-focused');
    expect(fixed).toBe('---\ntitle: x\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\nThe inner alignment case.');
  });

  it('keeps CRLF line endings', () => {
    const fixed = check.fix('---\r\ntitle: x\r\n---\r\n\r\nThe ⟦inner alignment⟧ case.\r\n', 'pin-frontmatter', 'objective-focused');
    expect(fixed).toBe('---\r\ntitle: x\r\nalignment-terms:\r\n  inner-alignment: objective-focused\r\n---\r\n\r\nThe inner alignment case.\r\n');
    const created = check.fix('The ⟦inner alignment⟧ case.\r\nMore.\r\n', 'pin-frontmatter', 'objective-focused');
    expect(created).toBe('---\r\nalignment-terms:\r\n  inner-alignment: objective-focused\r\n---\r\n\r\nThe inner alignment case.\r\nMore.\r\n');
  });

  it('after the pin, no ambiguous-term for that term remains; the other term is still flagged', () => {
    const text = 'The ⟦inner alignment⟧ case.\n\n- inner misalignment again\n- outer alignment too\n\n# Inner alignment\n';
    const fixed = check.fix(text, 'pin-frontmatter', 'optimization-focused');
    expect(ambiguousTerms(fixed)).toEqual(['outer-alignment']);
    expect(run(fixed).occurrences.filter((o) => o.term === 'inner-alignment').map((o) => o.sense)).toEqual([
      'optimization-focused',
      'optimization-focused',
      'optimization-focused',
    ]);
  });

  it('after pinning one term in existing front matter, pinning the other leaves nothing flagged', () => {
    const first = check.fix('---\ntitle: x\n---\n\n⟦Inner alignment⟧ and outer alignment.', 'pin-frontmatter', 'objective-focused');
    expect(ambiguousTerms(first)).toEqual(['outer-alignment']);
    const outerAt = first.indexOf('outer alignment');
    const second = check.fix(`${first.slice(0, outerAt)}⟦outer alignment⟧${first.slice(outerAt + 'outer alignment'.length)}`, 'pin-frontmatter', 'objective-function');
    expect(ambiguousTerms(second)).toEqual([]);
    expect(second).toBe('---\ntitle: x\nalignment-terms:\n  inner-alignment: objective-focused\n  outer-alignment: objective-function\n---\n\nInner alignment and outer alignment.');
  });
});

describe('other fixes', () => {
  it('qualify: inserts the sense after the use, which is then qualified', () => {
    const fixed = check.fix('The ⟦inner alignment⟧ case.', 'qualify', 'generalization-focused');
    expect(fixed).toBe('The inner alignment (generalization-focused) case.');
    expect(run(fixed).occurrences[0]).toMatchObject({ status: 'qualified', sense: 'generalization-focused' });
  });

  it('qualify an elided coordination member', () => {
    const fixed = check.fix('Both ⟦outer⟧ and inner alignment.', 'qualify', 'reward-misspecification');
    expect(fixed).toBe('Both outer (reward-misspecification) and inner alignment.');
  });

  it('replace: an unambiguous alternative, matching the case of the original', () => {
    expect(check.fix('⟦Inner misalignment⟧ appeared.', 'replace', 'generalization-focused')).toBe('Goal misgeneralization appeared.');
    expect(check.fix('The ⟦inner alignment⟧ case.', 'replace', 'objective-focused')).toBe('The mesa-objective alignment case.');
    expect(check.fix('The ⟦INNER ALIGNMENT⟧ case.', 'replace', 'generalization-focused')).toBe('The OBJECTIVE ROBUSTNESS case.');
  });

  it('replace is offered only for senses that have an alternative', () => {
    const finding = check.finding('The ⟦inner alignment⟧ case.');
    expect(finding.fixes.filter((f) => f.kind === 'replace').map((f) => f.sense).sort()).toEqual(['generalization-focused', 'objective-focused']);
  });

  it('footnote: a reference after the use and a definition at the end, which settles the use', () => {
    const fixed = check.fix('The ⟦inner alignment⟧ case.\n', 'footnote', 'objective-focused');
    expect(fixed).toMatch(/^The inner alignment\[\^[\w-]+\] case\.\n\n\[\^[\w-]+\]: .+\n$/);
    const [, label] = /\[\^([\w-]+)\]/.exec(fixed)!;
    expect(fixed.match(new RegExp(`\\[\\^${label}\\]`, 'g'))).toHaveLength(2);
    expect(fixed).toContain('Hubinger');
    expect(ambiguousTerms(fixed)).toEqual([]);
  });

  it('footnote on a file without a final newline, with CRLF', () => {
    const fixed = check.fix('The ⟦inner alignment⟧ case.\r\nEnd.', 'footnote', 'generalization-focused');
    expect(fixed).toMatch(/^The inner alignment\[\^[\w-]+\] case\.\r\nEnd\.\r\n\r\n\[\^[\w-]+\]: [^\r\n]+\r\n$/);
  });

  it('disable-line: a disable-next-line comment above a use at the start of a block', () => {
    const fixed = check.fix('Intro.\n\n⟦Inner alignment⟧ here.\n', 'disable-line');
    expect(fixed).toBe('Intro.\n\n<!-- alignment-terms-disable-next-line inner-alignment -->\nInner alignment here.\n');
    expect(run(fixed).occurrences[0].status).toBe('ignored');
  });

  it('disable-line: inside a paragraph, the fix silences that use without splitting the paragraph', () => {
    const text = 'First line of the paragraph.\nThe ⟦inner alignment⟧ here, and outer alignment.\nLast line with inner alignment.';
    const fixed = check.fix(text, 'disable-line');
    const analysis = run(fixed);
    expect(analysis.doc.contexts).toHaveLength(1);
    expect(analysis.occurrences.map((o) => o.status)).toEqual(['ignored', 'ambiguous', 'ambiguous']);
  });
});
