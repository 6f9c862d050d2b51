/**
 * Sentence boundaries inside a context's plain text. Attributions and claims are
 * judged per sentence, so this errs towards not splitting after abbreviations.
 */
import { lastAtOrBefore } from '../sorted';

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'al', 'cf', 'dr', 'mr', 'ms', 'mrs', 'fig', 'no', 'sec', 'approx', 'resp', 'viz', 'ca', 'p', 'pp', 'st']);

/** Start offsets of the sentences of `plain` (the first is always 0). */
export function sentenceStarts(plain: string): number[] {
  const starts = [0];
  const boundary = /[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[\p{Lu}\p{N}*])|[.!?]+["'\u201d\u2019)\]]*\s*\n|\n\s*\n/gu;
  for (let m = boundary.exec(plain); m; m = boundary.exec(plain)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.')) {
      const word = /([\p{L}.]+)$/u.exec(plain.slice(Math.max(0, m.index - 12), m.index))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^[\p{Lu}]$/u.test(word) || /^\p{L}$/u.test(word)) continue;
    }
    let next = end;
    while (next < plain.length && /\s/.test(plain[next])) next++;
    if (next < plain.length && next > starts[starts.length - 1]) starts.push(next);
  }
  return starts;
}

/** The [start, end) range of the sentence containing plain-text index `i`. */
export function sentenceAt(starts: number[], length: number, i: number): { start: number; end: number } {
  const k = lastAtOrBefore(starts, i);
  return { start: starts[k], end: k + 1 < starts.length ? starts[k + 1] : length };
}
