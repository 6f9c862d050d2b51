/**
 * Finds every occurrence of every enabled registry form in a document's prose, with
 * one compiled matcher per registry. Also finds the elided member of a coordination
 * ("outer and inner alignment": "outer" stands for outer alignment).
 */
import { toSourceSpan, type ProseContext } from './markdown/prose';
import type { ParsedDocument } from './markdown/parse';
import { normalizePhrase } from './phrases';
import type { Registry } from './registry';
import type { RawOccurrence } from './types';

/** Cheap test before the coordination pattern: does the text before a match end in a conjunction? */
const ENDS_IN_CONJUNCTION = /(?:and|or|nor|&|\/|vs\.?|versus)\s*$/i;
// The modifier may carry a suspended hyphen: "outer- and inner alignment".
const COORDINATION = /([\p{L}][\p{L}\p{N}]*)[-\u2010\u2011]?\s*,?\s*(?:and|or|nor|&|\/|vs\.?|versus)\s*$/iu;

/** All occurrences in document order. Never throws. */
export function scanDocument(doc: ParsedDocument, registry: Registry): RawOccurrence[] {
  const out: RawOccurrence[] = [];
  doc.contexts.forEach((context, index) => scanContext(context, index, registry, out));
  return out;
}

function scanContext(context: ProseContext, index: number, registry: Registry, out: RawOccurrence[]): void {
  const matcher = registry.matcher;
  const plain = context.plain;
  matcher.lastIndex = 0;
  let previousEnd = 0;
  for (let m = matcher.exec(plain); m; m = matcher.exec(plain)) {
    const text = m[0];
    const term = termOfForm(text, registry);
    if (!term) continue;
    const start = m.index;
    const end = start + text.length;
    const elided = findElided(plain, start, text, previousEnd, registry);
    if (elided) out.push({ ...elided, context: index, span: toSourceSpan(context, elided.plainStart, elided.plainEnd) });
    out.push({ term, text: collapse(text), context: index, plainStart: start, plainEnd: end, span: toSourceSpan(context, start, end) });
    previousEnd = end;
  }
}

/** "outer and inner alignment": the word before the conjunction, if it forms a term with the head. */
function findElided(plain: string, start: number, text: string, previousEnd: number, registry: Registry) {
  // The conjunction first: it is rare, and this runs for every match.
  const windowStart = Math.max(previousEnd, start - 40);
  const before = plain.slice(windowStart, start);
  if (!ENDS_IN_CONJUNCTION.test(before)) return null;
  const words = normalizePhrase(text).split(' ');
  if (words.length < 2) return null;
  const m = COORDINATION.exec(before);
  if (!m) return null;
  const modifier = m[1];
  const candidate = normalizePhrase(`${modifier} ${words.slice(1).join(' ')}`);
  const term = registry.formToTerm.get(candidate);
  if (!term) return null;
  const plainStart = windowStart + m.index;
  return { term, text: modifier, plainStart, plainEnd: plainStart + modifier.length, elided: true };
}

const formCache = new WeakMap<Registry, Map<string, string | undefined>>();

/** The term a matched form belongs to (normalizing each distinct spelling once per registry). */
function termOfForm(text: string, registry: Registry): string | undefined {
  let cache = formCache.get(registry);
  if (!cache) formCache.set(registry, (cache = new Map()));
  if (!cache.has(text)) cache.set(text, registry.formToTerm.get(normalizePhrase(text)));
  return cache.get(text);
}

function collapse(text: string): string {
  // Most uses are written with single spaces (no other blank, no line break): nothing to change.
  if (!/[^\S ]| {2}/.test(text)) return text;
  // A hyphen that ends a line joins the words: "mesa-" + "optimizer" is "mesa-optimizer".
  return text.replace(/([-\u2010-\u2013])[ \t]*(?:\r\n?|\n)[ \t]*/g, '$1').replace(/\s+/g, ' ');
}
