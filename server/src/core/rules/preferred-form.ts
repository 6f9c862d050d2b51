/**
 * Rule `preferred-form`: a term written with other joins than its `preferred`
 * spelling: "mesa optimizer" or "mesaoptimizer" where the house writes
 * "mesa-optimizer". Only the joins between words (space, hyphen, closed up) are
 * compared; the writer's letters are kept, so case, inflection ("mesa optimizers" ->
 * "mesa-optimizers") and British or American spelling ("mesa optimiser" ->
 * "mesa-optimiser") stay as written. The engine treats -ise/-ize and
 * behaviour/behavior as one word everywhere, so a spelling house style belongs to a
 * spell checker, not here. Mentions and switched-off uses are not flagged: quoting
 * someone's spelling is not writing it.
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import type { Resolution } from '../resolve';
import type { ContextFinding, ContextRange } from './context-findings';

const HYPHEN = /[-\u2010\u2011\u2012\u2013]/;
const SEPARATOR = /[\s\-\u2010\u2011\u2012\u2013]/;

/** Findings of `preferred-form` (without rule and severity) in a range of contexts, each with its context, in document order. Never throws. */
export function preferredFormFindings(doc: ParsedDocument, resolution: Resolution, registry: Registry, range: ContextRange): ContextFinding[] {
  if (registry.severity['preferred-form'] === 'off') return [];
  const out: ContextFinding[] = [];
  for (let i = range.firstOccurrence; i < range.endOccurrence; i++) {
    const occurrence = resolution.occurrences[i];
    if (occurrence.elided || occurrence.status === 'ignored' || occurrence.status === 'mention') continue;
    const preferred = registry.terms.get(occurrence.term)?.preferred;
    if (!preferred) continue;
    const written = doc.text.slice(occurrence.span.start, occurrence.span.end);
    const fixed = rejoinOnce(written, preferred);
    if (fixed === null) continue;
    out.push({
      context: occurrence.context,
      draft: {
        message: `"${written.replace(/\s+/g, ' ')}": the preferred spelling is "${fixed}".`,
        span: occurrence.span,
        term: occurrence.term,
        fixes: [{ kind: 'replace', title: `Change to "${fixed}"`, edits: [{ span: occurrence.span, newText: fixed }], preferred: true, safe: true }],
      },
    });
  }
  return out;
}

/** rejoin() results by preferred spelling and written text: a draft repeats a few spellings, and the editor re-checks every use on each keystroke. */
const rejoined = new Map<string, string | null>();
const REJOINED_MAX = 10_000;

function rejoinOnce(written: string, preferred: string): string | null {
  const key = `${preferred}\u0000${written}`;
  let fixed = rejoined.get(key);
  if (fixed === undefined) {
    fixed = rejoin(written, preferred);
    // Bounded: a long-running server sees many drafts.
    if (rejoined.size >= REJOINED_MAX) rejoined.clear();
    rejoined.set(key, fixed);
  }
  return fixed;
}

interface Letter {
  /** Lower case, for comparing. */
  key: string;
  /** Index in the written text. */
  at: number;
}

/**
 * `written` with the joins between its words changed to those of `preferred`, or
 * null when it already uses them or cannot be lined up with `preferred` letter by
 * letter (another word form such as "corrigible" for "corrigibility", or markup
 * inside the text). Letters after the end of `preferred` (an inflection) are kept.
 */
export function rejoin(written: string, preferred: string): string | null {
  const w = letters(written);
  const p = letters(preferred);
  if (!w || !p || p.length === 0 || w.length < p.length) return null;
  for (let k = 0; k < p.length; k++) {
    if (!sameLetter(w[k].key, p[k].key)) return null;
  }
  let out = '';
  let from = 0;
  let changed = false;
  for (let k = 1; k < p.length; k++) {
    const gapStart = w[k - 1].at + 1;
    const gapEnd = w[k].at;
    const gap = written.slice(gapStart, gapEnd);
    const want = preferred.slice(p[k - 1].at + 1, p[k].at);
    // A letter the comparison skipped (the u of "behaviour") is never a join.
    if (!SEPARATOR.test(gap) && gap !== '') continue;
    if (joinKind(gap) === joinKind(want)) continue;
    out += written.slice(from, gapStart) + (joinKind(want) === 'space' ? ' ' : want.trim());
    from = gapEnd;
    changed = true;
  }
  return changed ? out + written.slice(from) : null;
}

/** Letters of a phrase (everything but spaces and hyphens), lower-cased; null when there is markup or a case change alters length. */
function letters(text: string): Letter[] | null {
  const out: Letter[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (SEPARATOR.test(c)) continue;
    if (/[*_`[\]<>\\]/.test(c)) return null;
    const key = c.toLowerCase();
    if (key.length !== 1) return null;
    out.push({ key, at: i });
  }
  // behaviour and behavior are one spelling to the matcher: drop the u so the letters line up.
  for (let k = out.length - 2; k >= 7; k--) {
    if (out[k].key === 'u' && out[k + 1].key === 'r' && out.slice(k - 7, k).map((l) => l.key).join('') === 'behavio') out.splice(k, 1);
  }
  return out;
}

function sameLetter(a: string, b: string): boolean {
  return a === b || ((a === 's' || a === 'z') && (b === 's' || b === 'z'));
}

function joinKind(gap: string): 'closed' | 'hyphen' | 'space' {
  if (gap === '') return 'closed';
  return HYPHEN.test(gap) ? 'hyphen' : 'space';
}
