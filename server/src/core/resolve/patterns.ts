/**
 * Patterns compiled per contested term from registry data: sense labels
 * ("objective-focused"), attribution phrases (author names, work aliases, framings)
 * and cues. Only the grammar that ties a label or attribution to a use lives here
 * ("in X's sense", "X-style", "(label)"); every name and cue comes from the registry.
 */
import { COMPACT_SEPARATOR, cuePattern, execAfterWordStart, normalizePhrase, phrasesToPattern, WORD_AFTER, WORD_BEFORE } from '../phrases';
import { compiledOnce } from '../compile-once';
import type { Term } from '../registry';

/** Nouns that make "X's ___" an attribution of a sense. */
const SENSE_NOUNS =
  'senses?|definitions?|usage|use|terms|terminology|framings?|frame|decomposition|carving|view|reading|account|vocabulary|taxonomy|formulation|version|picture|language|notion|conception|understanding|interpretation|diagram|breakdown|split|approach(?:es)?';
/** Adjectives allowed between the possessive and the noun: "Wentworth's narrower sense". */
const SENSE_ADJECTIVES = '(?:(?:own|original|narrow|narrower|broad|broader|wide|wider|strict|stricter|loose|looser|behaviou?ral|causal|usual|standard|preferred)\\s+)?';
/** Prepositions that tie an attribution to a use in the same clause. */
export const TIED = '(?:\\bin|\\bby|\\bgoing\\s+by|\\bunder|\\bon|\\bper|\\bfollowing|\\baccording\\s+to|\\bas\\s+in|\\bas\\s+defined\\s+(?:by|in)|\\bas\\s+used\\s+(?:by|in)|\\bas\\s+(?:[A-Za-z]+\\s+)?(?:uses?|defines?|means?)\\s+it)\\s+';
const POSSESSIVE = "(?:'s|\u2019s|s'|s\u2019|'|\u2019)";

/** Compiled patterns for one term. */
export interface TermPatterns {
  /** Normalized label/attribution phrase -> the one sense of this term it names. */
  phraseSense: Map<string, string>;
  /** Normalized label phrases (sense names), to tell via: qualifier from attribution. */
  labelPhrases: Set<string>;
  /**
   * Matches a label or attribution phrase anywhere (global, for locating it in a
   * match). Compiled without WORD_BEFORE: search it with execAfterWordStart.
   */
  anyPhrase: RegExp | null;
  /** Label right before the use: "objective-focused inner alignment". */
  labelBefore: RegExp | null;
  /** Right after the use: "(objective-focused)", "(Hubinger 2020)". */
  parenAfter: RegExp | null;
  /** Right after the use: ", in Shah's sense", "by Wentworth's definition". */
  tiedAfter: RegExp | null;
  /** Right before the use: "Shah's ", "Hubinger-style ", "what Wentworth calls ". */
  attributionBefore: RegExp | null;
  /** A tied attribution anywhere in the text before the use, in the same sentence (global). */
  tiedAnywhere: RegExp | null;
  /**
   * Ending right before the use, in its clause: a source or sense as the subject of a
   * verb that classifies ("Wentworth considers X", "the generalization-focused
   * approach would call this an X", "what Wentworth describes as X"), or of a
   * definition the use sits under ("Shah has endorsed a definition under which X").
   */
  subjectBefore: RegExp | null;
  /** A source reporting the claim the use is in, earlier in the sentence: "Wentworth argues, ...", "To Wentworth, ..." (global). */
  reportedBy: RegExp | null;
  /** A sense name tied by a preposition later in the clause: "... using the same optimization-focused approach". */
  labelLater: RegExp | null;
  /**
   * All cues of all senses in one global regex, one capture group per sense (group
   * i + 1 is cueSenses[i]), so a paragraph is read once per term. Compiled without
   * WORD_BEFORE: search it with execAfterWordStart.
   */
  cues: RegExp | null;
  cueSenses: string[];
}

