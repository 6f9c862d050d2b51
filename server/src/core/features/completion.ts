/**
 * Completion of term ids and sense ids where a draft names them: inside the front
 * matter's `alignment-terms:` map (block or flow style) and inside
 * `<!-- alignment-terms pin TERM=SENSE -->` and disable/enable directives. Works on
 * the text alone, so it answers while the author is still typing an incomplete
 * front matter; an analysis, when given, only ranks the likely senses first.
 */
import { FRONT_MATTER_KEY } from '../markdown/frontmatter';
import type { LineIndex } from '../positions';
import { cite, type Registry, type Sense, type Term } from '../registry';
import type { Analysis } from '../service';
import type { Span } from '../types';
import { citeMarkdown, escapeMarkdown } from './describe';

/** One completion: what to insert over `replace`, and the definition to show. */
export interface CompletionEntry {
  kind: 'term' | 'sense';
  label: string;
  /** One line shown next to the label. */
  detail: string;
  /** Markdown shown beside the list. */
  documentation: string;
  replace: Span;
  insertText: string;
  sortText: string;
  preselect?: boolean;
}

const ID_CHAR = /[A-Za-z0-9_-]/;

/**
 * Completions at `offset` of `text` (UTF-16), or an empty list when the offset is not
 * where a term or sense id is written.
 */
export function completionsAt(text: string, lines: LineIndex, registry: Registry, offset: number, analysis?: Analysis): CompletionEntry[] {
  const line = lines.lineOf(offset);
  const lineStart = lines.lineStarts[line];
  const before = text.slice(lineStart, offset);
  let wordEnd = offset;
  while (wordEnd < text.length && ID_CHAR.test(text[wordEnd])) wordEnd++;
  const replaceFrom = (typed: string): Span => ({ start: offset - typed.length, end: wordEnd });

  const directive = directiveSlot(before);
  if (directive) {
    if (directive.kind === 'sense') return senseEntries(registry.terms.get(directive.term), replaceFrom(directive.typed), analysis);
    return termEntries(registry, replaceFrom(directive.typed), directive.contestedOnly, analysis);
  }
  const slot = frontMatterSlot(text, lines, line, before);
  if (!slot) return [];
  if (slot.kind === 'sense') return senseEntries(registry.terms.get(slot.term), replaceFrom(slot.typed), analysis);
  return termEntries(registry, replaceFrom(slot.typed), true, analysis);
}

type Slot = { kind: 'term'; typed: string; contestedOnly: boolean } | { kind: 'sense'; term: string; typed: string };

function directiveSlot(before: string): Slot | null {
  let m = /<!--\s*alignment-terms\s+pin\s+([A-Za-z0-9_-]+)=([A-Za-z0-9_-]*)$/.exec(before);
  if (m) return { kind: 'sense', term: m[1], typed: m[2] };
  m = /<!--\s*alignment-terms\s+pin\s+([A-Za-z0-9_-]*)$/.exec(before);
  if (m) return { kind: 'term', typed: m[1], contestedOnly: true };
  m = /<!--\s*alignment-terms-(?:disable-next-line|disable|enable)(?:[\s,]+[A-Za-z0-9_-]+)*[\s,]+([A-Za-z0-9_-]*)$/.exec(before);
  if (m) return { kind: 'term', typed: m[1], contestedOnly: false };
  return null;
}

