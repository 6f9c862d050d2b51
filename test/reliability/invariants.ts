/**
 * What must hold of every analysis, whatever the input: the checks the reliability
 * tests apply to arbitrary strings, generated Markdown, the CommonMark examples and
 * pathological drafts. Each returns a list of violations (empty when all hold), so
 * a failing property names what broke.
 */
import type { Analysis } from '../../server/src/core';
import type { Span, TextEdit } from '../../server/src/core/types';
import { toSource } from '../../server/src/core/markdown/prose';

/** True when offset `i` of `text` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Problems with one span: outside the text, inverted, or cutting a surrogate pair. */
export function spanProblems(text: string, span: Span, what: string): string[] {
  const out: string[] = [];
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) out.push(`${what}: non-integer span ${JSON.stringify(span)}`);
  if (span.start < 0 || span.end > text.length || span.start > span.end) out.push(`${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
  if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) out.push(`${what}: span ${span.start}-${span.end} splits a surrogate pair`);
  return out;
}

/**
 * Every occurrence, finding and fix edit lies inside the document on UTF-16 code
 * point boundaries; occurrences are sorted and do not overlap; an occurrence's text
 * is what the document holds at its span (whitespace collapsed).
 */
export function analysisProblems(text: string, analysis: Analysis): string[] {
  const out: string[] = [];
  let previousEnd = -1;
  for (const o of analysis.occurrences) {
    out.push(...spanProblems(text, o.span, `occurrence ${o.term}`));
    if (o.span.start < previousEnd) out.push(`occurrence ${o.term} at ${o.span.start} overlaps or precedes the one ending at ${previousEnd}`);
    if (o.span.end <= o.span.start) out.push(`occurrence ${o.term} at ${o.span.start} is empty`);
    previousEnd = Math.max(previousEnd, o.span.end);
    const written = text.slice(o.span.start, o.span.end).replace(/\s+/g, ' ');
    if (!o.elided && written !== o.text) out.push(`occurrence ${o.term} at ${o.span.start}: its text is ${JSON.stringify(o.text)} but the document has ${JSON.stringify(written)}`);
  }
  for (const f of analysis.findings) {
    out.push(...spanProblems(text, f.span, `finding ${f.rule}`));
    for (const fix of f.fixes) for (const e of fix.edits) out.push(...spanProblems(text, e.span, `fix ${fix.kind} of ${f.rule}`));
  }
  return out;
}

/** Applies non-overlapping edits (the engine's fix edits) from the end backwards. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  }
  return out;
}

/** What a user sees of an analysis (positions, statuses, messages, fixes): equal when two analyses agree. */
export function visible(a: Analysis) {
  return {
    occurrences: a.occurrences.map((o) => [o.term, o.text, o.span.start, o.span.end, o.status, o.sense, o.likelySense, o.via]),
    findings: a.findings.map((f) => [f.rule, f.severity, f.message, f.span.start, f.span.end, f.fixes.map((x) => [x.kind, x.title, x.edits])]),
  };
}

/** How a document was read: front matter, headings, directives, and every context with where each character of its prose came from. */
export function structure(a: Analysis) {
  return {
    frontMatter: a.doc.frontMatter,
    headings: a.doc.headings,
    directives: a.doc.directives,
    lineStarts: a.doc.lines.lineStarts,
    contexts: a.doc.contexts.map((c) => ({
      kind: c.kind,
      plain: c.plain,
      span: c.span,
      section: c.section,
      links: c.links,
      sources: [...c.plain].map((_, i) => toSource(c, i)).join(','),
    })),
  };
}
