/**
 * The document's own definitions: "By inner alignment I mean ...", "We use X for ...",
 * "**Inner alignment.** ...", "Base optimizer — ...", "Inner alignment: ...", a
 * definition list. A definition covers every occurrence of its term in the document
 * that is not mentioned, qualified or under a section pin. Its sense is the registry
 * sense whose cues the definition matches, else `custom` (or `default` for a settled
 * term).
 */
import { normalizePhrase } from '../phrases';
import type { Term } from '../registry';
import type { RawOccurrence, Span } from '../types';
import { cueVerdict } from './cues';
import type { ContextView } from './view';

/** A definition the document gives for a term. */
export interface DefinitionSite {
  term: string;
  sense: string;
  /** Where the defined word stands. */
  span: Span;
  /** Index of the context (paragraph) that holds the definition. */
  context: number;
}

const BY_BEFORE = /\bby\s+["\u201c]?$/i;
const MEAN_AFTER = /^["\u201d]?,?\s+(?:I|we)\s+(?:will\s+|shall\s+|always\s+)?(?:mean|refer\s+to|denote|understand)\b/i;
const USE_BEFORE = /\b(?:I|we)\s+(?:will\s+|shall\s+)?use\s+(?:the\s+(?:term|phrase|word)\s+)?["\u201c]?$/i;
const USE_AFTER = /^["\u201d]?\s+(?:to\s+mean|for|to\s+refer\s+to|to\s+denote|as\s+(?:a\s+)?(?:name|shorthand|label)\s+for)\b/i;
const DEFINE_BEFORE = /\b(?:I|we)\s+(?:will\s+|shall\s+)?define\s+["\u201c]?$/i;
const AS_AFTER = /^["\u201d]?\s+as\b/i;
/** "I take X to (roughly) mean ..." */
const TAKE_BEFORE = /\b(?:I|we)\s+(?:will\s+|shall\s+)?take\s+["\u201c]?$/i;
const TO_MEAN_AFTER = /^["\u201d]?\s+to\s+(?:\p{L}+ly\s+)?(?:mean|refer\s+to|denote|stand\s+for)\b/iu;
/** "In this post, X means ...": a sentence opening that scopes the definition to the document. */
const SCOPE_BEFORE = /^(?:in\s+this\s+(?:post|essay|paper|document|piece|note|memo|page|doc|proposal|report|article|guide|section)|here|throughout|below|hereafter|for\s+(?:our|this\s+post's)\s+purposes)\s*,?\s*$/i;
const MEANS_AFTER = /^["\u201d]?\s+(?:means|refers\s+to|denotes|will\s+mean|stands\s+for|is\s+used\s+(?:to\s+mean|for))\b/i;
/** "We say a model is X when ..." */
const SAY_BEFORE = /\b(?:we|I)\s+(?:say|call|will\s+call|will\s+say|consider)\s+(?:that\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:is\s+|are\s+)?$/i;
const WHEN_AFTER = /^\s+(?:if|when|whenever|iff|just\s+when|exactly\s+when)\b/i;
/** "X, as we use it here, refers to ..." */
const AS_WE_USE_AFTER = /^["\u201d]?\s*,\s*as\s+(?:we|I)\s+use\s+(?:it|the\s+term)(?:\s+(?:here|in\s+this\s+\w+|below|throughout))?\s*,\s*(?:means|refers\s+to|denotes|is|covers|names)\b/i;
const HERE_MEANS_AFTER = /^["\u201d]?\s*,?\s*(?:here|in\s+this\s+(?:post|essay|paper|document|piece|note|memo|page|doc|proposal|report|article)|below|throughout|hereafter|for\s+us)\s*,?\s*(?:means|refers\s+to|denotes|will\s+mean|is\s+used\s+(?:to\s+mean|for))\b/i;
const LEAD_DASH_AFTER = /^[*_]*\s*(?:\u2014|\u2013|--|:|\s-\s|\n\s*:\s)/;
const LEAD_BEFORE = /^[\s*_>]*$/;

/** The sense a definition in this context gives `term`: a registry sense its cues match, else custom (default for a settled term). */
export function definitionSense(view: ContextView, term: Term): string {
  return term.contested ? view.memo(`definition\u0000${term.id}`, () => cueVerdict(view.plain, term, 1).sense) ?? 'custom' : 'default';
}

/** True when `occurrence` heads a definition of its term (a paragraph or list item, not a heading or table row). */
export function isDefinitionSite(occurrence: RawOccurrence, view: ContextView): boolean {
  if (view.context.kind === 'heading' || view.context.kind === 'tableRow') return false;
  return headsDefinition(occurrence, view);
}

/**
 * How far back a definition's opening words are looked for. The patterns need a few
 * words; looking back to the start of the sentence made a long sentence (a pasted
 * 10 MB line) with many uses quadratic.
 */
const LOOK_BACK = 200;

function headsDefinition(occurrence: RawOccurrence, view: ContextView): boolean {
  const plain = view.plain;
  const { plainStart: start, plainEnd: end } = occurrence;
  const sentence = view.sentence(start);
  const from = Math.max(sentence.start, start - LOOK_BACK);
  const before = plain.slice(from, start);
  // The checks anchored at the sentence's start only hold when nothing was cut off.
  const opensSentence = from === sentence.start && before.trim() === '';
  const after = plain.slice(end, Math.min(plain.length, end + 80));
  // Each check tests the words after the use first: anchored at their start, they fail at once, where the words before are searched back from their end.
  if (MEAN_AFTER.test(after) && BY_BEFORE.test(before)) return true;
  if (USE_AFTER.test(after) && USE_BEFORE.test(before)) return true;
  if (AS_AFTER.test(after) && DEFINE_BEFORE.test(before)) return true;
  if (TO_MEAN_AFTER.test(after) && TAKE_BEFORE.test(before)) return true;
  if (HERE_MEANS_AFTER.test(after) && opensSentence) return true;
  if (MEANS_AFTER.test(after) && from === sentence.start && SCOPE_BEFORE.test(before.trim())) return true;
  if (WHEN_AFTER.test(after) && SAY_BEFORE.test(before)) return true;
  if (AS_WE_USE_AFTER.test(after) && opensSentence) return true;
  const lead = view.context.leadStrong;
  if (lead && start >= lead.start && end <= lead.end) {
    const strongText = plain.slice(lead.start, lead.end).replace(/[\s.:\u2014\u2013-]+$/, '');
    if (normalizePhrase(strongText) === normalizePhrase(plain.slice(start, end)) && plain.slice(lead.end).trim().length > 0) return true;
  }
  if (LEAD_BEFORE.test(plain.slice(0, start)) && LEAD_DASH_AFTER.test(plain.slice(end)) && plain.slice(end).trim().split(/\s+/).length >= 4) return true;
  return false;
}
