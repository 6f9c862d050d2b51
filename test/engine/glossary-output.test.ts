import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { draftGlossary, termsSectionEdit } from '../../server/src/core/features';

const registry = presetRegistry();
const DRAFT = [
  '---',
  'alignment-terms:',
  '  outer-alignment: objective-function',
  '---',
  '',
  '# A short post',
  '',
  'By inner alignment I mean that the learner keeps a goal we did not intend because its inductive biases favoured it.',
  '',
  'Outer misalignment is rare here, and the mesa-optimizer question stays open.',
  '',
].join('\n');

describe("the draft's glossary", () => {
  it('lists each term used, the sense in force, where it was decided, the definition and source', () => {
    expect(draftGlossary(analyze(DRAFT, registry), registry, { title: 'post.md' })).toMatchSnapshot();
  });

  it('is appended as a Terms section the linter does not check, and the draft otherwise stays as it was', () => {
    const analysis = analyze(DRAFT, registry);
    const edit = termsSectionEdit(analysis, registry)!;
    expect(edit.span).toEqual({ start: DRAFT.length, end: DRAFT.length });
    const after = DRAFT + edit.newText;
    expect(after.startsWith(DRAFT)).toBe(true);
    // A blank line separates the section from the draft's last paragraph.
    expect(edit.newText).toMatch(/^\n<!-- alignment-terms-disable -->\n\n## Terms\n/);
    expect(edit.newText).toContain('### inner alignment');
    expect(edit.newText.trimEnd().endsWith('<!-- alignment-terms-enable -->')).toBe(true);
    // The section adds no finding of its own.
    const before = analyze(DRAFT, registry).findings.map((f) => [f.rule, f.span.start]);
    const withSection = analyze(after, registry).findings.map((f) => [f.rule, f.span.start]);
    expect(withSection).toEqual(before);
  });

  it('is not offered for a draft that uses no registry term', () => {
    expect(termsSectionEdit(analyze('# Gardening\n\nTomatoes need sun.\n', registry), registry)).toBeNull();
  });
});
