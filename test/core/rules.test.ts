/**
 * Rules of issue 2: ambiguous-term (its message names the competing senses with
 * their authors, the likely sense and its cues) and unknown-pin (front matter and
 * directives, with the closest valid id offered as a fix).
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, check, run, unmark } from '../helpers/check';
import { houseRegistry } from '../helpers/registry';

describe('ambiguous-term', () => {
  it('is reported on every ambiguous occurrence, and only there', () => {
    check.findings('⟦Inner alignment⟧, objective-focused inner alignment, "inner alignment", a mesa-optimizer and ⟦outer⟧ and ⟦inner alignment⟧.', 'ambiguous-term');
  });

  it('names the competing senses with their authors, the likely sense and its cues', () => {
    const finding = check.finding('The ⟦inner misalignment⟧ showed up after deployment, in a new environment.');
    expect(finding.severity).toBe('warning');
    expect(finding.term).toBe('inner-alignment');
    expect(finding.message).toMatchInlineSnapshot(`""inner misalignment" is ambiguous: inner alignment has 4 senses: objective-focused (Hubinger 2020), generalization-focused (Shah), optimization-focused (Wentworth 2020), inductive-bias-focused (Ngo 2022). Likely generalization-focused, from the cues "deployment", "new environment". Pin a sense or qualify this use."`);
    for (const [sense, author] of [
      ['objective-focused', 'Hubinger'],
      ['generalization-focused', 'Shah'],
      ['optimization-focused', 'Wentworth'],
      ['inductive-bias-focused', 'Ngo'],
    ]) {
      expect(finding.message).toContain(sense);
      expect(finding.message).toContain(author);
    }
    expect(finding.message).toMatch(/likely generalization-focused/i);
    expect(finding.message).toContain('"deployment"');
    expect(finding.message).toContain('"new environment"');
  });

  it('without cues the message names no likely sense', () => {
    const finding = check.finding('The ⟦outer alignment⟧ section.');
    expect(finding.message).not.toMatch(/likely/i);
    for (const sense of ['objective-function', 'reward-misspecification', 'training-signal', 'generalization-inclusive']) expect(finding.message).toContain(sense);
  });

  it('its severity comes from the glossary, and off silences it', () => {
    expect(check.finding('The ⟦inner alignment⟧ case.', houseRegistry('extends: recommended\nrules:\n  ambiguous-term: error\n')).severity).toBe('error');
    expect(run('The inner alignment case.', houseRegistry('extends: recommended\nrules:\n  ambiguous-term: off\n')).findings).toEqual([]);
  });

  it('the strict preset makes it an error and flags bare "alignment"', async () => {
    const { presetRegistry } = await import('../../server/src/core');
    const found = check.findings('⟦Alignment⟧ and ⟦inner alignment⟧.', 'ambiguous-term', presetRegistry('strict'));
    expect(found.map((f) => [f.term, f.severity])).toEqual([
      ['alignment', 'error'],
      ['inner-alignment', 'error'],
    ]);
  });

  it('every finding offers fixes, the preferred one for the likely sense', () => {
    const finding = check.finding('The ⟦inner misalignment⟧ showed up after deployment, in a new environment.');
    const kinds = new Set(finding.fixes.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['disable-line', 'footnote', 'pin-frontmatter', 'qualify', 'replace']);
    const preferred = finding.fixes.filter((f) => f.preferred);
    expect(preferred.map((f) => [f.kind, f.sense])).toEqual([['pin-frontmatter', 'generalization-focused']]);
  });
});

describe('unknown-pin', () => {
  const unknown = (marked: string) => {
    const found = check.findings(marked, 'unknown-pin');
    for (const f of found) expect(f.severity).toBe('error');
    return found;
  };

  it('an unknown term id in front matter, with the closest id offered', () => {
    const [finding] = unknown('---\nalignment-terms:\n  ⟦inner-alignmnt⟧: objective-focused\n---\n\nText.');
    expect(finding.message).toContain("'inner-alignmnt'");
    expect(finding.message).toContain("'inner-alignment'");
  });

  it('an unknown sense id in front matter', () => {
    const [finding] = unknown('---\nalignment-terms:\n  outer-alignment: ⟦objective-functoin⟧\n---\n\nText.');
    expect(finding.message).toContain("'objective-function'");
  });

  it('an unknown term or sense in a pin directive', () => {
    const found = unknown('<!-- alignment-terms pin ⟦inner-alignmen⟧=objective-focused -->\n\n<!-- alignment-terms pin inner-alignment=⟦objective-focussed⟧ -->');
    expect(found[0].message).toContain("'inner-alignment'");
    expect(found[1].message).toContain("'objective-focused'");
  });

  it('an unknown term in disable, enable and disable-next-line directives', () => {
    unknown('<!-- alignment-terms-disable ⟦mesa-optimiser⟧ -->\n\n<!-- alignment-terms-enable ⟦mesa-optimiser⟧ -->\n\n<!-- alignment-terms-disable-next-line ⟦outer-alignmnt⟧ -->\nText.');
  });

  it('a sense that exists for another term is still unknown for this one', () => {
    unknown('<!-- alignment-terms pin outer-alignment=⟦objective-focused⟧ -->');
  });

  it('its fix replaces the id with the closest valid one, and then nothing is reported', () => {
    const marked = '---\nalignment-terms:\n  inner-alignment: ⟦generalisation-focused⟧\n---\n\nThe inner alignment case.';
    const [finding] = unknown(marked);
    const [fix] = finding.fixes;
    expect(fix).toMatchObject({ kind: 'fix-pin-id', preferred: true });
    const fixed = applyEdits(unmark(marked).text, fix.edits);
    expect(fixed).toBe('---\nalignment-terms:\n  inner-alignment: generalization-focused\n---\n\nThe inner alignment case.');
    const after = run(fixed);
    expect(after.findings).toEqual([]);
    expect(after.occurrences[0]).toMatchObject({ status: 'pinned', sense: 'generalization-focused', via: 'frontmatter' });
  });

  it('the directive fix works the same way', () => {
    const marked = '<!-- alignment-terms pin ⟦outer-alignmnt⟧=training-signal -->\n\nOuter alignment.';
    const [finding] = unknown(marked);
    const fixed = applyEdits(unmark(marked).text, finding.fixes[0].edits);
    expect(fixed).toBe('<!-- alignment-terms pin outer-alignment=training-signal -->\n\nOuter alignment.');
    expect(run(fixed).occurrences[0]).toMatchObject({ status: 'pinned', sense: 'training-signal', via: 'directive' });
  });

  it('nothing close: no fix, and the message lists the valid senses', () => {
    const [finding] = unknown('<!-- alignment-terms pin inner-alignment=⟦zzz⟧ -->');
    expect(finding.fixes).toEqual([]);
    expect(finding.message).toMatch(/objective-focused/);
  });

  it('malformed directives and front matter are reported, never thrown', () => {
    expect(run('<!-- alignment-terms pin -->').findings.map((f) => f.rule)).toEqual(['unknown-pin']);
    expect(run('<!-- alignment-terms frobnicate -->').findings.map((f) => f.rule)).toEqual(['unknown-pin']);
    expect(run('---\nalignment-terms: [inner-alignment]\n---\n').findings.map((f) => f.rule)).toEqual(['unknown-pin']);
    expect(run('---\nalignment-terms:\n  inner-alignment: [\n---\n').findings.map((f) => f.rule)).toEqual(['unknown-pin']);
  });

  it('known ids are not reported', () => {
    expect(run('---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\n<!-- alignment-terms-disable mesa-optimizer -->').findings).toEqual([]);
  });
});

describe('sense-drift', () => {
  const pinned = '---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\n';
  const drifting = 'The model had never seen this kind of customer in training, and once deployed into the new market it competently pursued the wrong goal. We called it inner misalignment.';
  const drifts = (body: string) => run(`${pinned}${body}`).findings.filter((f) => f.rule === 'sense-drift').map((f) => f.term);

  it('flags a pinned use whose paragraph reads as another sense, once per paragraph and term, in each such paragraph', () => {
    expect(drifts(drifting)).toEqual(['inner-alignment']);
    expect(drifts(`${drifting} Again inner misalignment.\n\n${drifting}`)).toEqual(['inner-alignment', 'inner-alignment']);
  });

  it('leaves a paragraph alone that names the other sense itself (it contrasts the two)', () => {
    expect(drifts(`${drifting} That is inner alignment in Shah's sense, not ours.`)).toEqual([]);
    // The contrasting use must be in the same paragraph.
    expect(drifts(`${drifting}\n\nThat is inner alignment in Shah's sense, not ours.`)).toEqual(['inner-alignment']);
  });
});
