/**
 * claim-check: a sentence the document asserts in its own voice that the registry's
 * implication graph contradicts under the sense in force. The facts (arrows,
 * conclusion phrases, requirements that do not hold, classifications) are registry
 * data; this module holds only the grammar of a claim: premises and a conclusion
 * joined by "gives / guarantees / plus", "decomposes into", "requires", "is an X
 * problem", or a "Yes" answering a question that states such a claim. Questions,
 * negated or rejected claims, quoted or reported claims and true statements are
 * never flagged.
 */
import { closure, frameworkSenses, isConclusion, missingFor, type Premises } from '../claims/graph';
import { compiledOnce } from '../compile-once';
import { toSourceSpan } from '../markdown/prose';
import type { ParsedDocument } from '../markdown/parse';
import { cuePattern, WORD_AFTER, WORD_BEFORE } from '../phrases';
import { cite, type Registry } from '../registry';
import type { Resolution } from '../resolve';
import type { Range } from '../resolve/view';
import type { Occurrence } from '../types';
import type { ContextFinding, ContextRange } from './context-findings';

/** An item of a sentence: a graph term (as an occurrence or a conclusion phrase). */
interface Item {
  term: string;
  start: number;
  end: number;
  occurrence?: Occurrence;
}

/** A claim read from one sentence. */
interface Claim {
  kind: 'gives' | 'requires' | 'classifies';
  premises: Item[];
  conclusion: Item;
}

const GIVES = /\b(?:give[sn]?|gave|giving|yields?|guarantee[sd]?|ensures?|impl(?:y|ies|ied)|entails?|produces?|gets?\s+you(?:\s+to)?|leads?\s+to|suffices?\s+for|(?:is|are)\s+(?:enough|sufficient)\s+for|adds?\s+up\s+to|amounts?\s+to|results?\s+in|you\s+have|you\s+get|makes?|is\s+all\s+(?:that\s+)?\S+\s+requires?)\b/i;
const DECOMPOSES = /\b(?:decompos\w*|splits?\s+(?:exactly\s+)?into|breaks?\s+down\s+into|(?:is|equals)\s+(?:just\s+|exactly\s+|simply\s+)?(?:the\s+)?(?:sum|conjunction)\s+of)\b/i;
const REQUIRES = /\b(?:requires?|required|needs?|presupposes?)\b/i;
const WITHOUT = /\b(?:no\s+\S+|nothing|nobody|cannot|can't|never)\b[^.;]{0,60}\bwithout\s+(?:being\s+|also\s+being\s+|first\s+being\s+)?/i;
const CLASSIFIES = /\b(?:is|are)\s+(?:an?|the)\s+(?:\S+\s+){0,1}$/i;
const PROBLEM_AFTER = /^\s+(?:problem|failure|issue|concern|case|question)s?\b/i;
const COPULA_BEFORE = /\b(?:is|are|be|been|becomes?|became|stays?)\s+(?:\S+\s+)?$/i;
const NEGATION = /\b(?:not|never|no\s+longer|neither|nor|hardly|fails?\s+to|cannot)\b|n't\b/i;
const REPORTED =
  /\b(?:some|many|most|others|critics|people|students|proponents|skeptics|sceptics|authors|they|he|she|reviewers?|the\s+(?:paper|authors?|post|abstract))\b[^.;:]{0,40}?\b(?:argue[sd]?|claim(?:s|ed)?|say|says|said|think|thinks|thought|believe[sd]?|write|writes|wrote|hold|holds|held|assert(?:s|ed)?|suggest(?:s|ed)?|insist(?:s|ed)?|maintain(?:s|ed)?)\b|\bthe\s+(?:belief|claim|idea|view|assumption|argument|notion|thought)\s+that\b|\baccording\s+to\b|\bit\s+is\s+(?:often\s+|commonly\s+|widely\s+)?(?:claimed|said|argued|believed|assumed)\b|\bwhether\b/i;
const REJECTED = /\b(?:that|this)\s+(?:is|was|would\s+be)\s+(?:wrong|false|mistaken|incorrect|an?\s+(?:error|mistake|fallacy))\b|\bis\s+not\s+true\b|\bmark\s+(?:that|this|it)\s+(?:reasoning\s+)?down\b|\bdoes\s+not\s+hold\b|\bthat\s+is\s+a\s+myth\b/i;
/** "An agent is intent aligned if ...": the sentence defines a term; it asserts no implication. */
const DEFINES_AFTER = /^\s*(?:\([^)]{0,40}\)\s*)?(?:if|iff|when|whenever|just\s+when|exactly\s+when|precisely\s+when)\b/i;
const DEFINES_BEFORE = /\b(?:is|are|be|called|counts?\s+as)\s+(?:\S+\s+)?$/i;
/** "Term: ..." or "Term — ..." opening a paragraph: a glossary entry. */
const LEAD_AFTER = /^\s*(?::|\u2014|\u2013|--)\s/;
/** A term followed by its own verb is the subject of a new clause, not a conclusion. */
const SUBJECT_AFTER = /^\s+(?:also\s+|then\s+|alone\s+)?(?:ensures?|guarantees?|gives?|yields?|implies|entails?|requires?|needs?|produces?)\b/i;
const YES = /^\s*(?:\d+[.)]\s*)?(?:yes|yep|correct|right|indeed|true|exactly)\b/i;

