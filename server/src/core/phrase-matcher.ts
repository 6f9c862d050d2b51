/**
 * A matcher for many literal phrases at once (every form of every term), with the
 * same tolerance as the patterns of phrases.ts: any case, any separator between
 * words (phrases.SEPARATOR), -ise/-ize, behaviour/behavior, whole words only.
 *
 * Why not one big RegExp: V8 needs seconds to compile an alternation of 20,000
 * forms (a house glossary of 5,000 terms) and then runs it several times slower
 * than the built-in registry's. Here a small native RegExp of the phrases' first
 * characters finds the word starts worth a look, and a character trie, walked from
 * there, decides. The walk stops at the first character no phrase continues with,
 * so matching stays linear in the text whatever the number of phrases. The trie is
 * expanded lazily, node by node as text reaches it, so compiling costs little more
 * than normalizing the phrases.
 */
import { normalizePhrase, phraseAtoms, SEPARATOR, WORD_AFTER, WORD_BEFORE } from './phrases';

/** What `exec` returns: the matched text and where it starts, like a RegExp match. */
export interface PhraseMatch {
  0: string;
  index: number;
}

/**
 * Finds phrases the way a global RegExp does: `exec(text)` returns the next match
 * at or after `lastIndex` and moves `lastIndex` past it; at the end it returns null
 * and resets `lastIndex` to 0. Where phrases overlap, the longest one at the
 * leftmost position wins.
 */
export interface PhraseMatcher {
  lastIndex: number;
  exec(text: string): PhraseMatch | null;
}

/**
 * Phrases are encoded as strings of "atoms", one code unit each: a lower-case
 * character stands for itself; these three stand for the looser atoms of phrases.ts.
 */
const SEP = 0x01; // a separator: spaces, a hyphen, a line break
const SZ = 0x02; // the z of -ize, which may be written s
const UR = 0x03; // the r of behavio(u)r

interface TrieNode {
  /** Remaining atoms of the phrases below this node, until the node is expanded. */
  pending?: string[];
  /** Children by atom. */
  next?: Map<number, TrieNode>;
  /** True when a separator, -ize z or behaviour r child exists (the walk must branch). */
  special: boolean;
  terminal: boolean;
}

const S = 0x73;
const Z = 0x7a;
const U = 0x75;
const R = 0x72;

/** Turns a node's pending phrases into children (each child keeps its own pending list). */
function expand(at: TrieNode): void {
  const pending = at.pending!;
  at.pending = undefined;
  for (const rest of pending) {
    if (rest.length === 0) {
      at.terminal = true;
      continue;
    }
    const code = rest.charCodeAt(0);
    at.next ??= new Map();
    let child = at.next.get(code);
    if (!child) {
      child = { pending: [], special: false, terminal: false };
      at.next.set(code, child);
      if (code <= UR) at.special = true;
    }
    child.pending!.push(rest.slice(1));
  }
}

function child(at: TrieNode, code: number): TrieNode | undefined {
  if (at.pending) expand(at);
  return at.next?.get(code);
}

/**
 * Compiles `phrases` (literal text, as in glossaries) into one matcher. Pass
 * `normalized: true` when the phrases already went through normalizePhrase (the
 * registry has normalized every form anyway; normalizing twice costs at 20,000 forms).
 */
export function compilePhraseMatcher(phrases: Iterable<string>, options: { normalized?: boolean } = {}): PhraseMatcher {
  const encoded = new Set<string>();
  const prefixes = new Set<string>();
  for (const phrase of phrases) {
    const normalized = options.normalized ? phrase : normalizePhrase(phrase);
    if (!normalized) continue;
    const atoms = encode(normalized);
    if (encoded.has(atoms)) continue;
    encoded.add(atoms);
    prefixes.add(prefixPattern(atoms));
  }
  return new TrieMatcher({ pending: [...encoded], special: false, terminal: false }, prefixes);
}

/** The atoms of a normalized phrase (see SEP, SZ, UR), from phrases.ts's own phraseAtoms. */
function encode(normalized: string): string {
  // phraseAtoms only makes a z after an i (-ize) and the r of "behavior" special;
  // both depend on their own word alone, so only words that have them need it.
  if (!normalized.includes('iz') && !normalized.includes('behavio')) return normalized.replaceAll(' ', '\u0001');
  return normalized
    .split(' ')
    .map((word) => (word.includes('iz') || word.includes('behavio') ? phraseAtoms(word).map(atomCode).join('') : word))
    .join('\u0001');
}

function atomCode(atom: string): string {
  if (atom === SEPARATOR) return '\u0001';
  if (atom === '[sz]') return '\u0002';
  if (atom === 'u?r') return '\u0003';
  return atom.length === 2 && atom[0] === '\\' ? atom[1] : atom;
}

/** How many leading characters of a phrase the native prefilter looks for. */
const PREFIX_ATOMS = 4;

