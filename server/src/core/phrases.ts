/**
 * Turns the registry's literal phrases into patterns. Users never write regular
 * expressions: a phrase is text, and this module alone decides how loosely it
 * matches (case, spacing, hyphens, line breaks, British spellings). Every pattern
 * built here is free of nested quantifiers, so matching stays linear in the text.
 */

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/** Escapes a literal string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** Hyphen-like characters that writers use between the words of a term. */
const HYPHENS = '\\-\u2010\u2011\u2012\u2013';

/**
 * Matches what may stand between two words of a term: spaces, a line break, a hyphen
 * (also a hyphen at the end of a line: "mesa-" / "optimizer"). No two adjacent
 * quantified runs, so a long run of blanks cannot make matching quadratic.
 */
/**
 * What stands between the words of a cue, a sense name or an author's name: the
 * same text as SEPARATOR matches, in a much shorter pattern. The resolver's patterns
 * hold hundreds of such gaps, and V8 compiles every pattern at each process start.
 */
export const COMPACT_SEPARATOR = `[\\s${HYPHENS}]+`;
export const SEPARATOR = `(?:[ \\t]*[${HYPHENS}][ \\t]*(?:(?:\\r\\n?|\\n)[ \\t]*)?|\\s+)`;

/**
 * Normalizes how a phrase is written so that spelling variants compare equal:
 * lower case, any run of spaces/hyphens becomes one space, British -ise/-isation and
 * "behaviour" become American. `mesa-Optimisers` and `mesa optimizers` normalize alike.
 */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\-\u2010\u2011\u2012\u2013]+/g, ' ')
    .replace(/behaviour/g, 'behavior')
    .replace(/(?<=[a-z]{3}i)s(?=(?:e|es|ed|er|ers|ing|ation|ations)\b)/g, 'z')
    .trim();
}

/**
 * The regex atoms of one normalized phrase: each atom matches one character of it,
 * except a space (any separator), the z of -ize (s or z), and behavio(u)r.
 */
export function phraseAtoms(normalized: string, separator = SEPARATOR): string[] {
  const atoms: string[] = [];
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized[i];
    if (c === ' ') atoms.push(separator);
    else if (c === 'z' && isIzeAt(normalized, i)) atoms.push('[sz]');
    else if (c === 'r' && normalized.slice(i - 7, i) === 'behavio') atoms.push('u?r');
    else atoms.push(escapeRegExp(c));
  }
  return atoms;
}

/** True when the z at `i` is the z of an -ize/-ization/-izer ending (British: s). */
function isIzeAt(text: string, i: number): boolean {
  return i >= 4 && text[i - 1] === 'i' && /^[a-z]{3}$/.test(text.slice(i - 4, i - 1)) && /^(?:e|es|ed|er|ers|ing|ation|ations)\b/.test(text.slice(i + 1));
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

/**
 * Builds one pattern (no flags, no boundaries) that matches any of the phrases,
 * preferring the longest. Phrases sharing a prefix share it in the pattern, so a
 * registry of thousands of forms still compiles to one fast alternation.
 */
export function phrasesToPattern(phrases: Iterable<string>, separator = SEPARATOR): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const phrase of phrases) {
    const normalized = normalizePhrase(phrase);
    if (!normalized) continue;
    let node = root;
    for (const atom of phraseAtoms(normalized, separator)) {
      let next = node.children.get(atom);
      if (!next) {
        next = { children: new Map(), terminal: false };
        node.children.set(atom, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return emit(root) ?? '(?!)';
}

function emit(node: TrieNode): string | null {
  if (node.children.size === 0) return null;
  const branches: string[] = [];
  for (const [atom, child] of node.children) {
    const rest = emit(child);
    branches.push(rest === null ? atom : child.terminal ? `${atom}(?:${rest})?` : `${atom}${rest}`);
  }
  return branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
}

/**
 * Letters and digits on either side of a match mean it is part of a longer word.
 * Patterns run without the `u` flag (four times faster on case-insensitive
 * alternations), so "letter" is spelled out: ASCII and Latin-1/Latin Extended-A/B.
 */
export const WORD_CHAR = 'A-Za-z0-9_\\u00C0-\\u024F';
export const WORD_BEFORE = `(?<![${WORD_CHAR}])`;
export const WORD_AFTER = `(?![${WORD_CHAR}])`;

/** WORD_BEFORE's class as a test of one character, with the `i` flag of the patterns it stands in for. */
const WORD_CHAR_CI = new RegExp(`[${WORD_CHAR}]`, 'i');

/**
 * The next match of `regex` in `text` that no word character precedes: exactly what
 * `regex` would give had it started with WORD_BEFORE. For a global, case-insensitive
 * `regex` compiled without it. V8 checks a leading lookbehind at every position and
 * then cannot skip ahead to where an alternative's first characters occur, which
 * made the long phrase alternations scanned over every paragraph run at half speed;
 * a match inside a word is rare, and the search resumes one character after it.
 */
export function execAfterWordStart(regex: RegExp, text: string): RegExpExecArray | null {
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m.index === 0 || !WORD_CHAR_CI.test(text[m.index - 1])) return m;
    regex.lastIndex = m.index + 1;
  }
  return null;
}

/** A case-insensitive, global RegExp matching any phrase as whole words. */
export function compilePhrases(phrases: Iterable<string>): RegExp {
  return new RegExp(`${WORD_BEFORE}${phrasesToPattern(phrases)}${WORD_AFTER}`, 'gi');
}

/**
 * Compiles one cue phrase. Beyond phrasesToPattern's tolerance, a word ending in `*`
 * matches any word starting with it, and a lone `...` stands for up to five words.
 */
export function cuePattern(cue: string): string {
  const words = cue.trim().split(/\s+/);
  let out = '';
  words.forEach((word, i) => {
    if (word === '...') {
      out += '(?:[^\\s.;!?]+\\s+){0,5}?';
      return;
    }
    const prefix = word.endsWith('*');
    const body = prefix ? word.slice(0, -1) : word;
    const atoms = phraseAtoms(normalizePhrase(body), COMPACT_SEPARATOR).join('');
    out += prefix ? `${atoms}[${WORD_CHAR}'\u2019\\-]*` : atoms;
    if (i < words.length - 1 && words[i + 1] !== '...') out += COMPACT_SEPARATOR;
    else if (i < words.length - 1) out += '\\s+';
  });
  return out;
}