/** Where in the front matter's `alignment-terms:` map the cursor line is, if it is. */
function frontMatterSlot(text: string, lines: LineIndex, line: number, before: string): Slot | null {
  const lineText = (n: number) => text.slice(lines.lineStarts[n], lines.lineEnd(n));
  const first = lineText(0).replace(/^\uFEFF/, '');
  if (first.trimEnd() !== '---' || line === 0) return null;
  let keyLine = -1;
  for (let n = 1; n < lines.lineCount; n++) {
    const t = lineText(n);
    if (n < line && /^(?:---|\.\.\.)\s*$/.test(t)) return null; // the cursor is past the front matter
    if (n > line) break;
    if (new RegExp(`^\\s*${FRONT_MATTER_KEY}\\s*:`).test(t)) keyLine = n;
  }
  if (keyLine < 0) return null;
  const keyText = lineText(keyLine);
  const keyIndent = /^\s*/.exec(keyText)![0].length;
  if (line === keyLine) {
    // Flow style: `alignment-terms: { inner-alignment: objective-focused, outer-alignment: ... }`
    const colon = before.indexOf(':');
    const flow = before.slice(colon + 1);
    const open = flow.lastIndexOf('{');
    if (colon < 0 || open < 0 || flow.slice(open).includes('}')) return null;
    const segment = flow.slice(Math.max(open, flow.lastIndexOf(',')) + 1);
    return entrySlot(segment);
  }
  for (let n = keyLine + 1; n < line; n++) {
    const t = lineText(n);
    if (t.trim() !== '' && /^\s*/.exec(t)![0].length <= keyIndent) return null; // the map ended before the cursor
  }
  const indent = /^\s*/.exec(before)![0].length;
  if (indent <= keyIndent) return null;
  return entrySlot(before);
}

function entrySlot(segment: string): Slot | null {
  let m = /^\s*([A-Za-z0-9_-]+)\s*:\s*([A-Za-z0-9_-]*)$/.exec(segment);
  if (m) return { kind: 'sense', term: m[1], typed: m[2] };
  m = /^\s*([A-Za-z0-9_-]*)$/.exec(segment);
  if (m) return { kind: 'term', typed: m[1], contestedOnly: true };
  return null;
}

function termEntries(registry: Registry, replace: Span, contestedOnly: boolean, analysis?: Analysis): CompletionEntry[] {
  const used = new Map<string, boolean>();
  for (const o of analysis?.occurrences ?? []) used.set(o.term, (used.get(o.term) ?? false) || o.status === 'ambiguous');
  const entries: CompletionEntry[] = [];
  for (const term of registry.terms.values()) {
    if (contestedOnly && !term.contested) continue;
    const rank = used.get(term.id) ? 0 : used.has(term.id) ? 1 : term.enabled ? 2 : 3;
    entries.push({
      kind: 'term',
      label: term.id,
      detail: `${term.label} · ${term.contested ? `${term.senses.length} senses` : 'one sense'}${term.enabled ? '' : ' · off in this preset'}`,
      documentation: termDocumentation(term),
      replace,
      insertText: term.id,
      sortText: `${rank}${term.id}`,
    });
  }
  return entries;
}

function termDocumentation(term: Term): string {
  const parts = [`**${escapeMarkdown(term.label)}**${term.summary ? `: ${escapeMarkdown(term.summary)}` : ''}`];
  if (term.contested) parts.push(term.senses.map((s) => `- \`${s.id}\`: ${escapeMarkdown(s.oneLine || s.definition)}`).join('\n'));
  return parts.join('\n\n');
}

function senseEntries(term: Term | undefined, replace: Span, analysis?: Analysis): CompletionEntry[] {
  if (!term) return [];
  const likely = new Map<string, number>();
  for (const o of analysis?.occurrences ?? []) {
    if (o.term === term.id && o.likelySense) likely.set(o.likelySense, (likely.get(o.likelySense) ?? 0) + 1);
  }
  const best = [...likely.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return term.senses.map((sense, index) => ({
    kind: 'sense' as const,
    label: sense.id,
    detail: `${sense.label}${sense.sources.length ? ` · ${sense.sources.map(cite).join('; ')}` : ''}${likely.has(sense.id) ? ` · likely for ${likely.get(sense.id)} ${likely.get(sense.id) === 1 ? 'use' : 'uses'} here` : ''}`,
    documentation: senseDocumentation(term, sense),
    replace,
    insertText: sense.id,
    sortText: `${sense.id === best ? 0 : 1}${String(index).padStart(3, '0')}`,
    preselect: sense.id === best || undefined,
  }));
}

function senseDocumentation(term: Term, sense: Sense): string {
  const parts = [`**${escapeMarkdown(term.label)}, ${escapeMarkdown(sense.label)}:** ${escapeMarkdown(sense.oneLine)}`];
  if (sense.definition) parts.push(escapeMarkdown(sense.definition));
  if (sense.sources.length) parts.push(`Source: ${sense.sources.map(citeMarkdown).join('; ')}`);
  return parts.join('\n\n');
}
