/**
 * Mentions: the term is talked about, not used. Quotation marks, "the term X",
 * "definitions of X", "what X means", "X has four senses", and, in a passage that
 * compares definitions, "X is about / covers / asks whether ...".
 */
import { compiledOnce } from '../compile-once';
import { COMPACT_SEPARATOR, execAfterWordStart, normalizePhrase, phrasesToPattern, WORD_AFTER } from '../phrases';
import type { Term } from '../registry';
import type { RawOccurrence } from '../types';
import { termPatterns } from './patterns';
import type { ContextView } from './view';

const BEFORE = new RegExp(
  [
    // the term / the phrase / the word / the bare label
    // (also "under the terms of inner and outer alignment")
    "\\b(?:the|this|that|a|an|our|their|its|his|her|your)\\s+(?:(?:contested|bare|ambiguous|old|original|same|overloaded|loaded|vague|technical|familiar|two-word|borrowed)\\s+)?(?:terms?|phrases?|words?|labels?|expressions?|names?)(?:\\s+of)?\\s*[:,]?\\s*$",
    // definition(s) of X, the meaning of X, senses of X (also "Hubinger's definition of X")
    '\\b(?:definitions?|meanings?|senses|usages?|interpretations?|readings|redefinitions?)\\s+(?:of|for)\\s+(?:the\\s+(?:term|phrase|word)\\s+)?$',
    // defines X as, redefining X
    '\\b(?:define[sd]?|defining|redefine[sd]?|redefining)\\s+$',
    // so-called X, spell X
    '\\bso[\\s-]called\\s+$',
    '\\bspell(?:s|ed|ing)?\\s+$',
    // what people mean by X
    '\\bmean(?:s|t)?\\s+by\\s+$',
    // advice about which word to write: "instead of writing X"
    '\\b(?:instead\\s+of|rather\\s+than|in\\s+place\\s+of)\\s+(?:writing|saying|using)\\s+(?:the\\s+(?:term|phrase|word)\\s+)?$',
    // coined X
    '\\bcoin(?:s|ed|ing)\\s+$',
  ].join('|'),
  'i',
);
/** The last word before a use, when it can end one of the BEFORE patterns (a cheap gate for them). */
const BEFORE_LAST_WORD = /(?:terms?|phrases?|words?|labels?|expressions?|names?|of|for|by|writing|saying|using|coin(?:s|ed|ing)|define[sd]?|defining|redefine[sd]?|redefining|called|spell(?:s|ed|ing)?|term|phrase|word)\s*[:,]?\s*$/i;
const WHAT_BEFORE = /\bwhat\s+$/i;
const MEANS_AFTER = /^\s+(?:really\s+|actually\s+)?(?:means?|meant|refers\s+to)\b/i;
const WAYS_AFTER = /^\s+(?:in\s+)?(?:two|three|four|five|six|several|many|multiple|different|various|\d+)\s+(?:different\s+)?(?:ways|senses|meanings|definitions)\b/i;
const HAS_SENSES_AFTER = /^\s+(?:has|have|had|carries|carry|carried|gets?|took|takes)\s+(?:at\s+least\s+)?(?:two|three|four|five|six|several|many|multiple|different|various|\d+)\s+(?:different\s+|competing\s+|distinct\s+)?(?:senses|meanings|definitions|readings|uses)\b/i;
const MEANS_THINGS_AFTER = /^\s+(?:means?|meant)\s+(?:different|two|three|four|several|many|various)\s+things\b/i;
/** Verbs that give the meaning of their subject. */
const DEFINING_VERB_AFTER = /^\s*(?:\([^)]{0,40}\)\s*)?(?:is\s+about|is\s+concerned\s+with|covers|asks\s+(?:whether|if)|is\s+defined\s+(?:as|by)|refers\s+to|denotes|picks\s+out|names)\b/i;
/** "X is a contested term", "X has become a buzzword": the subject is the word itself. */
const IS_A_WORD_AFTER = /^\s+(?:is|was|has\s+become|became|remains)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:term|phrase|word|label|expression|buzzword|name|coinage)s?\b/i;
/** "use X instead": advice about which word to write. */
const ADVICE_BEFORE = /\b(?:write|say|use|prefer|try)\s+$/i;
const ADVICE_AFTER = /^\s+(?:instead|rather\s+than|in\s+place\s+of)\b/i;
const COORDINATED = /^\s*(?:,|and|or|,\s*and|,\s*or|&|\/|as\s+well\s+as)\s*$/i;

