/**
 * Splits a Markdown document into blocks that parse the same on their own as inside
 * the document, so an incremental analysis can re-parse only the blocks an edit
 * touched. A split falls only where CommonMark cannot carry a construct across: a
 * blank line followed by a line that starts at column 0 (but not an ordered list
 * item after a line indented like code: see ORDERED_ITEM), or a bullet list item at column 0
 * (it closes every open block and cannot continue a paragraph), outside front
 * matter, fenced code and HTML blocks. Splitting lists matters beyond the
 * editor: the parser takes time quadratic in the length of a nested list it reads
 * as one piece (a 4,000-line nested list: minutes).
 * Link reference definitions are the one thing that crosses blocks; callers pass
 * them along separately (see linkDefinitions and definitionsFor).
 */

/** A block: [start, end) in the document; blocks tile the text exactly. */
export interface Chunk {
  start: number;
  end: number;
}

import { frontMatterEnd, lineAt } from './lines';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A bullet list item with content at column 0 (a thematic break such as "- - -" splits the same way). */
const BULLET_ITEM = /^[-+*][ \t]+\S/;
/**
 * An ordered list item not numbered 1. micromark reads one right after indented code
 * (blank lines between) as a paragraph, and on its own as a list: no split there.
 */
const ORDERED_ITEM = /^(?!1[.)])\d{1,9}[.)]/;
/** A line indented by four columns or more, as indented code is. */
const INDENTED_4 = /^(?: {4}| {0,3}\t)/;
/** Any HTML at the start of a line: it may open an HTML block that only a blank line ends. */
const HTML_START = /^ {0,3}<[A-Za-z/!?]/;
const HTML_OPEN = /^ {0,3}(?:<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<(?:pre|script|style|textarea)(?:\s|>|$))/i;
const HTML_CLOSE: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<(?:pre|script|style|textarea)/i, /<\/(?:pre|script|style|textarea)>/i],
];

/** Splits `text` into chunks. Never returns an empty list for non-empty text. */
export function splitChunks(text: string): Chunk[] {
  // Front matter is YAML: nothing in it starts a block, so scanning starts after it.
  return splitFrom(text, 0, frontMatterEnd(text), false).chunks;
}

/** Chunks from a resumed split, and the boundary it stopped at (undefined: it ran to the end). */
export interface ResumedSplit {
  chunks: Chunk[];
  stoppedAt?: number;
}

/**
 * Splits `text` from `from`, a chunk start of an earlier split of a text identical
 * up to `from` (the splitter's state is clean there: no fence, HTML block or front
 * matter is open), and stops at the first new chunk start for which `stopAt` says
 * yes. An editor's analysis re-splits only from the block before an edit to the
 * first boundary it shares with the old split, after which both splits agree.
 */
export function resumeChunks(text: string, from: number, stopAt: (start: number) => boolean): ResumedSplit {
  let lineStart = from;
  // The state at `from` is whether the line before it was blank (a boundary needs one, or a bullet item).
  if (from > 0) {
    lineStart = from - 1;
    if (lineStart > 0 && text.charCodeAt(lineStart) === 10 && text.charCodeAt(lineStart - 1) === 13) lineStart--;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  }
  const previousBlank = from > 0 && text.slice(lineStart, from).trim() === '';
  return splitFrom(text, from, from, previousBlank, stopAt);
}

function splitFrom(text: string, chunkStart: number, pos: number, previousBlank: boolean, stopAt?: (start: number) => boolean): ResumedSplit {
  const chunks: Chunk[] = [];
  let fence: string | null = null;
  let htmlClose: RegExp | null = null;
  let htmlToBlank = false;
  // Whether the last line that was not blank was indented like code (it may be, or a list item's text).
  let lastIndented = false;
  while (pos < text.length) {
    const { end, next } = lineAt(text, pos);
    const line = text.slice(pos, end);
    if (fence !== null) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
    } else if (htmlClose !== null) {
      if (htmlClose.test(line)) htmlClose = null;
    } else {
      const blank = line.trim() === '';
      if (blank) htmlToBlank = false;
      const startsBlock = previousBlank ? !blank && !/^\s/.test(line) && !(lastIndented && ORDERED_ITEM.test(line)) : !htmlToBlank && BULLET_ITEM.test(line);
      if (startsBlock && pos > chunkStart) {
        chunks.push({ start: chunkStart, end: pos });
        if (stopAt?.(pos)) return { chunks, stoppedAt: pos };
        chunkStart = pos;
      }
      if (!blank && HTML_START.test(line)) htmlToBlank = true;
      const fenceOpen = FENCE.exec(line);
      if (fenceOpen) fence = fenceOpen[1];
      else if (HTML_OPEN.test(line)) {
        const close = HTML_CLOSE.find(([open]) => open.test(line))?.[1] ?? null;
        if (close && !close.test(line.replace(/^ {0,3}<(?:!--|\?|!\[CDATA\[|!)/, ''))) htmlClose = close;
      }
      previousBlank = blank;
      if (!blank) lastIndented = INDENTED_4.test(line);
    }
    pos = next;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length });
  return { chunks };
}

const DEFINITION_LINE = /^ {0,3}\[(?!\^)((?:[^\]\\]|\\.){1,999})\]:[ \t]*\S.*$/gm;
/** Innermost bracketed text: every label a reference link or image could use. */
const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S]){1,999})\]/g;

/** A document's link reference definitions, by normalised label. */
export type LinkDefinitions = ReadonlyMap<string, string>;

/** How CommonMark compares labels: case-folded, inner whitespace collapsed, trimmed. */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

/** Shared by every text without definitions (most blocks). */
const NO_DEFINITIONS: LinkDefinitions = new Map();

/** The link reference definition lines of `text` (a document or a block), each under its normalised label. */
export function linkDefinitions(text: string): LinkDefinitions {
  if (!text.includes(']:')) return NO_DEFINITIONS;
  const definitions = new Map<string, string>();
  for (const match of text.matchAll(DEFINITION_LINE)) {
    const label = normalizeLabel(match[1]);
    // The first definition of a label wins, as in CommonMark.
    if (!definitions.has(label)) definitions.set(label, match[0]);
  }
  return definitions;
}

/**
 * The labels a block's [text][label] references could use: the normalised text of
 * every innermost bracket pair, each once, in order. (Computed once per block text;
 * see definitionsFor.)
 */
export function referencedLabels(block: string): string[] {
  if (!block.includes(']')) return [];
  const labels = new Set<string>();
  for (const match of block.matchAll(BRACKETED)) labels.add(normalizeLabel(match[1]));
  return [...labels];
}

/**
 * The definition lines a block must see to resolve its references: those whose label
 * it names (`labels`, from referencedLabels). A block is parsed with them appended;
 * appending every definition to every block made a draft with many reference links
 * cost twice its parse, and an edit to any definition re-parse it all.
 */
export function definitionsFor(labels: readonly string[], definitions: LinkDefinitions): string {
  if (definitions.size === 0) return '';
  const lines: string[] = [];
  for (const label of labels) {
    const line = definitions.get(label);
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n');
}
