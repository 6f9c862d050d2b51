/**
 * Property tests (fast-check, fixed seed, bounded runs): for arbitrary strings and
 * for Markdown built from realistic pieces, analysis never throws, every range is
 * inside the document on code point boundaries, occurrences are sorted and
 * disjoint; incremental analysis after random edits equals a whole-document parse;
 * every fix yields a document that re-analyses cleanly; and "Pin for this document"
 * removes every ambiguous-term of its term while changing nothing but the front matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeIncremental, presetRegistry, type Analysis } from '../../server/src/core';
import { analyzeWhole } from '../../server/src/core/service';
import { applyEdit, edit, hostileString, markdownDraft } from './generators';
import { analysisProblems, applyEdits, visible } from './invariants';

const registry = presetRegistry();
const strict = presetRegistry('strict');
/** Fixed seed: a failure reproduces; runs bounded so the suite stays fast. */
const RUNS = { seed: 42, numRuns: 200 };

function sound(text: string, reg = registry): Analysis {
  const analysis = analyze(text, reg);
  const problems = analysisProblems(text, analysis);
  if (problems.length) throw new Error(`${problems.slice(0, 3).join('; ')}\nin ${JSON.stringify(text)}`);
  return analysis;
}

describe('analysis of any input', () => {
  for (const [inputs, arbitrary] of [
    ['arbitrary strings', hostileString],
    ['generated Markdown drafts', markdownDraft],
  ] as const) {
    it(`never throws and keeps every range valid, for ${inputs}`, () => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          sound(text);
          sound(text, strict);
        }),
        RUNS,
      );
    });
  }

  it('gives the same result block by block as from one parse of the whole draft', () => {
    fc.assert(
      fc.property(fc.oneof(markdownDraft, hostileString), (text) => {
        expect(visible(analyze(text, registry))).toEqual(visible(analyzeWhole(text, registry)));
      }),
      RUNS,
    );
  });
});

describe('incremental analysis', () => {
  it('equals a whole-document analysis after each of a series of random edits', () => {
    fc.assert(
      fc.property(markdownDraft, fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
        let text = start;
        let previous = analyzeIncremental(text, registry);
        for (const e of edits) {
          text = applyEdit(text, e);
          const next = analyzeIncremental(text, registry, previous);
          expect(analysisProblems(text, next)).toEqual([]);
          expect(visible(next)).toEqual(visible(analyzeWhole(text, registry)));
          previous = next;
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('fixes', () => {
  it('every fix offered yields a document that re-analyses with valid ranges', () => {
    fc.assert(
      fc.property(markdownDraft, (text) => {
        const analysis = sound(text);
        // Each kind of fix once per finding, for the first few findings: enough to reach every code path.
        for (const finding of analysis.findings.slice(0, 4)) {
          const seen = new Set<string>();
          for (const fix of finding.fixes) {
            if (seen.has(fix.kind)) continue;
            seen.add(fix.kind);
            sound(applyEdits(text, fix.edits));
          }
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('"Pin for this document" leaves no ambiguous use of its term and changes only the front matter', () => {
    let pinned = 0;
    fc.assert(
      fc.property(markdownDraft, fc.nat(), (text, pick) => {
        const analysis = sound(text);
        const ambiguous = analysis.findings.filter((f) => f.rule === 'ambiguous-term');
        if (ambiguous.length === 0) return;
        const finding = ambiguous[pick % ambiguous.length];
        const pins = finding.fixes.filter((f) => f.kind === 'pin-frontmatter');
        // No pin is offered into front matter that is not a YAML map: it could not be read.
        if (pins.length === 0) {
          expect(analysis.resolution.scope.frontMatter.unreadable).toBe(true);
          return;
        }
        const fix = pins[pick % pins.length];
        const fixed = applyEdits(text, fix.edits);
        const after = sound(fixed);
        pinned++;
        expect(after.findings.filter((f) => f.rule === 'ambiguous-term' && f.term === finding.term)).toEqual([]);
        expect(after.occurrences.filter((o) => o.term === finding.term && o.status === 'pinned' && o.via === 'frontmatter').length).toBeGreaterThan(0);
        // Everything after the front matter is what it was (a new front matter is followed by a blank line).
        const frontMatter = analysis.doc.frontMatter;
        const eol = analysis.doc.lines.eol;
        const bodyBefore = text.slice(frontMatter?.span.end ?? (text.startsWith('\uFEFF') ? 1 : 0));
        expect(fixed.slice(after.doc.frontMatter!.span.end)).toBe(frontMatter ? bodyBefore : `${eol}${eol}${bodyBefore}`);
        expect(fixed.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
      }),
      { seed: 42, numRuns: 200 },
    );
    // The generator must reach the property, or it proves nothing.
    expect(pinned).toBeGreaterThan(50);
  });
});
