/**
 * The editor's analysis of an edit spliced into the previous one (core/splice.ts):
 * after every edit, the result must equal a whole-document analysis, positions,
 * statuses, messages, fixes and document structure included; and ordinary typing in
 * a long draft must actually take the splice (else the 5 MB keystroke is slow again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeIncremental, analyzeWhole, presetRegistry, type IncrementalAnalysis } from '../../server/src/core';
import { applyEdit, edit, markdownBlock, markdownFrontMatter } from '../reliability/generators';
import { structure, visible } from '../reliability/invariants';

const registry = presetRegistry();

/** Analyses `text` after `previous`, checks it against a whole analysis, and says whether the edit was spliced. */
function step(text: string, previous: IncrementalAnalysis): { next: IncrementalAnalysis; spliced: boolean } {
  const next = analyzeIncremental(text, registry, previous);
  const whole = analyzeWhole(text, registry);
  expect(visible(next)).toEqual(visible(whole));
  expect(structure(next)).toEqual(structure(whole));
  // A splice keeps the previous analysis's block cache (the block-wise analysis builds a new one).
  return { next, spliced: next.cache.blocks === previous.cache.blocks };
}

/** Applies `changes` to `text` one after another, checking that each is spliced and equals a whole analysis; the analyses after each. */
function spliceEach(text: string, changes: ((text: string) => string)[]): IncrementalAnalysis[] {
  let previous = analyzeIncremental(text, registry);
  return changes.map((change) => {
    text = change(text);
    const { next, spliced } = step(text, previous);
    expect(spliced).toBe(true);
    previous = next;
    return next;
  });
}

const paragraphs = (n: number, lead = 'Paragraph') => Array.from({ length: n }, (_, i) => `${lead} ${i}: the model was trained and inner alignment came up.`);

/** The "line N" each sense-drift message names. */
const driftLines = (a: IncrementalAnalysis) => a.findings.filter((f) => f.rule === 'sense-drift').map((f) => f.message.match(/line \d+/)?.[0]);

/** "line N" of the first line of `text` that starts with `start`. */
const lineOf = (text: string, start: string) => `line ${text.split('\n').findIndex((l) => l.startsWith(start)) + 1}`;

const PINNED = ['---', 'alignment-terms:', '  inner-alignment: objective-focused', '---', '', '# Title', ''].join('\n');