/** More graph terms than this in one sentence: not read as a claim (see claimCheck). */
const MAX_CLAIM_ITEMS = 32;
/**
 * How far after a claim a rejection ("that is wrong") is looked for in its paragraph:
 * every real paragraph fits, and a pasted megabyte of claims stays linear.
 */
const REJECTION_REACH = 5000;

/** What claim-check reads from a registry, built once per registry (the editor checks on every keystroke). */
interface ClaimData {
  /** Every term id the implication facts mention. */
  nodes: Set<string>;
  conclusionPatterns: { term: string; regex: RegExp }[];
  senses: ReturnType<typeof frameworkSenses>;
}

const claimDataByRegistry = new WeakMap<Registry, ClaimData>();

function claimData(registry: Registry): ClaimData {
  let data = claimDataByRegistry.get(registry);
  if (data) return data;
  const rules = registry.implications;
  const facts = [...rules, ...registry.claims.notRequired, ...registry.claims.classifications];
  const nodes = new Set<string>();
  for (const r of rules) [...r.all, r.gives].forEach((t) => nodes.add(t));
  for (const f of registry.claims.notRequired) [f.term, f.requires].forEach((t) => nodes.add(t));
  for (const f of registry.claims.classifications) [f.term, f.is].forEach((t) => nodes.add(t));
  const conclusionPatterns = Object.entries(registry.claims.conclusions).map(([term, phrases]) => ({
    term,
    regex: new RegExp(`${WORD_BEFORE}(?:${phrases.map(cuePattern).join('|')})${WORD_AFTER}`, 'gi'),
  }));
  data = { nodes, conclusionPatterns, senses: frameworkSenses(facts) };
  claimDataByRegistry.set(registry, data);
  return data;
}

/**
 * Findings of claim-check (severity filled in by the caller) in a range of
 * contexts, each with its context. A context's findings depend on it and the one
 * before it (a "Yes" answers the question just asked), so a range read alone gives
 * its first context's findings only when that context answers nothing before it.
 */
