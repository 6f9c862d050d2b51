/**
 * Cue scoring: which sense a stretch of prose points to. Used for likelySense (the
 * occurrence's own paragraph), for matching a document's own definition to a
 * registry sense, and for sense-drift.
 */
import { compiledOnce } from '../compile-once';
import { execAfterWordStart } from '../phrases';
import type { Term } from '../registry';
import { termPatterns } from './patterns';
import type { ContextView } from './view';

/** Cue hits per sense, and the sense they clearly favour (or null). */
export interface CueVerdict {
  sense: string | null;
  /** Cue texts as written, per sense id. */
  hits: Map<string, string[]>;
}

/**
 * A negation right before a cue ("no mesa-optimizer", "not from the learner's biases").
 * Its scope is up to two words, and it does not reach across a comma or other clause
 * break ("no mesa-optimizer, after deployment"). It is only tested, never matched for
 * its text, so "not after a letter" is a lookbehind: V8 compiles that in a quarter of
 * the time a consumed `[^\p{L}]` takes under /iu (~9 ms of a one-draft lint).
 */
const NEGATION = /(?<!\p{L})(?:no|not|never|without|nothing|none|neither|nor|cannot|can['\u2019]t|isn['\u2019]t|aren['\u2019]t|doesn['\u2019]t|don['\u2019]t|didn['\u2019]t|wasn['\u2019]t|weren['\u2019]t|lacks?|lacking|absent|rather\s+than|instead\s+of|free\s+of)(?:\s+[^\s,;:.!?()]+){0,2}\s+$/iu;
/** Cues that carry their own negation are taken as written. */
const SELF_NEGATED = /^(?:no|not|never|without)\b|\b(?:not|never|no)\b/i;
/** A sentence that says the answer turns on the sense: no likely sense. */
const DEPENDS = /\bdepends\s+on\s+(?:the|which|what)\s+(?:sense|definition|reading|meaning|framing)|\bit\s+depends\b|\bcannot\s+be\s+answered\s+without|\bdepending\s+on\s+(?:the\s+)?(?:sense|definition|reading)/i;

/** The cue verdict of a whole paragraph for `term`, computed once per paragraph. */
export function paragraphVerdict(view: ContextView, term: Term): CueVerdict {
  return view.memo(`verdict\u0000${term.id}`, () => cueVerdict(view.plain, term));
}

/** Counts each sense's cues in `text`, skipping cues mentioned only as absent. */
export function cueHits(text: string, term: Term): Map<string, string[]> {
  const hits = new Map<string, string[]>();
  const { cues: regex, cueSenses } = termPatterns(term);
  if (!regex) return hits;
  compiledOnce(regex, text).lastIndex = 0;
  for (let m = execAfterWordStart(regex, text); m; m = execAfterWordStart(regex, text)) {
    if (!SELF_NEGATED.test(m[0]) && NEGATION.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    const sense = cueSenses[m.findIndex((group, i) => i > 0 && group !== undefined) - 1];
    if (!sense) continue;
    const cue = m[0].replace(/\s+/g, ' ');
    const found = hits.get(sense) ?? [];
    if (!found.some((f) => f.toLowerCase() === cue.toLowerCase())) found.push(cue);
    hits.set(sense, found);
  }
  return hits;
}

/**
 * The sense the cues in `text` clearly favour: at least one cue, and at least twice
 * as many distinct cues as any other sense. Null when there are no cues, when cues
 * for several senses balance, or when the text says the answer depends on the sense.
 */
export function cueVerdict(text: string, term: Term, margin = 2): CueVerdict {
  const hits = cueHits(text, term);
  if (DEPENDS.test(text)) return { sense: null, hits };
  const ranked = [...hits.entries()].map(([sense, list]) => ({ sense, score: list.length })).sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return { sense: null, hits };
  const top = ranked[0];
  const second = ranked[1]?.score ?? 0;
  return { sense: top.score >= margin * second && top.score > second ? top.sense : null, hits };
}
