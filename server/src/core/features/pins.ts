/**
 * Pins as written in a draft (front matter entries and pin directives), found by
 * offset, and the edit that pins a term for the whole draft.
 */
import { pinInFrontMatter } from '../fixes';
import type { Registry } from '../registry';
import type { Analysis } from '../service';
import type { Span, TextEdit } from '../types';

/** A pin written in the draft. `sense` is empty when none is written yet. */
export interface WrittenPin {
  where: 'frontmatter' | 'directive';
  term: string;
  sense: string;
  termSpan: Span;
  senseSpan?: Span;
  /** The whole entry or directive. */
  span: Span;
}

/** Every pin written in the draft, in document order. */
export function writtenPins(analysis: Analysis): WrittenPin[] {
  const pins: WrittenPin[] = analysis.resolution.scope.frontMatter.pins.map((p) => ({
    where: 'frontmatter',
    term: p.term,
    sense: p.sense,
    termSpan: p.termSpan,
    senseSpan: p.sense ? p.senseSpan : undefined,
    span: { start: p.termSpan.start, end: Math.max(p.termSpan.end, p.senseSpan.end) },
  }));
  for (const d of analysis.doc.directives) {
    if (d.kind !== 'pin') continue;
    pins.push({ where: 'directive', term: d.term.value, sense: d.sense?.value ?? '', termSpan: d.term.span, senseSpan: d.sense?.span, span: d.span });
  }
  return pins;
}

/** The written pin whose entry (front matter) or comment (directive) contains `offset`. */
export function pinAt(analysis: Analysis, offset: number): WrittenPin | undefined {
  return writtenPins(analysis).find((p) => p.span.start <= offset && offset <= p.span.end);
}

/**
 * The minimal edit that pins `termId` to `senseId` in the draft's front matter
 * (adding the front matter or the `alignment-terms:` map when missing, replacing an
 * existing pin of that term). Null when the registry has no such term or sense, so a
 * stale or hand-made request never writes an invalid pin.
 */
export function pinEdit(analysis: Analysis, registry: Registry, termId: string, senseId: string): TextEdit | null {
  const term = registry.terms.get(termId);
  if (!term || !term.senses.some((s) => s.id === senseId)) return null;
  return pinInFrontMatter(analysis.doc, analysis.resolution.scope.frontMatter, termId, senseId);
}