describe('splicing an edit into the previous analysis', () => {
  it('equals a whole analysis after random edits of long generated drafts, and takes the splice for most of them', () => {
    let edits = 0;
    let spliced = 0;
    fc.assert(
      fc.property(fc.option(markdownFrontMatter, { nil: '' }), fc.array(markdownBlock, { minLength: 6, maxLength: 24 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (fm, blocks, changes) => {
        let text = fm + blocks.join('\n\n') + '\n';
        let previous = analyzeIncremental(text, registry);
        for (const change of changes) {
          // Edits fall in the second half, past the front matter and title a splice leaves to the block-wise analysis.
          text = applyEdit(text, { ...change, at: 0.5 + change.at / 2 });
          const result = step(text, previous);
          edits++;
          if (result.spliced) spliced++;
          previous = result.next;
        }
      }),
      { seed: 7, numRuns: 150 },
    );
    // Generated edits often add a directive, a definition or a link definition, which the splice declines.
    expect(spliced / edits).toBeGreaterThan(0.3);
  });

  it('types a phrase into the middle of a long draft and deletes it again, splicing every keystroke', () => {
    let text = [PINNED, ...paragraphs(40)].join('\n\n');
    let previous = analyzeIncremental(text, registry);
    let cursor = text.indexOf('Paragraph 20:') + 'Paragraph 20'.length;
    const phrase = ' and outer alignment, in this sense,';
    const kinds: boolean[] = [];
    for (const ch of phrase) {
      text = text.slice(0, cursor) + ch + text.slice(cursor);
      cursor++;
      const { next, spliced } = step(text, previous);
      kinds.push(spliced);
      previous = next;
    }
    for (let i = 0; i < phrase.length; i++) {
      text = text.slice(0, cursor - 1) + text.slice(cursor);
      cursor--;
      const { next, spliced } = step(text, previous);
      kinds.push(spliced);
      previous = next;
    }
    expect(kinds.every(Boolean)).toBe(true);
    expect(previous.occurrences.filter((o) => o.term === 'outer-alignment')).toEqual([]);
  });

  it('keeps its block cache bounded over a long typing session', () => {
    let text = [PINNED, ...paragraphs(10)].join('\n\n');
    let previous = analyzeIncremental(text, registry);
    let cursor = text.indexOf('Paragraph 6:');
    for (let i = 0; i < 200; i++) {
      text = text.slice(0, cursor) + 'x' + text.slice(cursor);
      cursor++;
      previous = analyzeIncremental(text, registry, previous);
    }
    expect(visible(previous)).toEqual(visible(analyzeWhole(text, registry)));
    // Each keystroke adds one block version; old ones are dropped once there are twice as many as blocks (plus 64).
    expect(previous.cache.blocks.size).toBeLessThanOrEqual(2 * previous.cache.layout.blocks.length + 64);
    expect(previous.cache.links.size).toBeLessThanOrEqual(2 * previous.cache.layout.blocks.length + 64);
  });

  it('moves the sections of the contexts after a heading it adds or removes', () => {
    spliceEach([PINNED, ...paragraphs(10), '## Later', ...paragraphs(10, 'After')].join('\n\n'), [
      (t) => t.replace('Paragraph 5:', '## New heading\n\nParagraph 5:'),
      // An edit after the new heading: the blocks there were moved past one more heading.
      (t) => t.replace('After 3:', 'After three:'),
      (t) => t.replace('## New heading\n\n', ''),
    ]);
  });

  it('re-reads a "Yes" that answers a question the edit wrote in the paragraph before it', () => {
    const text = [PINNED, ...paragraphs(6), 'Is outer alignment enough?', 'Yes.', ...paragraphs(6, 'After')].join('\n\n');
    const claims = (a: IncrementalAnalysis) => a.findings.filter((f) => f.rule === 'claim-check').length;
    const before = claims(analyzeIncremental(text, registry));
    const question = 'Do outer and inner alignment together guarantee impact alignment?';
    const [asked, answered, restored] = spliceEach(text, [
      (t) => t.replace('Is outer alignment enough?', question),
      // The paragraph after the answer edited: the answer, re-read with it, still answers the question.
      (t) => t.replace('After 0:', 'After zero:'),
      (t) => t.replace(question, 'Is outer alignment enough?'),
    ]);
    expect(claims(asked)).toBeGreaterThan(before);
    expect(claims(answered)).toBe(claims(asked));
    expect(claims(restored)).toBe(before);
  });

  it('renumbers the line a drift message names when lines are added above the definition it points to', () => {
    const drifting = 'Inner alignment here is about the model generalizing badly under distributional shift, capability robustness without objective robustness.';
    let text = [PINNED, ...paragraphs(6), drifting, ...paragraphs(4, 'Mid'), 'By inner alignment we mean that the mesa-objective matches the base objective.', ...paragraphs(4, 'After')].join('\n\n');
    let previous = analyzeIncremental(text, registry);
    text = text.replace('Paragraph 3:', 'Paragraph 3\nwith a line break:');
    const { next } = step(text, previous);
    expect(driftLines(next)).toEqual([lineOf(text, 'By inner alignment')]);
  });

  it('renumbers the line a drift message names when lines are added above the pin directive it points to', () => {
    const drifting = 'Inner alignment here is about the model generalizing badly under distributional shift, capability robustness without objective robustness.';
    let text = [PINNED, ...paragraphs(6), '<!-- alignment-terms pin inner-alignment=objective-focused -->', drifting, ...paragraphs(4, 'After')].join('\n\n');
    const previous = analyzeIncremental(text, registry);
    text = text.replace('Paragraph 3:', 'Paragraph 3\nwith a line break:');
    const { next, spliced } = step(text, previous);
    expect(spliced).toBe(true);
    expect(driftLines(next)).toEqual([lineOf(text, '<!-- alignment-terms pin')]);
  });

  it('declines, and still agrees, when the edit adds a definition, a directive or a link definition', () => {
    const base = [PINNED, ...paragraphs(12)].join('\n\n');
    for (const insert of ['By inner alignment we mean that the mesa-objective matches the base objective.', '<!-- alignment-terms-disable -->', '[rlo]: https://arxiv.org/abs/1906.01820']) {
      const previous = analyzeIncremental(base, registry);
      const text = base.replace('Paragraph 6:', `${insert}\n\nParagraph 6:`);
      expect(step(text, previous).spliced).toBe(false);
    }
  });

  it('handles an edit that opens a code fence over the rest of the draft, deletes a whole block, or appends at the end', () => {
    const base = [PINNED, ...paragraphs(12)].join('\n\n');
    for (const change of [(t: string) => t.replace('Paragraph 6:', '```\nParagraph 6:'), (t: string) => t.replace(/Paragraph 6:[^\n]*\n\n/, ''), (t: string) => `${t}\n\nA last word on inner alignment.`, (t: string) => t.slice(0, -10)]) {
      const previous = analyzeIncremental(base, registry);
      expect(step(change(base), previous).spliced).toBe(true);
    }
  });
});