const cache = new WeakMap<Term, TermPatterns>();

/** Patterns for `term`, compiled on first use and cached for the registry's lifetime. */
export function termPatterns(term: Term): TermPatterns {
  let patterns = cache.get(term);
  if (!patterns) {
    patterns = compile(term);
    cache.set(term, patterns);
  }
  return patterns;
}

function compile(term: Term): TermPatterns {
  // Which senses each phrase names; a phrase naming two senses of this term settles nothing.
  const owners = new Map<string, Set<string>>();
  const labels = new Set<string>();
  const possessors = new Set<string>();
  const add = (phrase: string, sense: string, isLabel = false) => {
    const key = normalizePhrase(phrase);
    if (!key) return;
    if (!owners.has(key)) owners.set(key, new Set());
    owners.get(key)!.add(sense);
    if (isLabel) labels.add(key);
  };
  for (const sense of term.senses) {
    for (const q of sense.qualifiers) add(q, sense.id, true);
    for (const a of sense.attributions) add(a, sense.id);
    for (const source of sense.sources) {
      for (const name of source.names ?? []) possessors.add(name);
      if (source.attributesByName === false) continue;
      for (const name of source.names ?? []) add(name, sense.id);
      for (const alias of source.aliases ?? []) add(alias, sense.id);
    }
  }
  const phraseSense = new Map<string, string>();
  for (const [key, senses] of owners) if (senses.size === 1) phraseSense.set(key, [...senses][0]);
  const labelPhrases = new Set([...labels].filter((l) => phraseSense.has(l)));
  const attributionPhrases = [...phraseSense.keys()].filter((k) => !labelPhrases.has(k));
  const cued = term.senses.filter((s) => s.cues.length);
  const cueSenses = cued.map((s) => s.id);
  const cues = cued.length
    ? new RegExp(`(?:${cued.map((s) => `(${s.cues.map(cuePattern).join('|')})`).join('|')})${WORD_AFTER}`, 'gi')
    : null;
  if (phraseSense.size === 0) {
    return { phraseSense, labelPhrases, anyPhrase: null, labelBefore: null, parenAfter: null, tiedAfter: null, attributionBefore: null, tiedAnywhere: null, subjectBefore: null, reportedBy: null, labelLater: null, cues, cueSenses };
  }
  const B = WORD_BEFORE;
  const E = WORD_AFTER;
  const LABEL = labelPhrases.size ? phrasesToPattern(labelPhrases, COMPACT_SEPARATOR) : '(?!)';
  const NAME = attributionPhrases.length ? phrasesToPattern(attributionPhrases, COMPACT_SEPARATOR) : '(?!)';
  const ANY_NAME = possessors.size ? phrasesToPattern([...possessors, ...attributionPhrases], COMPACT_SEPARATOR) : NAME;
  const ATTR = [
    `${B}(?:${NAME})${POSSESSIVE}?\\s+${SENSE_ADJECTIVES}(?:${SENSE_NOUNS})${E}`,
    `(?:${B}(?:${ANY_NAME})${POSSESSIVE}\\s+)?${B}(?:${NAME})${E}`,
    `(?:the\\s+(?:same\\s+)?)?${B}(?:${LABEL})(?:\\s+(?:sense|reading|definition|usage|framing|view|version|meaning|approach(?:es)?))?${E}`,
  ].join('|');
  // Words between a subject and its verb ("would also", "still doesn't"), and between the verb and the use ("this an"), inside one clause.
  const AUX = "(?:[A-Za-z\u2019']+\\s+){0,3}?";
  const GAP = '(?:[^\\s.,;:!?()]+\\s+){0,6}?';
  const CLASSIFY = '(?:consider|call|classif(?:y|ie)|count|regard|treat|deem|describe|label|make|view|see)(?:s|d|ed)?';
  const REPORT =
    '(?:argue[sd]?|says?|said|writes?|wrote|claims?|claimed|holds?|held|thinks?|thought|believes?|believed|suggests?|suggested|notes?|noted|points?\\s+out|pointed\\s+out|insists?|insisted|maintains?|maintained|contends?|contended)';
  const flags = 'i';
  return {
    phraseSense,
    labelPhrases,
    anyPhrase: new RegExp(`(?:${LABEL}|${NAME})${E}`, 'gi'),
    labelBefore: new RegExp(`${B}(?:${LABEL})[\\s\\-\u2010\u2011]*$`, flags),
    parenAfter: new RegExp(`^\\s*\\(\\s*(?:in\\s+|see\\s+|cf\\.\\s+|per\\s+|following\\s+|after\\s+)?(?:the\\s+sense\\s+of\\s+)?(?:the\\s+|a\\s+)?(?:${ATTR})(?:\\s+et\\s+al\\.?)?(?:,?\\s*\\(?\\d{4}\\)?)?\\s*\\)`, flags),
    tiedAfter: new RegExp(`^\\s*,?\\s*(?:${TIED}(?:the\\s+sense\\s+of\\s+)?(?:the\\s+)?(?:${ATTR})|as\\s+${B}(?:${NAME})${E}\\s+(?:uses?|used|defines?|defined|means?|meant|understands?|understood|frames?|framed)\\s+(?:it|them|the\\s+term))`, flags),
    attributionBefore: new RegExp(
      `(?:${B}(?:${NAME})${POSSESSIVE}\\s+|${B}(?:${NAME})[\\s\\-]+(?:style|flavou?red|type)\\s+|\\bwhat\\s+(?:the\\s+)?${B}(?:${NAME})\\s+(?:calls?|called|would\\s+call|terms?|dubs?|names?)\\s+|${B}(?:${NAME})\\s+(?:calls?|called)\\s+)$`,
      flags,
    ),
    tiedAnywhere: new RegExp(`${TIED}(?:the\\s+sense\\s+of\\s+)?(?:the\\s+)?(?:${ATTR})`, 'gi'),
    subjectBefore: new RegExp(
      `(?:${ATTR})\\s+${AUX}(?:${CLASSIFY}\\s+${GAP}|(?:an?|the|his|her|their)\\s+${SENSE_ADJECTIVES}(?:${SENSE_NOUNS})\\s+(?:under|by|in|on|according\\s+to|for)\\s+which\\s+)$`,
      flags,
    ),
    reportedBy: new RegExp(`(?:${B}(?:${NAME})${E}(?:${POSSESSIVE}\\s+(?:post|paper|essay|comment|argument|reply))?\\s+${AUX}${REPORT}${E}|^\\s*(?:to|for)\\s+${B}(?:${NAME})${E}\\s*,)`, 'gi'),
    labelLater: labelPhrases.size
      ? new RegExp(`(?:\\busing|\\bunder|\\bby|\\bgoing\\s+by|\\bfollowing|\\baccording\\s+to|\\bper|\\bwith|\\bin)\\s+(?:the\\s+)?(?:same\\s+)?${B}(?:${LABEL})(?:\\s+(?:sense|reading|definition|usage|framing|view|version|meaning|approach(?:es)?))?${E}`, flags)
      : null,
    cues,
    cueSenses,
  };
}

/**
 * The sense named inside a matched label/attribution text, and whether it was a
 * label (a sense name) or an attribution (a person, work or framing).
 */
export function senseNamedIn(text: string, patterns: TermPatterns): { sense: string; label: boolean } | null {
  if (!patterns.anyPhrase) return null;
  compiledOnce(patterns.anyPhrase, text).lastIndex = 0;
  let found: { sense: string; label: boolean } | null = null;
  for (let m = execAfterWordStart(patterns.anyPhrase, text); m; m = execAfterWordStart(patterns.anyPhrase, text)) {
    const key = normalizePhrase(m[0]);
    const sense = patterns.phraseSense.get(key);
    if (sense) found = { sense, label: patterns.labelPhrases.has(key) };
  }
  return found;
}
