/**
 * `check`: small assertions over the engine with inline Markdown. A marked range
 * ⟦like this⟧ is where the test expects an occurrence (or finding); the markers are
 * removed before analysis, and the occurrence's span must equal the marked range
 * exactly (UTF-16 offsets of the unmarked text).
 *
 *   check.status('The ⟦inner alignment⟧ was ...', { status: 'ambiguous', likelySense: null });
 *   check.spans('⟦Mesa-optimisers⟧ and the inner product');   // exactly these occurrences
 *   check.none('`inner alignment` in code');                   // no occurrence at all
 *   const fixed = check.fix('The ⟦inner alignment⟧ ...', 'qualify', 'objective-focused');
 */
import { expect } from 'vitest';
import { analyze, presetRegistry, type Analysis, type Finding, type Fix, type Occurrence, type Registry, type Span, type TextEdit } from '../../server/src/core';

/** Opens a marked range. */
export const OPEN = '\u27e6';
/** Closes a marked range. */
export const CLOSE = '\u27e7';

/** Removes the markers; returns the text the engine sees and the marked spans, in order. */
export function unmark(marked: string): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  let open = -1;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === OPEN) {
      if (open >= 0) throw new Error(`nested ${OPEN} at ${i} in test input`);
      open = text.length;
    } else if (c === CLOSE) {
      if (open < 0) throw new Error(`${CLOSE} without ${OPEN} at ${i} in test input`);
      spans.push({ start: open, end: text.length });
      open = -1;
    } else text += c;
  }
  if (open >= 0) throw new Error(`unclosed ${OPEN} in test input`);
  return { text, spans };
}

/** Analyses unmarked Markdown with the recommended preset (or `registry`). */
export function run(markdown: string, registry: Registry = presetRegistry()): Analysis {
  return analyze(markdown, registry);
}

/** The fields of an occurrence a test states; anything left out is not checked. */
export type Expected = Partial<Pick<Occurrence, 'term' | 'text' | 'status' | 'sense' | 'likelySense' | 'via' | 'cues'>>;

/** One line per occurrence: where it is, what it is; for failure messages and snapshots. */
export function describeOccurrences(text: string, occurrences: Occurrence[]): string {
  return occurrences
    .map((o) => {
      const parts = [`${JSON.stringify(text.slice(o.span.start, o.span.end))} ${o.term} ${o.status}`];
      if (o.sense) parts.push(`sense=${o.sense}`);
      if (o.via) parts.push(`via=${o.via}`);
      if (o.likelySense) parts.push(`likely=${o.likelySense}`);
      if (o.cues.length) parts.push(`cues=${o.cues.join('|')}`);
      return parts.join(' ');
    })
    .join('\n');
}

function occurrenceAt(analysis: Analysis, span: Span, label: string): Occurrence {
  const found = analysis.occurrences.find((o) => o.span.start === span.start && o.span.end === span.end);
  if (!found) {
    const listed = describeOccurrences(analysis.doc.text, analysis.occurrences) || '(none)';
    throw new Error(`no occurrence at ${label} ${JSON.stringify(analysis.doc.text.slice(span.start, span.end))} [${span.start}, ${span.end}); found:\n${listed}`);
  }
  return found;
}

/** Applies edits (non-overlapping, any order) to `text`. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

/** The assertions, one per feature. Each returns what it checked, for further asserts. */
export const check = {
  /** The one marked range is an occurrence with the expected fields. */
  status(marked: string, expected: Expected, registry?: Registry): Occurrence {
    const { text, spans } = unmark(marked);
    if (spans.length !== 1) throw new Error(`check.status wants exactly one marked range, got ${spans.length}`);
    const occurrence = occurrenceAt(run(text, registry), spans[0], 'the marked range');
    expect(pick(occurrence, expected), describeOccurrences(text, [occurrence])).toEqual(expected);
    return occurrence;
  },

  /** Each marked range is an occurrence with the expected fields, in order. */
  statuses(marked: string, expected: Expected[], registry?: Registry): Occurrence[] {
    const { text, spans } = unmark(marked);
    if (spans.length !== expected.length) throw new Error(`check.statuses: ${spans.length} marked ranges but ${expected.length} expectations`);
    const analysis = run(text, registry);
    return spans.map((span, i) => {
      const occurrence = occurrenceAt(analysis, span, `marked range ${i + 1}`);
      expect(pick(occurrence, expected[i]), `marked range ${i + 1}: ${describeOccurrences(text, [occurrence])}`).toEqual(expected[i]);
      return occurrence;
    });
  },

  /** The document's occurrences are exactly the marked ranges (and, if given, these terms). */
  spans(marked: string, terms?: string[], registry?: Registry): Occurrence[] {
    const { text, spans } = unmark(marked);
    const analysis = run(text, registry);
    const show = (s: Span) => `${JSON.stringify(text.slice(s.start, s.end))}@${s.start}`;
    expect(analysis.occurrences.map((o) => show(o.span)), describeOccurrences(text, analysis.occurrences)).toEqual(spans.map(show));
    if (terms) expect(analysis.occurrences.map((o) => o.term)).toEqual(terms);
    return analysis.occurrences;
  },

  /** No occurrence anywhere in the document. */
  none(markdown: string, registry?: Registry): void {
    const analysis = run(markdown, registry);
    expect(describeOccurrences(markdown, analysis.occurrences)).toBe('');
  },

  /** The findings of `rule` are exactly at the marked ranges; returns them in order. */
  findings(marked: string, rule: Finding['rule'], registry?: Registry): Finding[] {
    const { text, spans } = unmark(marked);
    const found = run(text, registry).findings.filter((f) => f.rule === rule);
    const show = (s: Span) => `${JSON.stringify(text.slice(s.start, s.end))}@${s.start}`;
    expect(found.map((f) => show(f.span)), found.map((f) => f.message).join('\n')).toEqual(spans.map(show));
    return found;
  },

  /** The one ambiguous-term finding at the marked range. */
  finding(marked: string, registry?: Registry): Finding {
    const { spans } = unmark(marked);
    if (spans.length !== 1) throw new Error(`check.finding wants exactly one marked range, got ${spans.length}`);
    const [finding] = check.findings(marked, 'ambiguous-term', registry).filter((f) => f.span.start === spans[0].start);
    return finding;
  },

  /**
   * Applies the fix of `kind` (for `sense`, when the kind is offered per sense) of the
   * finding at the marked range, and returns the resulting Markdown.
   */
  fix(marked: string, kind: Fix['kind'], sense?: string, registry?: Registry): string {
    const { text, spans } = unmark(marked);
    if (spans.length !== 1) throw new Error(`check.fix wants exactly one marked range, got ${spans.length}`);
    const finding = run(text, registry).findings.find((f) => f.span.start === spans[0].start && f.span.end === spans[0].end);
    if (!finding) throw new Error(`no finding at the marked range of ${JSON.stringify(text)}`);
    const fix = finding.fixes.find((f) => f.kind === kind && (sense === undefined || f.sense === sense));
    if (!fix) throw new Error(`no ${kind} fix${sense ? ` for ${sense}` : ''}; offered: ${finding.fixes.map((f) => `${f.kind}:${f.sense ?? ''}`).join(', ')}`);
    return applyEdits(text, fix.edits);
  },
};

function pick(occurrence: Occurrence, expected: Expected): Expected {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) out[key] = occurrence[key as keyof Occurrence];
  return out as Expected;
}
