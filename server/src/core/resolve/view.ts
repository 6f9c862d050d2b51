/**
 * Lazily computed facts about one prose context that several resolver steps share:
 * sentence boundaries and quotation spans.
 */
import type { ProseContext } from '../markdown/prose';
import { sentenceAt, sentenceStarts } from '../markdown/sentences';

/** A plain-text range. */
export interface Range {
  start: number;
  end: number;
}

/** Cached analysis of one context. */
export class ContextView {
  private starts?: number[];
  private quoteSpans?: Range[];
  private memos?: Map<string, unknown>;

  constructor(readonly context: ProseContext) {}

  /** The plain text. */
  get plain(): string {
    return this.context.plain;
  }

  /** The sentence containing plain index `i`. */
  sentence(i: number): Range {
    this.starts ??= sentenceStarts(this.context.plain);
    return sentenceAt(this.starts, this.context.plain.length, i);
  }

  /** Spans of text inside quotation marks (content only, marks excluded). */
  get quotes(): Range[] {
    this.quoteSpans ??= findQuotes(this.context.plain);
    return this.quoteSpans;
  }

  /**
   * Memoizes a per-context computation (cue verdicts, attribution scans) under
   * `key`, so every occurrence and rule reading this paragraph shares one result.
   */
  memo<T>(key: string, compute: () => T): T {
    this.memos ??= new Map();
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** True when [start, end) lies inside one pair of quotation marks. */
  inQuotes(start: number, end: number): boolean {
    return this.quotes.some((q) => q.start <= start && end <= q.end);
  }
}

const LETTER = /[\p{L}\p{N}]/u;

/** Where a quotation that runs on from or into another paragraph may open or close: only blanks, markup or final punctuation. */
const EDGE = /^[\s*_.,;:!?)\]\uFFFC]*$/;

/** A mark between `prev` and `next` that stands where a closing mark belongs: after a word, before no letter. */
function closesLikeAMark(prev: string, next: string): boolean {
  return !/[\s(\[]/.test(prev) && !LETTER.test(next);
}

/** ", ', \u2018, \u2019, \u201c, \u201d, \u201e: the characters findQuotes reads. */
function isQuoteMark(code: number): boolean {
  return code === 0x22 || code === 0x27 || (code >= 0x2018 && code <= 0x201e && code !== 0x201a && code !== 0x201b);
}

/**
 * Pairs quotation marks: straight double quotes toggle; curly double quotes nest
 * (a quotation may quote), and a \u201c written where a closing mark belongs (after
 * a word, before a space or punctuation) closes; a single quote opens only after a
 * space or bracket and before a letter, and closes before a non-letter, so
 * apostrophes (Shah's, teams') never do. A quotation that spans paragraphs opens
 * a paragraph without closing in it, or closes one it did not open there: such a
 * paragraph is quoted from its opening mark to its end, or from its start to its
 * closing mark.
 */
export function findQuotes(text: string): Range[] {
  const spans: Range[] = [];
  let straightDouble = -1;
  const curly: number[] = [];
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    // Only quotation marks and apostrophes matter: the rest is skipped at the cost of one comparison.
    if (!isQuoteMark(text.charCodeAt(i))) continue;
    const c = text[i];
    const prev = i > 0 ? text[i - 1] : ' ';
    const next = i + 1 < text.length ? text[i + 1] : ' ';
    // No closure over prev and next here: V8 would then allocate their scope on every
    // character of the loop, quotation mark or not (100 MB per 100 drafts).
    if (c === '"') {
      if (straightDouble < 0) straightDouble = i + 1;
      else {
        spans.push({ start: straightDouble, end: i });
        straightDouble = -1;
      }
    } else if ((c === '\u201c' && !(curly.length && closesLikeAMark(prev, next))) || c === '\u201e') {
      curly.push(i + 1);
    } else if (c === '\u201d' || c === '\u201c') {
      const open = curly.pop();
      if (open !== undefined) spans.push({ start: open, end: i });
      else if (EDGE.test(text.slice(i + 1))) spans.push({ start: 0, end: i });
    } else if (c === '\u2018' || (c === "'" && !LETTER.test(prev) && LETTER.test(next))) {
      if (single < 0 && !LETTER.test(prev)) single = i + 1;
    } else if ((c === '\u2019' || c === "'") && single >= 0 && !LETTER.test(next) && !/\s/.test(prev)) {
      spans.push({ start: single, end: i });
      single = -1;
    }
  }
  if (curly.length && EDGE.test(text.slice(0, curly[0] - 1))) spans.push({ start: curly[0], end: text.length });
  if (straightDouble > 0) {
    if (EDGE.test(text.slice(0, straightDouble - 1))) spans.push({ start: straightDouble, end: text.length });
    else if (EDGE.test(text.slice(straightDouble))) spans.push({ start: 0, end: straightDouble - 1 });
  }
  return spans;
}
