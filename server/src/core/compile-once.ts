/**
 * Large patterns compiled once, to machine code, on first use.
 *
 * V8 runs a new RegExp in its bytecode interpreter, then compiles it again, to
 * machine code, on its next run; only a subject of 1,000 characters or more makes it
 * compile machine code straight away. The resolver's patterns (one set per contested
 * term, from registry data) are several kilobytes each and mostly run on a few words
 * before or after a use, so each one was compiled twice: tens of milliseconds of a
 * one-draft lint. The first search with each pattern is therefore made over the
 * subject padded to that length, so it compiles once. Nothing else changes: that
 * search's result is dropped and `lastIndex` is put back.
 *
 * V8 compiles a pattern apart for one-byte and two-byte strings (a draft with one
 * curly quote or dash is two-byte throughout), and the padded subject is of the same
 * kind as the subject, so only the kind the draft needs is compiled; were the other
 * kind needed later, V8 compiles it straight to machine code then, the pattern being
 * marked as worth it.
 */

/** Long enough for V8 to compile straight to machine code. NUL: no pattern here reads it as a word, a space or a mark, so each position fails at once. */
const PADDING = '\u0000'.repeat(1024);

const compiled = new WeakSet<RegExp>();

/**
 * Returns `regex`, compiled to machine code for strings of `subject`'s kind (see the
 * module comment) the first time it is passed here. Call it with the subject it is
 * about to search, where a large pattern is used (or right after creating one that
 * is always used); null passes through.
 */
export function compiledOnce<T extends RegExp | null | undefined>(regex: T, subject: string): T {
  if (regex && !compiled.has(regex)) {
    compiled.add(regex);
    // A subject this long is compiled for straight away by V8 itself; padding it would
    // only search (and copy) a long paragraph twice.
    if (subject.length >= PADDING.length) return regex;
    const lastIndex = regex.lastIndex;
    regex.lastIndex = 0;
    regex.exec(subject + PADDING);
    regex.lastIndex = lastIndex;
  }
  return regex;
}
