/**
 * Rule `avoid-term`: a phrase the house glossary bans (`avoid:`), found in prose.
 * Phrases are literal text matched like term forms (case, spacing, hyphens, line
 * breaks and British spellings are tolerated; nothing else). The same text is not
 * flagged where a term would not be: outside prose (code, URLs, HTML, math, front
 * matter), under a disable directive, or where the draft talks about the phrase
 * rather than using it ("we no longer write 'inner alignment failure'").
 */
import type { AvoidEntry } from '../glossary/types';
import type { ParsedDocument } from '../markdown/parse';
import { toSourceSpan } from '../markdown/prose';
import { compilePhrases, normalizePhrase } from '../phrases';
import type { Registry, Term } from '../registry';
import type { Resolution } from '../resolve';
import { mentionReason } from '../resolve/mention';
import type { Finding, Fix } from '../types';

interface AvoidMatcher {
  regex: RegExp;
  byPhrase: Map<string, AvoidEntry>;
}

const matchers = new WeakMap<Registry, AvoidMatcher | null>();

/** One matcher for every avoid phrase of a registry, compiled on first use. */
function avoidMatcher(registry: Registry): AvoidMatcher | null {
  let matcher = matchers.get(registry);
  if (matcher === undefined) {
    const byPhrase = new Map<string, AvoidEntry>();
    for (const entry of registry.avoid) {
      const key = normalizePhrase(entry.phrase);
      if (key) byPhrase.set(key, entry);
    }
    matcher = byPhrase.size ? { regex: compilePhrases(registry.avoid.map((e) => e.phrase)), byPhrase } : null;
    matchers.set(registry, matcher);
  }
  return matcher;
}

/**
 * The mention grammar ("the phrase X", quotation marks) does not depend on which
 * term is mentioned, except for contested terms; an avoid phrase stands in as a
 * settled one.
 */
const PHRASE_AS_TERM = { id: '', label: '', summary: '', enabled: true, forms: [], senses: [], contested: false } as Term;

/** Findings of `avoid-term` (without rule and severity), in document order. Never throws. */
export function avoidTermFindings(doc: ParsedDocument, resolution: Resolution, registry: Registry): Omit<Finding, 'rule' | 'severity'>[] {
  if (registry.severity['avoid-term'] === 'off') return [];
  const matcher = avoidMatcher(registry);
  if (!matcher) return [];
  const out: Omit<Finding, 'rule' | 'severity'>[] = [];
  doc.contexts.forEach((context, index) => {
    const regex = matcher.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(context.plain); m; m = regex.exec(context.plain)) {
      const entry = matcher.byPhrase.get(normalizePhrase(m[0]));
      if (!entry) continue;
      const plainStart = m.index;
      const plainEnd = plainStart + m[0].length;
      const span = toSourceSpan(context, plainStart, plainEnd);
      if (resolution.scope.isIgnored('', span.start)) continue;
      if (overlapsIgnoredTerm(resolution, index, plainStart, plainEnd)) continue;
      const raw = { term: '', span, text: m[0], context: index, plainStart, plainEnd };
      if (mentionReason(raw, resolution.views[index], null, PHRASE_AS_TERM)) continue;
      out.push({ message: avoidMessage(m[0], entry), span, fixes: avoidFixes(doc.text, m[0], span, entry) });
    }
  });
  return out;
}

/** A term occurrence inside the match that a directive switched off switches the phrase off too. */
function overlapsIgnoredTerm(resolution: Resolution, context: number, start: number, end: number): boolean {
  return resolution.occurrences.some((o) => o.context === context && o.status === 'ignored' && o.plainStart < end && start < o.plainEnd);
}

/** `"inner alignment failure" is on the house avoid list; use "goal misgeneralization" instead: REASON.` */
export function avoidMessage(written: string, entry: AvoidEntry): string {
  const phrase = written.replace(/\s+/g, ' ');
  const use = entry.use ? `; use "${entry.use}" instead` : '';
  const reason = entry.reason?.trim() ? `: ${entry.reason.trim().replace(/\.$/, '')}` : '';
  return `"${phrase}" is on the house avoid list${use}${reason}.`;
}

function avoidFixes(text: string, plain: string, span: Finding['span'], entry: AvoidEntry): Fix[] {
  if (!entry.use?.trim()) return [];
  const source = text.slice(span.start, span.end);
  const replacement = keepFirstLetterCase(source, entry.use.trim());
  // Markup inside the match (emphasis, a link) would be lost: offer the fix, but not for fix-all.
  const plainSource = source.replace(/\s+/g, ' ') === plain.replace(/\s+/g, ' ');
  const edits = [{ span, newText: replacement }];
  // "an inner alignment failure" -> "a goal misgeneralization": the article follows the new word.
  const article = /(?<![\p{L}\p{N}])(an?|An?|AN?)(\s+)$/u.exec(text.slice(Math.max(0, span.start - 8), span.start));
  if (article) {
    const wanted = /^[aeiou]/i.test(replacement) ? 'an' : 'a';
    if (article[1].toLowerCase() !== wanted) {
      const at = span.start - article[0].length;
      const cased = article[1] === article[1].toUpperCase() && article[1].length > 1 ? wanted.toUpperCase() : article[1][0] === 'A' ? `A${wanted.slice(1)}` : wanted;
      edits.unshift({ span: { start: at, end: at + article[1].length }, newText: cased });
    }
  }
  return [{ kind: 'replace', title: `Replace with "${replacement}"`, edits, preferred: true, safe: plainSource }];
}

/** "Inner alignment failure" -> "Goal misgeneralization": a capital that starts the phrase starts the replacement. */
export function keepFirstLetterCase(written: string, replacement: string): string {
  const first = written.match(/\p{L}/u)?.[0];
  if (!first || first === first.toLowerCase()) return replacement;
  return replacement.replace(/\p{L}/u, (c) => c.toUpperCase());
}
