/**
 * Quick fixes, computed in the core so every face offers the same ones. Edits are
 * minimal: they insert or replace only what the fix needs and keep everything else
 * the user wrote (other front matter keys, comments, ordering, line endings).
 */
import type { FrontMatterInfo } from './markdown/frontmatter';
import { FRONT_MATTER_KEY } from './markdown/frontmatter';
import type { ParsedDocument } from './markdown/parse';
import { cite, type Sense, type Term } from './registry';
import type { Fix, Occurrence, TextEdit } from './types';

/** The edit that pins `term` to `sense` in the document's front matter (creating it if needed). */
export function pinInFrontMatter(doc: ParsedDocument, info: FrontMatterInfo, term: string, sense: string): TextEdit {
  const eol = doc.lines.eol;
  const fm = doc.frontMatter;
  if (!fm) {
    const at = doc.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return { span: { start: at, end: at }, newText: `---${eol}${FRONT_MATTER_KEY}:${eol}  ${term}: ${sense}${eol}---${eol}${eol}` };
  }
  const existing = info.pins.find((p) => p.term === term);
  if (existing) return { span: existing.senseSpan, newText: sense };
  if (info.mapSpan && !info.blockMap) {
    const close = doc.text.lastIndexOf('}', info.mapSpan.end);
    const inner = doc.text.slice(info.mapSpan.start + 1, close).trim();
    return { span: { start: close, end: close }, newText: `${inner ? ', ' : ''}${term}: ${sense}${inner ? ' ' : ''}` };
  }
  if (info.pins.length) {
    const last = info.pins[info.pins.length - 1];
    const lineEnd = doc.lines.lineEnd(doc.lines.lineOf(last.senseSpan.end));
    const firstLine = doc.lines.lineOf(info.pins[0].termSpan.start);
    const indent = doc.text.slice(doc.lines.lineStarts[firstLine], info.pins[0].termSpan.start);
    return { span: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}${term}: ${sense}` };
  }
  if (info.keySpan) {
    // `alignment-terms:` with no map yet: add the first entry under the key.
    const line = doc.lines.lineOf(info.keySpan.start);
    const lineEnd = doc.lines.lineEnd(line);
    const keyIndent = doc.text.slice(doc.lines.lineStarts[line], info.keySpan.start);
    const afterKey = doc.text.slice(info.keySpan.end, lineEnd);
    const valueStart = info.keySpan.end + afterKey.indexOf(':') + 1;
    return { span: { start: valueStart, end: lineEnd }, newText: `${eol}${keyIndent}  ${term}: ${sense}` };
  }
  // Front matter without our key: add it as the last key, before the closing fence.
  const closingLine = doc.lines.lineOf(fm.span.end - 1);
  const at = doc.lines.lineStarts[closingLine];
  // After a lone \r (an old Mac line end) the YAML reader sees no line break: complete it.
  const lead = doc.text.charCodeAt(at - 1) === 13 ? '\n' : '';
  return { span: { start: at, end: at }, newText: `${lead}${FRONT_MATTER_KEY}:${eol}  ${term}: ${sense}${eol}` };
}

/** All fixes for an ambiguous occurrence, the likely sense's first. */
export function ambiguityFixes(occurrence: Occurrence, term: Term, doc: ParsedDocument, info: FrontMatterInfo): Fix[] {
  const ordered = orderSenses(term.senses, occurrence.likelySense);
  const fixes: Fix[] = [];
  // A pin written into front matter that is not a YAML map would not be read.
  for (const sense of info.unreadable ? [] : ordered) {
    fixes.push({
      kind: 'pin-frontmatter',
      title: `Pin ${term.label} to "${sense.label}" for this document`,
      edits: [pinInFrontMatter(doc, info, term.id, sense.id)],
      preferred: sense.id === occurrence.likelySense,
      sense: sense.id,
    });
  }
  for (const sense of ordered) {
    fixes.push({ kind: 'qualify', title: `Qualify this use as ${sense.insert}`, edits: [{ span: { start: occurrence.span.end, end: occurrence.span.end }, newText: ` (${sense.insert})` }], sense: sense.id });
  }
  for (const sense of ordered) {
    const replacement = alternativeFor(occurrence.text, sense);
    if (!replacement || occurrence.elided) continue;
    fixes.push({ kind: 'replace', title: `Replace with "${replacement}" (${sense.label})`, edits: [{ span: occurrence.span, newText: matchCase(occurrence.text, replacement) }], sense: sense.id });
  }
  for (const sense of ordered) {
    fixes.push({ kind: 'footnote', title: `Add a footnote defining ${term.label} as ${sense.label}`, edits: footnoteEdits(occurrence, term, sense, doc), sense: sense.id });
  }
  fixes.push({ kind: 'disable-line', title: `Disable alignment-terms for ${term.label} here`, edits: disableEdits(occurrence, doc) });
  return fixes;
}

function orderSenses(senses: Sense[], first: string | null): Sense[] {
  if (!first) return senses;
  return [...senses.filter((s) => s.id === first), ...senses.filter((s) => s.id !== first)];
}

/** The unambiguous replacement of `text` in `sense`, if the registry has one. */
function alternativeFor(text: string, sense: Sense): string | undefined {
  const lower = text.toLowerCase();
  if (/misalignments?$/.test(lower)) return sense.alternatives.negative;
  if (/alignments?$/.test(lower)) return sense.alternatives.positive;
  return undefined;
}

function matchCase(original: string, replacement: string): string {
  if (original === original.toUpperCase() && /[A-Z]/.test(original)) return replacement.toUpperCase();
  if (/^[A-Z]/.test(original)) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Footnote bodies by sense: registry data only, and built for every ambiguous use of a draft. */
const footnoteBodies = new WeakMap<Sense, string>();

/** "By inner alignment we mean objective-focused inner alignment: ... (Hubinger 2020)", on one line. */
function footnoteBody(term: Term, sense: Sense): string {
  let body = footnoteBodies.get(sense);
  if (body === undefined) {
    const sources = sense.sources.map(cite).join('; ');
    body = `By ${term.label} we mean ${sense.insert} ${term.label}: ${sense.oneLine || sense.definition}${sources ? ` (${sources})` : ''}`.replace(/\s+/g, ' ').trim();
    footnoteBodies.set(sense, body);
  }
  return body;
}

function footnoteEdits(occurrence: Occurrence, term: Term, sense: Sense, doc: ParsedDocument): TextEdit[] {
  const eol = doc.lines.eol;
  const label = `at-${term.id}`;
  const body = footnoteBody(term, sense);
  const end = doc.text.length;
  const trailing = doc.text.endsWith('\n') ? '' : eol;
  return [
    { span: { start: occurrence.span.end, end: occurrence.span.end }, newText: `[^${label}]` },
    { span: { start: end, end }, newText: `${trailing}${eol}[^${label}]: ${body}${eol}` },
  ];
}

function disableEdits(occurrence: Occurrence, doc: ParsedDocument): TextEdit[] {
  const line = doc.lines.lineOf(occurrence.span.start);
  const lineStart = doc.lines.lineStarts[line];
  const blockStart = doc.contexts[occurrence.context]?.span.start;
  if (blockStart === lineStart) {
    return [{ span: { start: lineStart, end: lineStart }, newText: `<!-- alignment-terms-disable-next-line ${occurrence.term} -->${doc.lines.eol}` }];
  }
  return [
    { span: { start: occurrence.span.start, end: occurrence.span.start }, newText: `<!-- alignment-terms-disable ${occurrence.term} -->` },
    { span: { start: occurrence.span.end, end: occurrence.span.end }, newText: `<!-- alignment-terms-enable ${occurrence.term} -->` },
  ];
}
