/**
 * Shared wording for the editor features and the draft glossary: how an occurrence's
 * status reads to an author, how a source is cited with its link, and Markdown
 * escaping. Pure functions over registry data and an analysis.
 */
import type { Analysis } from '../service';
import type { Registry, Sense, Source, Term } from '../registry';
import type { ImplicationEntry } from '../glossary/types';
import type { Occurrence, Span } from '../types';

/** Escapes text for inline Markdown (also safe inside a table cell). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, '\\$&').replace(/\s+/g, ' ').trim();
}

/** 1-based line of a source offset. */
export function lineOf(analysis: Analysis, offset: number): number {
  return analysis.doc.lines.toLineColumn(offset).line;
}

/** "Evan Hubinger", "Evan Hubinger & Chris van Merwijk", "Jack Koch et al." (empty when no authors). */
export function authorsOf(source: Source): string {
  const authors = source.authors ?? [];
  if (authors.length === 0) return '';
  if (authors.length === 1) return authors[0];
  if (authors.length === 2) return `${authors[0]} & ${authors[1]}`;
  return `${authors[0]} et al.`;
}

/** A Markdown citation: author(s), the title (linked when the source has a URL) and year. */
export function citeMarkdown(source: Source): string {
  const title = `*${escapeMarkdown(source.title)}*`;
  const linked = source.url ? `[${title}](${source.url})` : title;
  const who = authorsOf(source);
  return `${who ? `${escapeMarkdown(who)}, ` : ''}${linked}${source.year ? ` (${source.year})` : ''}`;
}

/** The sense of `term` with id `id`, if any. */
export function senseOf(term: Term | undefined, id: string | null | undefined): Sense | undefined {
  return id ? term?.senses.find((s) => s.id === id) : undefined;
}

/** Where a status was decided, as "line N" of this draft, when the analysis knows. */
function at(analysis: Analysis, span: Span | undefined): string {
  return span ? ` (line ${lineOf(analysis, span.start)})` : '';
}

/**
 * One sentence, in Markdown, saying what this occurrence's status is in this draft
 * and what decided it: "pinned to *objective-focused* by the front matter (line 4)",
 * "ambiguous, likely *generalization-focused* because of the cues "deployed", ...".
 */
export function describeStatus(occurrence: Occurrence, analysis: Analysis, registry: Registry): string {
  const term = registry.terms.get(occurrence.term);
  const sense = senseOf(term, occurrence.sense);
  const senseName = sense ? `*${escapeMarkdown(sense.label)}*` : occurrence.sense === 'custom' ? 'its own sense' : `*${escapeMarkdown(occurrence.sense ?? '')}*`;
  switch (occurrence.status) {
    case 'ignored':
      return 'ignored here by a disable directive or the glossary’s `ignore` list';
    case 'mention':
      return 'mentioned, not used (the term itself is being talked about), so it needs no sense';
    case 'qualified':
      if (occurrence.via === 'link') return `qualified as ${senseName} by its link to a source of that sense`;
      if (occurrence.via === 'attribution') return `qualified as ${senseName} by the attribution tied to it`;
      return `qualified as ${senseName} by the sense name next to it`;
    case 'defined':
      return `defined by this draft${at(analysis, occurrence.decidedAt)}${occurrence.sense === 'custom' ? ', in its own sense (no registry sense matches the definition)' : occurrence.sense === 'default' ? '' : `; the definition matches ${senseName}`}`;
    case 'pinned': {
      if (occurrence.via === 'directive') return `pinned to ${senseName} by a pin directive${at(analysis, occurrence.decidedAt)}`;
      if (occurrence.via === 'frontmatter') return `pinned to ${senseName} by the front matter${at(analysis, occurrence.decidedAt)}`;
      const origin = registry.pins.get(occurrence.term);
      return `pinned to ${senseName} by the house glossary${origin ? ` (\`${escapeMarkdown(baseName(origin.file))}\` line ${origin.line})` : ''}`;
    }
    case 'settled':
      return 'settled: the term has one sense';
    case 'ambiguous': {
      const likely = senseOf(term, occurrence.likelySense);
      if (!likely) return '**ambiguous**: nothing in this draft settles the sense, and no cues in the paragraph point to one';
      const cues = occurrence.cues.map((c) => `“${escapeMarkdown(c)}”`).join(', ');
      return `**ambiguous**, likely *${escapeMarkdown(likely.label)}*${cues ? ` because of the cues ${cues}` : ''}`;
    }
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The implications of the registry that involve `termId`, one line each, e.g.
 * "outer alignment (objective-function) ∧ objective robustness ⇒ intent alignment (Hubinger 2020)".
 */
export function relatedImplications(termId: string, registry: Registry): string[] {
  return registry.implications.filter((i) => i.all.includes(termId) || i.gives === termId).map((i) => describeImplication(i, registry));
}

/** One implication as a Markdown line. */
export function describeImplication(implication: ImplicationEntry, registry: Registry): string {
  const name = (id: string) => {
    const term = registry.terms.get(id);
    const label = escapeMarkdown(term?.label ?? id);
    const sense = implication.senses?.[id];
    const senseLabel = sense ? senseOf(term, sense)?.label ?? sense : undefined;
    return senseLabel ? `${label} (${escapeMarkdown(senseLabel)})` : label;
  };
  const source = implication.framework ? registry.sources.get(implication.framework) : undefined;
  const from = source ? `${authorsOf(source) ? `${escapeMarkdown(surname(source))} ` : ''}${source.year ?? ''}`.trim() : '';
  const extras = [implication.note ? escapeMarkdown(implication.note) : '', from].filter(Boolean).join('; ');
  return `${implication.all.map(name).join(' ∧ ')} ⇒ ${name(implication.gives)}${extras ? ` (${extras})` : ''}`;
}

function surname(source: Source): string {
  const authors = source.authors ?? [];
  const last = (n: string) => n.trim().split(/\s+/).pop() ?? n;
  if (authors.length === 1) return last(authors[0]);
  if (authors.length === 2) return `${last(authors[0])} & ${last(authors[1])}`;
  return `${last(authors[0])} et al.`;
}

/** The occurrence whose span contains `offset` (end inclusive, so a cursor right after a term counts). */
export function occurrenceAt(analysis: Analysis, offset: number): Occurrence | undefined {
  let found: Occurrence | undefined;
  for (const occurrence of analysis.occurrences) {
    if (occurrence.span.start <= offset && offset <= occurrence.span.end) {
      // Prefer the occurrence that strictly contains the offset over one that merely ends at it.
      if (!found || offset < occurrence.span.end) found = occurrence;
    }
  }
  return found;
}