export function claimCheck(doc: ParsedDocument, resolution: Resolution, registry: Registry, range: ContextRange): ContextFinding[] {
  const rules = registry.implications;
  if (rules.length === 0) return [];
  const { nodes, conclusionPatterns, senses } = claimData(registry);
  const byContext = new Map<number, Occurrence[]>();
  const { from, to } = range;
  for (let i = range.firstOccurrence; i < range.endOccurrence; i++) {
    const o = resolution.occurrences[i];
    if (!nodes.has(o.term)) continue;
    if (!byContext.has(o.context)) byContext.set(o.context, []);
    byContext.get(o.context)!.push(o);
  }

  const out: ContextFinding[] = [];
  let lastQuestion: { context: number; claim: Claim } | null = null;
  for (let index = from; index < to; index++) {
    const context = doc.contexts[index];
    const view = resolution.views[index];
    const plain = context.plain;
    const items: Item[] = (byContext.get(index) ?? []).map((o) => ({ term: o.term, start: o.plainStart, end: o.plainEnd, occurrence: o }));
    const yesAnswer = !!lastQuestion && lastQuestion.context >= index - 1 && YES.test(plain);
    // A claim needs a term occurrence as premise (or answers a question that had one).
    if (items.length === 0 && !yesAnswer) continue;
    for (const { term, regex } of conclusionPatterns) {
      compiledOnce(regex, plain).lastIndex = 0;
      for (let m = regex.exec(plain); m; m = regex.exec(plain)) items.push({ term, start: m.index, end: m.index + m[0].length });
    }
    items.sort((a, b) => a.start - b.start);
    // Items grouped by their sentence in one pass: filtering every item per sentence
    // was quadratic in a paragraph of many short sentences.
    const sentences = new Map<number, { range: Range; items: Item[] }>();
    const sentenceOf = (s: Range) => {
      let entry = sentences.get(s.start);
      if (!entry) sentences.set(s.start, (entry = { range: s, items: [] }));
      return entry;
    };
    for (const item of items) {
      const s = view.sentence(item.start);
      const entry = sentenceOf(s);
      if (item.end <= s.end) entry.items.push(item);
    }
    if (yesAnswer) sentenceOf(view.sentence(0));
    for (const { range: sentence, items: all } of [...sentences.values()].sort((a, b) => a.range.start - b.range.start)) {
      // A "sentence" naming this many terms is a pasted list or a run-on line, not a
      // claim; reading it would cost the square of its length.
      if (all.length > MAX_CLAIM_ITEMS) continue;
      const text = plain.slice(sentence.start, sentence.end);
      const inSentence = all.filter((i) => !overlapsEarlier(i, all));
      if (inSentence.some((i) => view.inQuotes(i.start, i.end) || (i.occurrence && (i.occurrence.status === 'mention' || i.occurrence.status === 'ignored')))) continue;
      if (definesATerm(plain, sentence, inSentence)) continue;
      const claim = readClaim(plain, sentence, inSentence);
      if (/\?\s*["\u201d)]*\s*$/.test(text)) {
        if (claim) lastQuestion = { context: index, claim };
        continue;
      }
      let judged = claim;
      if (!judged && YES.test(text) && sentence.start === 0 && lastQuestion && lastQuestion.context >= index - 1) {
        const answerConclusion = inSentence.find((i) => isConclusion(i.term, rules));
        judged = { ...lastQuestion.claim, conclusion: answerConclusion ?? lastQuestion.claim.conclusion };
      }
      if (!judged) continue;
      if (REPORTED.test(plain.slice(sentence.start, judged.premises[0]?.start ?? judged.conclusion.start))) continue;
      if (REJECTED.test(plain.slice(sentence.end, sentence.end + REJECTION_REACH))) continue;
      const message = judge(judged, registry, senses);
      if (!message) continue;
      out.push({ context: index, draft: { message, span: toSourceSpan(context, sentence.start, trimEnd(plain, sentence)), fixes: [] } });
    }
    if (items.length) lastQuestion = lastQuestion && lastQuestion.context >= index - 1 ? lastQuestion : null;
  }
  return out;
}

/** True when the sentence is a definition: "X is T if ...", or a "T: ..." glossary entry. */
function definesATerm(plain: string, sentence: Range, items: Item[]): boolean {
  return items.some((i) => {
    if (!i.occurrence) return false;
    const after = plain.slice(i.end, sentence.end);
    if (DEFINES_AFTER.test(after) && DEFINES_BEFORE.test(plain.slice(sentence.start, i.start))) return true;
    return /^[\s*_>\d.)-]*$/.test(plain.slice(0, i.start)) && LEAD_AFTER.test(after);
  });
}

function overlapsEarlier(item: Item, items: Item[]): boolean {
  return items.some((other) => other !== item && other.start <= item.start && other.end >= item.end && (other.end - other.start > item.end - item.start));
}

function trimEnd(plain: string, sentence: Range): number {
  let end = sentence.end;
  while (end > sentence.start && /\s/.test(plain[end - 1])) end--;
  return end;
}

