/**
 * Large patterns compiled once, to machine code, on first use.
 *
 * V8 runs a new RegExp in its bytecode interpreter, then compiles it again, to
 * machine code, on its next run; only a first subject of 1,000 characters or more
 * makes it compile machine code straight away. The resolver's patterns (one set per
 * contested term, from registry data) are several kilobytes each and mostly run on a
 * few words before or after a use, so each one was compiled twice: tens of
 * milliseconds of a one-draft lint. A search over a long string that none of them can
 * match, on first use, compiles each once. Nothing else changes: the search's result
 * is dropped and `lastIndex` is put back.
 */

/**
 * Long enough for V8 to compile straight to machine code, once for one-byte strings
 * and once for two-byte ones (it compiles each kind apart; a draft with one curly
 * quote is two-byte throughout). NUL: no pattern here reads it as a word, a space or
 * a mark, so each search fails at once.
 */
const LONG_SUBJECTS = ['\u0000'.repeat(1024), `${'\u0000'.repeat(1023)}\u2019`];

const compiled = new WeakSet<RegExp>();

/**
 * Returns `regex`, compiled to machine code (see the module comment) the first time
 * it is passed here. Call it where a large pattern is used (or right after creating
 * one that is always used); null passes through.
 */
export function compiledOnce<T extends RegExp | null | undefined>(regex: T): T {
  if (regex && !compiled.has(regex)) {
    compiled.add(regex);
    const lastIndex = regex.lastIndex;
    for (const subject of LONG_SUBJECTS) regex.exec(subject);
    regex.lastIndex = lastIndex;
  }
  return regex;
}
