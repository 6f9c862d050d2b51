/**
 * Limits on the markup handed to the parser. micromark takes time quadratic or worse
 * in a few nestings no draft needs: block quotes and lists nested hundreds deep,
 * emphasis delimiter runs hundreds long, images nested in images (a 20 KB line of
 * them: minutes). Beyond the limits below, the offending marks are replaced, for the
 * parser only, by MASK: the text keeps its length, so every offset stays valid, and
 * the words around the marks are still read as prose. Within the limits the text is
 * returned unchanged (the same string), so ordinary drafts parse exactly as written.
 */
import { frontMatterEnd, lineAt } from './lines';
import { MASK } from './prose';

/** Block quote and list markers opening containers on one line, or list items indented past MAX_MARKER_COLUMN. */
export const MAX_CONTAINER_DEPTH = 32;
/** The column past which a list or block quote marker no longer opens a container. */
export const MAX_MARKER_COLUMN = 128;
/** Longest run of one emphasis delimiter (`*`, `_`, `~`) kept as markup. */
export const MAX_DELIMITER_RUN = 32;
/** Deepest nesting of `[` (links, images) kept as markup within one paragraph. */
export const MAX_BRACKET_DEPTH = 32;
/**
 * Most emphasis delimiter runs, backtick runs, or `[`, kept as markup in one
 * paragraph (each kind counted apart): pairing them costs the square of their number.
 */
export const MAX_INLINE_MARKS = 1000;

/** A code fence opener or closer (``` or ~~~), or a thematic break made of * or _. */
const FENCE_OR_BREAK = /^ {0,3}(?:`{3,}|~{3,}|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;

/**
 * `text` with markup beyond the limits masked, or `text` itself when it has none.
 * Front matter at the very start (when `atDocumentStart`) is left alone: it is YAML,
 * not Markdown. Linear in the length of the text.
 */
export function tameMarkup(text: string, atDocumentStart = true): string {
  const masked: number[] = [];
  const mask = (from: number, to: number) => masked.push(from, to);
  let pos = atDocumentStart ? frontMatterEnd(text) : 0;
  // Per paragraph, roughly: reset at blank lines and at lines that open a container or heading.
  let depth = 0;
  let excess = 0;
  let runs = 0;
  let ticks = 0;
  let brackets = 0;
  while (pos < text.length) {
    const { end, next } = lineAt(text, pos);
    const body = containerPrefix(text, pos, end, mask);
    if (isBlank(text, pos, end) || !isBlank(text, pos, body) || text.charCodeAt(body) === 35 /* # */) {
      depth = excess = runs = ticks = brackets = 0;
    }
    // A thematic break or code fence line is not inline content, whatever its length.
    const inline = !FENCE_OR_BREAK.test(text.slice(body, end));
    for (let i = inline ? body : end; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i++;
      } else if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */ || c === 96 /* ` */) {
        let j = i + 1;
        while (j < end && text.charCodeAt(j) === c) j++;
        if (c === 96 ? ++ticks > MAX_INLINE_MARKS : j - i > MAX_DELIMITER_RUN || ++runs > MAX_INLINE_MARKS) mask(i, j);
        i = j - 1;
      } else if (c === 91 /* [ */) {
        if (depth >= MAX_BRACKET_DEPTH || ++brackets > MAX_INLINE_MARKS) {
          mask(i, i + 1);
          excess++;
        } else depth++;
      } else if (c === 93 /* ] */) {
        if (excess > 0) excess--;
        else if (depth > 0) depth--;
      }
    }
    pos = next;
  }
  if (masked.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (let k = 0; k < masked.length; k += 2) {
    parts.push(text.slice(last, masked[k]), MASK.repeat(masked[k + 1] - masked[k]));
    last = masked[k + 1];
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * Scans the container markers that open line [pos, end) and masks those past the
 * limits; returns where the line's content starts.
 */
function containerPrefix(text: string, pos: number, end: number, mask: (from: number, to: number) => void): number {
  let i = pos;
  let column = 0;
  let markers = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      column++;
      i++;
      continue;
    }
    if (c === 9) {
      column += 4 - (column % 4);
      i++;
      continue;
    }
    let markerEnd = -1;
    if (c === 62 /* > */) markerEnd = i + 1;
    else if ((c === 45 || c === 43 || c === 42) /* - + * */ && followedBySpace(text, i + 1, end)) markerEnd = i + 1;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) /* . ) */ && followedBySpace(text, j + 1, end)) markerEnd = j + 1;
    }
    if (markerEnd < 0) break;
    markers++;
    if (markers > MAX_CONTAINER_DEPTH || column > MAX_MARKER_COLUMN) mask(i, markerEnd);
    column += markerEnd - i;
    i = markerEnd;
  }
  return i;
}

function followedBySpace(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 13;
}

function isBlank(text: string, pos: number, end: number): boolean {
  for (let i = pos; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