/** Why an occurrence is a mention, or null when it is a use. */
export function mentionReason(occurrence: RawOccurrence, view: ContextView, previous: { occurrence: RawOccurrence; byPhrase: boolean } | null, term: Term): 'quotes' | 'phrase' | null {
  const { plainStart: start, plainEnd: end } = occurrence;
  if (view.inQuotes(start, end)) return 'quotes';
  if (inSourceTitle(start, end, view, term)) return 'phrase';
  const plain = view.plain;
  const sentence = view.sentence(start);
  const before = plain.slice(Math.max(sentence.start, start - 80), start);
  const after = plain.slice(end, Math.min(sentence.end, end + 80));
  if (BEFORE_LAST_WORD.test(before) && BEFORE.test(before)) return 'phrase';
  if (WHAT_BEFORE.test(before) && MEANS_AFTER.test(after)) return 'phrase';
  if (WAYS_AFTER.test(after) || HAS_SENSES_AFTER.test(after) || MEANS_THINGS_AFTER.test(after)) return 'phrase';
  if (IS_A_WORD_AFTER.test(after) || (ADVICE_BEFORE.test(before) && ADVICE_AFTER.test(after))) return 'phrase';
  if (previous?.byPhrase && previous.occurrence.context === occurrence.context && COORDINATED.test(plain.slice(previous.occurrence.plainEnd, start))) return 'phrase';
  if (term.contested && plain.slice(sentence.start, start).trim() === '' && DEFINING_VERB_AFTER.test(after) && view.memo(`compares\u0000${term.id}`, () => comparesDefinitions(plain, term))) return 'phrase';
  return null;
}

const titlePatterns = new WeakMap<Term, RegExp | null>();

/**
 * "Evan Hubinger's post clarifying inner alignment terminology": a term inside the
 * title of one of its senses' sources (registry data), written out with or without
 * quotation marks, names the work; it is not a use.
 */
function inSourceTitle(start: number, end: number, view: ContextView, term: Term): boolean {
  let regex = titlePatterns.get(term);
  if (regex === undefined) {
    const titles = new Set<string>();
    for (const sense of term.senses) {
      for (const source of sense.sources) {
        for (const title of [source.title, ...(source.aliases ?? [])]) if (title && title.trim().split(/\s+/).length >= 3) titles.add(title);
      }
    }
    // The compact separator and no `u` flag, like the other resolver patterns: this one
    // is compiled at every process start, and titles hold many gaps between words.
    // Searched over whole paragraphs, so without WORD_BEFORE (see execAfterWordStart).
    regex = titles.size ? new RegExp(`(?:${phrasesToPattern(titles, COMPACT_SEPARATOR)})${WORD_AFTER}`, 'gi') : null;
    titlePatterns.set(term, regex);
  }
  if (!regex) return false;
  const found = compiledOnce(regex, view.plain);
  const spans = view.memo(`titles\u0000${term.id}`, () => {
    const out: { start: number; end: number }[] = [];
    found.lastIndex = 0;
    for (let m = execAfterWordStart(found, view.plain); m; m = execAfterWordStart(found, view.plain)) out.push({ start: m.index, end: m.index + m[0].length });
    return out;
  });
  return spans.some((s) => s.start <= start && end <= s.end);
}

/** A passage compares definitions when it names at least two senses of the term (read once per paragraph: see mentionReason). */
function comparesDefinitions(plain: string, term: Term): boolean {
  const patterns = termPatterns(term);
  if (!patterns.anyPhrase) return false;
  const senses = new Set<string>();
  compiledOnce(patterns.anyPhrase, plain).lastIndex = 0;
  for (let m = execAfterWordStart(patterns.anyPhrase, plain); m; m = execAfterWordStart(patterns.anyPhrase, plain)) {
    const sense = patterns.phraseSense.get(normalizePhrase(m[0]));
    if (sense) senses.add(sense);
  }
  return senses.size >= 2;
}
