/**
 * Qualification: the occurrence itself carries its sense, through a sense name next
 * to it, an attribution grammatically tied to it, or a link to a one-sense source.
 */
import { compiledOnce } from '../compile-once';
import type { ProseLink } from '../markdown/prose';
import { execAfterWordStart } from '../phrases';
import type { Registry, Term } from '../registry';
import { sourceKey } from '../sources';
import { firstWhere } from '../sorted';
import type { RawOccurrence, Via } from '../types';
import { senseNamedIn, termPatterns } from './patterns';
import type { ContextView, Range } from './view';

/** A qualification: the sense and how it was given. */
export interface Qualification {
  sense: string;
  via: Exclude<Via, null>;
}

/** How far back in its sentence an attribution may stand ("Under Shah's usage, ... inner misalignment"). */
const CLAUSE_REACH = 1000;
const TRAILING_NOUN = /^\s+(?:failures?|problems?|issues?|concerns?|cases?|risks?)\b/i;
const CLAUSE_BREAK = /;|\.\s|\bbut\b|\bwhereas\b|\bwhile\b|\bunlike\b/i;

/**
 * Cheap tests of what each large pattern of patterns.ts needs before it can match.
 * Each is a necessary condition, so skipping the pattern when its gate fails changes
 * no result; it spares compiling and running patterns of several kilobytes, most of a
 * one-draft run's first analysis. Exported for the test that checks each gate passes
 * wherever its pattern matches.
 */
