/**
 * sense-drift: a pinned or defined use whose own paragraph's cues clearly favour
 * another registry sense. One finding per paragraph and term, on the first such use.
 * A paragraph that names the other sense explicitly (a qualified use of it) is
 * contrasting, not drifting.
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry, Term } from '../registry';
import type { Resolution } from '../resolve';
import { paragraphVerdict } from '../resolve/cues';
import type { Fix, Occurrence } from '../types';
import type { ContextFinding, ContextRange } from './context-findings';

/**
 * Findings of sense-drift (severity filled in by the caller) in a range of
 * contexts, each with its context. Each context's findings depend on that
 * context alone, except that the message names the line of the pin or definition.
 */
export function senseDrift(doc: ParsedDocument, resolution: Resolution, registry: Registry, range: ContextRange): ContextFinding[] {
  const out: ContextFinding[] = [];
  const reported = new Set<string>();
  let contrasts: Set<string> | undefined;
  for (let i = range.firstOccurrence; i < range.endOccurrence; i++) {
    const occurrence = resolution.occurrences[i];
    if ((occurrence.status !== 'pinned' && occurrence.status !== 'defined') || !occurrence.sense) continue;
    const key = `${occurrence.context}\u0000${occurrence.term}`;
    if (reported.has(key)) continue;
    const term = registry.terms.get(occurrence.term);
    if (!term?.contested) continue;
    const verdict = paragraphVerdict(resolution.views[occurrence.context], term);
    if (!verdict.sense || verdict.sense === occurrence.sense) continue;
    // Looked up, not searched: scanning every occurrence for each candidate made a
    // 5 MB draft spend 280 ms here on every keystroke.
    contrasts ??= qualifiedUses(resolution.occurrences);
    if (contrasts.has(`${key}\u0000${verdict.sense}`)) continue;
    reported.add(key);
    const cues = verdict.hits.get(verdict.sense) ?? [];
    out.push({
      context: occurrence.context,
      draft: { message: driftMessage(occurrence, term, verdict.sense, cues, doc), span: occurrence.span, term: term.id, fixes: driftFixes(occurrence, term, verdict.sense, doc) },
    });
  }
  return out;
}

/** `context NUL term NUL sense` of every qualified occurrence. */
function qualifiedUses(occurrences: readonly Occurrence[]): Set<string> {
  const keys = new Set<string>();
  for (const o of occurrences) if (o.status === 'qualified' && o.sense) keys.add(`${o.context}\u0000${o.term}\u0000${o.sense}`);
  return keys;
}

function senseLabel(term: Term, id: string): string {
  return id === 'custom' ? 'its own definition' : term.senses.find((s) => s.id === id)?.label ?? id;
}

function driftMessage(occurrence: Occurrence, term: Term, readsAs: string, cues: string[], doc: ParsedDocument): string {
  const where = occurrence.decidedAt ? ` at line ${doc.lines.toLineColumn(occurrence.decidedAt.start).line}` : '';
  const how =
    occurrence.via === 'definition' ? `defined${where} as ${senseLabel(term, occurrence.sense!)}`
    : occurrence.via === 'directive' ? `pinned to ${senseLabel(term, occurrence.sense!)} by the directive${where}`
    : occurrence.via === 'frontmatter' ? `pinned to ${senseLabel(term, occurrence.sense!)} in the front matter${where}`
    : `pinned to ${senseLabel(term, occurrence.sense!)} by the house glossary`;
  return `"${occurrence.text}" is ${how}, but this paragraph reads as ${senseLabel(term, readsAs)} (cues: ${cues.map((c) => `"${c}"`).join(', ')}). Qualify this use or pin this section.`;
}

function driftFixes(occurrence: Occurrence, term: Term, readsAs: string, doc: ParsedDocument): Fix[] {
  const sense = term.senses.find((s) => s.id === readsAs)!;
  const fixes: Fix[] = [
    { kind: 'qualify', title: `Qualify this use as ${sense.insert}`, edits: [{ span: { start: occurrence.span.end, end: occurrence.span.end }, newText: ` (${sense.insert})` }], preferred: true, sense: sense.id },
  ];
  const context = doc.contexts[occurrence.context];
  const line = doc.lines.lineOf(context.span.start);
  const lineStart = doc.lines.lineStarts[line];
  if (context.kind === 'paragraph' && context.span.start === lineStart && occurrence.sense !== 'custom') {
    // Pin this paragraph only: a directive above it, and one after it restoring the sense in force.
    const eol = doc.lines.eol;
    const end = doc.lines.lineEnd(doc.lines.lineOf(context.span.end));
    fixes.push({
      kind: 'pin-section',
      title: `Pin this paragraph to ${sense.label}`,
      edits: [
        { span: { start: lineStart, end: lineStart }, newText: `<!-- alignment-terms pin ${term.id}=${sense.id} -->${eol}${eol}` },
        { span: { start: end, end }, newText: `${eol}${eol}<!-- alignment-terms pin ${term.id}=${occurrence.sense} -->` },
      ],
      sense: sense.id,
    });
  }
  return fixes;
}
