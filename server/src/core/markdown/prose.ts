/**
 * Prose contexts: the unit the engine reads. A context is one paragraph, heading,
 * list-item paragraph or table row, flattened to plain text (the text node values,
 * with inline code, HTML and images replaced by an object-replacement character so
 * nothing matches across them), and a map from every plain-text index back to the
 * source offset it came from.
 */
import type { Span } from '../types';

/** The character that stands in for excluded inline content (code, HTML, math, URLs). */
export const MASK = '\uFFFC';

/** A run of plain text and where it came from in the source. */
export interface Segment {
  /** Index in the context's plain text where this run starts. */
  plainStart: number;
  /** Source offset of the run's first character. */
  sourceStart: number;
  length: number;
  /** Source offset of every character, when the run is not a verbatim copy. */
  offsets?: Int32Array;
}

/** A link (inline or reference) inside a context, in plain-text offsets. */
export interface ProseLink {
  start: number;
  end: number;
  url: string;
}

/** What kind of block a context came from. */
export type ContextKind = 'paragraph' | 'heading' | 'listItem' | 'tableRow';

/** One unit of prose. */
export interface ProseContext {
  kind: ContextKind;
  plain: string;
  segments: Segment[];
  links: ProseLink[];
  /** Plain-text range of a strong (bold) run that opens the paragraph, e.g. "**Inner alignment.**". */
  leadStrong?: { start: number; end: number };
  /** Source span of the whole block. */
  span: Span;
  /** Index (into ParsedDocument.headings) of the nearest heading above, or -1. */
  section: number;
  /**
   * Added to every segment's source offset (`span` is always absolute). An incremental
   * analysis parses a block on its own, at offset 0, and places it with `base`.
   */
  base?: number;
}

/** Source offset of plain-text index `i` of a context. */
export function toSource(context: ProseContext, i: number): number {
  if (context.segments.length === 0) return context.span.start;
  return (context.base ?? 0) + toLocalSource(context, i);
}

function toLocalSource(context: ProseContext, i: number): number {
  const segments = context.segments;
  if (segments.length === 0) return context.span.start;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].plainStart <= i) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  const k = Math.max(0, Math.min(i - seg.plainStart, seg.length - 1));
  if (i - seg.plainStart >= seg.length) {
    // just past the segment's end: one past its last character
    return (seg.offsets ? seg.offsets[seg.length - 1] : seg.sourceStart + seg.length - 1) + 1;
  }
  return seg.offsets ? seg.offsets[k] : seg.sourceStart + k;
}

/** Source span of plain-text range [start, end) of a context. */
export function toSourceSpan(context: ProseContext, start: number, end: number): Span {
  return { start: toSource(context, start), end: toSource(context, end - 1) + 1 };
}

/** Builds a context's plain text and segments incrementally. */
export class PlainBuilder {
  private parts: string[] = [];
  length = 0;
  readonly segments: Segment[] = [];

  /**
   * Appends a text node's value. `source` is the document text and [start, end) the
   * node's source range; when the value is not a verbatim slice (escapes, entities,
   * block-quote markers on continuation lines), each character is aligned greedily.
   */
  appendText(value: string, source: string, start: number, end: number): void {
    if (!value) return;
    if (source.slice(start, end) === value) {
      this.segments.push({ plainStart: this.length, sourceStart: start, length: value.length });
    } else {
      const offsets = new Int32Array(value.length);
      let j = start;
      for (let i = 0; i < value.length; i++) {
        const c = value[i];
        let k = j;
        // After a line break the source may hold any amount of container prefix (block
        // quote markers, list indentation) that the value lacks: look to the line's end.
        // Elsewhere only escapes and entities differ, within a few characters.
        const afterBreak = i > 0 && value[i - 1] === '\n';
        const lineEnd = afterBreak ? source.indexOf('\n', j) : -1;
        const limit = afterBreak ? (lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1) : Math.min(end, j + 16);
        while (k < limit && source[k] !== c) k++;
        if (k < limit) {
          offsets[i] = k;
          j = k + 1;
        } else {
          offsets[i] = Math.min(j, Math.max(start, end - 1));
        }
      }
      this.segments.push({ plainStart: this.length, sourceStart: start, length: value.length, offsets });
    }
    this.parts.push(value);
    this.length += value.length;
  }

  /** Appends one masked character standing for excluded content at `offset`. */
  appendMask(offset: number, text = MASK): void {
    this.segments.push({ plainStart: this.length, sourceStart: offset, length: text.length });
    this.parts.push(text);
    this.length += text.length;
  }

  /** The plain text built so far. */
  toString(): string {
    return this.parts.join('');
  }
}

const MATH = /\$\$[\s\S]+?\$\$|\$(?=[^\s$])(?:[^$\n\\]|\\.)*?(?<=[^\s\\])\$(?!\d)/g;
const BARE_URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>\uFFFC]*[^\s<>\uFFFC.,;:!?'")\]]/gi;
const FOOTNOTE_LABEL = /\[\^[^\]\s]+\]/g;

/**
 * Masks what CommonMark parses as text but the contract excludes: TeX math ($...$
 * with pandoc's rules, so "$5 and $10" is not math; $$...$$), bare URLs, and footnote
 * labels ([^note]). Masking keeps every index, so offsets stay exact.
 */
export function maskExcluded(plain: string): string {
  let out = plain;
  const mask = (m: string) => MASK.repeat(m.length);
  if (out.includes('$')) out = out.replace(MATH, mask);
  if (out.includes('://') || /www\./i.test(out)) out = out.replace(BARE_URL, mask);
  if (out.includes('[^')) out = out.replace(FOOTNOTE_LABEL, mask);
  return out;
}