export const GATES = {
  /** parenAfter opens with "(". */
  parenAfter: /^\s*\(/,
  /** tiedAfter opens with a tying word (TIED in patterns.ts, or "as NAME uses it"). */
  tiedAfter: /^\s*,?\s*(?:in|by|going|under|on|per|following|according|as)\s/i,
  /** attributionBefore ends with a possessive, "-style"/"-flavoured"/"-type", or a verb of naming. */
  attributionBefore: /(?:['\u2019]s?|style|flavou?red|type|calls?|called|terms?|dubs?|names?)\s+$/i,
  /** subjectBefore ends within six words of a classifying verb, or with "... which". */
  subjectBefore: /(?:consider|call|classif|count|regard|treat|deem|describ|label|mak|view|see|which)[a-z]*\s+(?:[^\s.,;:!?()]+\s+){0,6}$/i,
  /** reportedBy needs a reporting verb, or a clause opening "To NAME," / "For NAME,". */
  reportedBy: /argue|says?\b|said|writes?\b|wrote|claim|holds?\b|held|thinks?\b|thought|believe|suggest|note|point|insist|maintain|contend|^\s*(?:to|for)\s/i,
} as const;

/** Occurrences in document order (a context's are contiguous), and where the one being qualified stands among them. */
export interface Neighbours {
  all: readonly RawOccurrence[];
  index: number;
}

/** How `occurrence` of contested `term` is qualified, or null. */
export function qualification(occurrence: RawOccurrence, view: ContextView, term: Term, registry: Registry, neighbours: Neighbours): Qualification | null {
  const patterns = termPatterns(term);
  const { plainStart: start, plainEnd: end } = occurrence;
  const plain = view.plain;
  const sentence = view.sentence(start);
  // Every pattern below needs a sense name or a source name inside the text it reads
  // (at most CLAUSE_REACH before the use, 160 after, within the sentence); when none
  // is there (most paragraphs name none at all), only a link can qualify, and the
  // large patterns are not run.
  const phrases = phraseSpans(view, term);
  const from = Math.max(sentence.start, start - CLAUSE_REACH);
  const afterEnd = Math.min(sentence.end, end + 160);
  if (!overlapsAny(phrases, from, start) && !overlapsAny(phrases, end, afterEnd)) return linkQualification(occurrence, view, term, registry);
  const before = plain.slice(Math.max(sentence.start, start - 120), start);
  let after = plain.slice(end, afterEnd);
  const noun = TRAILING_NOUN.exec(after);
  if (noun) after = after.slice(noun[0].length);

  const viaOf = (text: string): Qualification | null => {
    const named = senseNamedIn(text, patterns);
    return named ? { sense: named.sense, via: named.label ? 'qualifier' : 'attribution' } : null;
  };

  if (patterns.labelBefore) {
    const m = compiledOnce(patterns.labelBefore, before).exec(before);
    const q = m && viaOf(m[0]);
    if (q) return q;
  }
  for (const [gate, regex] of [
    [GATES.parenAfter, patterns.parenAfter],
    [GATES.tiedAfter, patterns.tiedAfter],
  ] as const) {
    const m = regex && gate.test(after) ? compiledOnce(regex, after).exec(after) : null;
    const q = m && viaOf(m[0]);
    if (q) return q;
  }
  const m = patterns.attributionBefore && GATES.attributionBefore.test(before) ? compiledOnce(patterns.attributionBefore, before).exec(before) : null;
  if (m) {
    const q = viaOf(m[0]);
    if (q) return { sense: q.sense, via: 'attribution' };
  }
  const link = linkQualification(occurrence, view, term, registry);
  if (link) return link;
  // The sentence up to the use, at most CLAUSE_REACH back: reading whole run-on
  // sentences made a pasted line with thousands of uses quadratic. A cut-off clause
  // starts with an ellipsis, so it never looks like the opening of a sentence.
  const clause = from > sentence.start ? `\u2026${plain.slice(from, start)}` : plain.slice(sentence.start, start);
  const subject = patterns.subjectBefore && GATES.subjectBefore.test(clause) ? compiledOnce(patterns.subjectBefore, clause).exec(clause) : null;
  if (subject) {
    const q = viaOf(subject[0]);
    if (q) return { sense: q.sense, via: 'attribution' };
  }
  const tied = sentenceAttribution(clause, patterns.tiedAnywhere, viaOf);
  if (tied) return tied;
  const reported = GATES.reportedBy.test(clause) ? sentenceAttribution(clause, patterns.reportedBy, viaOf) : null;
  if (reported) return { sense: reported.sense, via: 'attribution' };
  return laterLabel(plain.slice(end, afterEnd), end, term, patterns.labelLater, neighbours, viaOf);
}

/** What may not stand between a use and a sense named later in its clause: a break, a comma, a parenthesis, a dash. */
const INTERRUPTION = /[,;:()\u2013\u2014]|\.\s|\b(?:but|whereas|while|unlike|although|though)\b/i;

/**
 * "... as inner aligned in Example 3 and as inner misaligned here in Example 4 using
 * the same optimization-focused approach": a sense name tied by a preposition later
 * in the same clause settles the uses before it. Only when nothing interrupts the
 * clause in between and no other term stands there (the name would belong to it).
 */
function laterLabel(rest: string, restStart: number, term: Term, regex: RegExp | null, neighbours: Neighbours, viaOf: (text: string) => Qualification | null): Qualification | null {
  const m = compiledOnce(regex, rest)?.exec(rest);
  if (!m || INTERRUPTION.test(rest.slice(0, m.index))) return null;
  // Only the occurrences between the use and the name (found by the scan) are looked at.
  const nameStart = restStart + m.index;
  const { all, index } = neighbours;
  for (let k = index + 1; k < all.length && all[k].context === all[index].context && all[k].plainStart < nameStart; k++) if (all[k].term !== term.id) return null;
  const q = viaOf(m[0]);
  return q && { sense: q.sense, via: 'qualifier' };
}

/** Where the paragraph names a sense or a source of `term` (label and attribution phrases), in order; found once per paragraph. */
function phraseSpans(view: ContextView, term: Term): readonly Range[] {
  return view.memo(`phrases\u0000${term.id}`, () => {
    const regex = compiledOnce(termPatterns(term).anyPhrase, view.plain);
    const spans: Range[] = [];
    if (!regex) return spans;
    regex.lastIndex = 0;
    for (let m = execAfterWordStart(regex, view.plain); m; m = execAfterWordStart(regex, view.plain)) spans.push({ start: m.index, end: m.index + m[0].length });
    return spans;
  });
}

/** True when a span of `spans` (sorted, disjoint) overlaps [from, to). Binary search: a paragraph may name thousands. */
function overlapsAny(spans: readonly Range[], from: number, to: number): boolean {
  const first = firstWhere(spans.length, (i) => spans[i].end > from);
  return first < spans.length && spans[first].start < to;
}

/** "Under Shah's usage, case 1 would count as inner misalignment": the nearest tied attribution before the use, in its clause. */
function sentenceAttribution(before: string, regex: RegExp | null, viaOf: (text: string) => Qualification | null): Qualification | null {
  if (!regex) return null;
  compiledOnce(regex, before).lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = regex.exec(before); m; m = regex.exec(before)) last = m;
  if (!last) return null;
  if (CLAUSE_BREAK.test(before.slice(last.index + last[0].length))) return null;
  return viaOf(last[0]);
}

function linkQualification(occurrence: RawOccurrence, view: ContextView, term: Term, registry: Registry): Qualification | null {
  const link = linkAround(view, occurrence.plainStart);
  if (link && link.end >= occurrence.plainEnd) {
    const key = sourceKey(link.url);
    const ids = key ? registry.sourcesByUrl.get(key) : undefined;
    if (!ids) return null;
    const senses = term.senses.filter((s) => s.sources.some((src) => ids.includes(src.id)));
    return senses.length === 1 ? { sense: senses[0].id, via: 'link' } : null;
  }
  return null;
}

/**
 * The link whose text starts at or before plain offset `start`, the last such one
 * (links never overlap, so only it can contain a use starting there). Found by
 * binary search: scanning every link for every use was quadratic in a paragraph of
 * thousands of links.
 */
function linkAround(view: ContextView, start: number): ProseLink | undefined {
  const links = view.memo('links-by-start', () => [...view.context.links].sort((a, b) => a.start - b.start));
  // The last link that starts at or before `start`: the one before the first that starts after it.
  const after = firstWhere(links.length, (i) => links[i].start > start);
  return after > 0 ? links[after - 1] : undefined;
}