/** Reads the claim a sentence makes, if any. */
function readClaim(plain: string, sentence: Range, items: Item[]): Claim | null {
  if (items.length < 2) return null;
  const at = (i: Item) => plain.slice(sentence.start, i.start);
  // "no model can be C without being A" / "C requires A"
  for (let k = 0; k < items.length - 1; k++) {
    const between = plain.slice(items[k].end, items[k + 1].start);
    if (WITHOUT.test(plain.slice(sentence.start, items[k + 1].start)) && /\bwithout\b/i.test(between)) {
      return { kind: 'requires', premises: [items[k + 1]], conclusion: items[k] };
    }
    if (REQUIRES.test(between) && !NEGATION.test(between)) return { kind: 'requires', premises: [items[k + 1]], conclusion: items[k] };
    // "X is an Y problem"
    if (CLASSIFIES.test(between) && PROBLEM_AFTER.test(plain.slice(items[k + 1].end, sentence.end)) && !NEGATION.test(at(items[k + 1]).slice(-40))) {
      return { kind: 'classifies', premises: [items[k]], conclusion: items[k + 1] };
    }
  }
  // "C decomposes into A plus B"
  const first = items[0];
  const afterFirst = plain.slice(first.end, items[1].start);
  if (DECOMPOSES.test(afterFirst) && !NEGATION.test(afterFirst)) {
    return { kind: 'gives', premises: items.slice(1), conclusion: first };
  }
  // premises ... gives / is ... conclusion: the first conclusion that follows a premise
  for (let c = 1; c < items.length; c++) {
    const conclusion = items[c];
    const premises = items.slice(0, c).filter((i) => i.term !== conclusion.term && i.occurrence);
    if (premises.length === 0) continue;
    if (SUBJECT_AFTER.test(plain.slice(conclusion.end, sentence.end))) continue;
    const span = plain.slice(premises[0].end, conclusion.start);
    const explicit = GIVES.test(span);
    const phrase = !conclusion.occurrence;
    if (!explicit && !phrase && !COPULA_BEFORE.test(plain.slice(premises[premises.length - 1].end, conclusion.start))) continue;
    if (NEGATION.test(span.replace(/\bnothing\b/gi, ''))) return null;
    return { kind: 'gives', premises, conclusion };
  }
  return null;
}

/** The contradiction message, or null when the graph supports the claim or cannot judge it. */
function judge(claim: Claim, registry: Registry, senses: Map<string, Set<string>>): string | null {
  const premises: Premises = new Map();
  for (const item of [...claim.premises, claim.conclusion]) {
    const sense = senseInForce(item, senses);
    if (sense === undefined) return null; // another framework's sense: not ours to judge
    if (item !== claim.conclusion) premises.set(item.term, sense);
  }
  const label = (id: string) => registry.terms.get(id)?.label ?? id;
  const source = (framework?: string) => (framework ? registry.sources.get(framework) : undefined);
  const lead = (framework?: string) => {
    const s = source(framework);
    return s ? `Under ${cite(s)}` : 'Under the registry\u2019s implication graph';
  };
  const link = (framework?: string) => {
    const s = source(framework);
    return s?.url ? ` (${s.url})` : '';
  };
  const target = claim.conclusion.term;
  if (claim.kind === 'requires') {
    const fact = registry.claims.notRequired.find((f) => f.term === target && f.requires === claim.premises[0].term);
    if (!fact) return null;
    return `${lead(fact.framework)}, ${label(target)} does not require ${label(fact.requires)}${fact.senses?.[fact.requires] ? ` (${fact.senses[fact.requires]})` : ''}${fact.because ? `: ${fact.because}` : ''}.${link(fact.framework)}`;
  }
  if (claim.kind === 'classifies') {
    const subject = claim.premises[0].term;
    const fact = registry.claims.classifications.find((f) => f.term === subject);
    if (!fact || fact.is === target) return null;
    return `${lead(fact.framework)}, ${label(subject)} is ${/^[aeiou]/i.test(label(fact.is)) ? 'an' : 'a'} ${label(fact.is)} problem, not ${label(target)}${fact.because ? `: ${fact.because}` : ''}.${link(fact.framework)}`;
  }
  if (premises.has(target) || !isConclusion(target, registry.implications)) return null;
  const have = closure(premises, registry.implications);
  if (have.has(target)) return null;
  const best = missingFor(target, have, registry.implications);
  if (!best) return null;
  const names = [...premises.keys()].map(label);
  const derived = best.rule.all.filter((t) => have.has(t) && !premises.has(t)).map(label);
  const gives = derived.length ? `${names.join(' \u2227 ')} give${names.length === 1 ? 's' : ''} ${derived.join(' and ')}` : `${names.join(' \u2227 ')} alone ${names.length === 1 ? 'does' : 'do'} not give ${label(target)}`;
  return `${lead(best.rule.framework)}, ${gives}; ${label(target)} also needs ${best.missing.map(label).join(' and ')}.${link(best.rule.framework)}`;
}

/**
 * The sense a claim's term is judged in: its own if settled by the draft, the
 * framework's if ambiguous (null), undefined when the claim cannot be judged (a
 * sense the framework does not speak of, or cues for a generalization reading).
 */
function senseInForce(item: Item, senses: Map<string, Set<string>>): string | null | undefined {
  const o = item.occurrence;
  const known = senses.get(item.term);
  if (!o || !known) return null;
  if (o.status === 'ambiguous') return o.likelySense && !known.has(o.likelySense) ? undefined : null;
  if (o.sense && o.sense !== 'default') return known.has(o.sense) ? o.sense : undefined;
  return null;
}