/** Characters that need escaping in a RegExp. */
const REGEX_SPECIAL = new Set('\\^$.*+?()[]{}|/');

/**
 * The first characters of a phrase, up to its first separator, as a pattern: the
 * prefilter finds word starts that some phrase could begin at. Four characters make
 * it selective (few false starts) while keeping it small for thousands of phrases.
 */
function prefixPattern(atoms: string): string {
  let out = '';
  for (let i = 0; i < atoms.length && i < PREFIX_ATOMS; i++) {
    const code = atoms.charCodeAt(i);
    if (code === SEP || code === UR) break;
    if (code === SZ) out += '[sz]';
    else out += REGEX_SPECIAL.has(atoms[i]) ? `\\${atoms[i]}` : atoms[i];
  }
  return out;
}

/** Classifies code units lazily with phrases.ts's own definition of a word character. */
const wordClass = new Uint8Array(0x10000);
const NOT_WORD = new RegExp(WORD_AFTER, 'yu');
function isWord(code: number): boolean {
  let c = wordClass[code];
  if (c === 0) {
    NOT_WORD.lastIndex = 0;
    c = NOT_WORD.test(String.fromCharCode(code)) ? 2 : 1;
    wordClass[code] = c;
  }
  return c === 1;
}

/** Lower case of one code unit, when lower-casing keeps it one code unit. */
const lowerOf = new Int32Array(0x10000).fill(-1);
function lower(code: number): number {
  let l = lowerOf[code];
  if (l < 0) {
    const s = String.fromCharCode(code).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : code;
    lowerOf[code] = l;
  }
  return l;
}

/** Code units a separator can start with: blanks, line breaks, hyphens, other spaces. */
function maySeparate(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code === 0x2d || (code >= 0x2010 && code <= 0x2013)) return true;
  return code > 0x7f && /\s/.test(String.fromCharCode(code));
}

const SEPARATOR_AT = new RegExp(SEPARATOR, 'y');

class TrieMatcher implements PhraseMatcher {
  lastIndex = 0;
  /**
   * Finds the next word start where some phrase's first characters are written. A
   * native RegExp skips the text in between far faster than a loop in JavaScript;
   * it only has to know a few thousand short prefixes, so it compiles at once.
   */
  private readonly starts: RegExp;

  constructor(
    private readonly root: TrieNode,
    prefixes: Set<string>,
  ) {
    const alternatives = [...prefixes].filter(Boolean);
    // No `u` flag where WORD_BEFORE allows it: case-insensitive matching is several times faster without.
    const flags = /\\p\{/.test(WORD_BEFORE) ? 'giu' : 'gi';
    this.starts = alternatives.length ? new RegExp(`${WORD_BEFORE}(?:${alternatives.join('|')})`, flags) : /(?!)/g;
  }

  exec(text: string): PhraseMatch | null {
    const starts = this.starts;
    starts.lastIndex = this.lastIndex;
    for (let m = starts.exec(text); m; m = starts.exec(text)) {
      const i = m.index;
      const first = child(this.root, lower(text.charCodeAt(i)));
      const end = first ? this.longest(text, i + 1, first) : -1;
      if (end > i) {
        this.lastIndex = end;
        return { 0: text.slice(i, end), index: i };
      }
      starts.lastIndex = i + 1;
    }
    this.lastIndex = 0;
    return null;
  }

  /** The end of the longest phrase that continues from `at` at offset `i`, or -1. */
  private longest(text: string, i: number, at: TrieNode): number {
    const length = text.length;
    let best = -1;
    for (;;) {
      if (at.pending) expand(at);
      if (at.terminal && (i >= length || !isWord(text.charCodeAt(i)))) best = i;
      if (i >= length || !at.next) return best;
      const code = text.charCodeAt(i);
      const c = lower(code);
      // Control characters in the text must not pass for the atom codes.
      const next = c > UR ? at.next.get(c) : undefined;
      if (!at.special) {
        // A chain: no alternatives, so no recursion.
        if (!next) return best;
        at = next;
        i++;
        continue;
      }
      let end = next ? this.longest(text, i + 1, next) : -1;
      const sep = at.next.get(SEP);
      if (sep && maySeparate(code)) {
        SEPARATOR_AT.lastIndex = i;
        if (SEPARATOR_AT.test(text)) end = Math.max(end, this.longest(text, SEPARATOR_AT.lastIndex, sep));
      }
      const sz = at.next.get(SZ);
      if (sz && (c === S || c === Z)) end = Math.max(end, this.longest(text, i + 1, sz));
      const ur = at.next.get(UR);
      if (ur) {
        if (c === R) end = Math.max(end, this.longest(text, i + 1, ur));
        else if (c === U && i + 1 < length && lower(text.charCodeAt(i + 1)) === R) end = Math.max(end, this.longest(text, i + 2, ur));
      }
      return Math.max(best, end);
    }
  }
}
