/**
 * The parse of a simple block, read without the parser: a paragraph, a block quote
 * holding one paragraph, a bullet item or an ordered list whose items each hold one
 * paragraph, or an ATX heading, whose only inline markup is code spans, plain inline
 * links, `*` emphasis and strong emphasis of the plainest kind, and bracketed text
 * that is no link.
 *
 * plain-paragraph.ts takes paragraphs with no markup at all (a fifth of a typical
 * draft). Most of the rest is blocks like these, for which the parser's whole work is
 * a few text runs, one masked character per code span and one link per link. Such a
 * block's parse is written here directly, exactly as parse.ts gives it for the block
 * on its own, parsed as once.ts parses it (with the definitions of the labels it names
 * appended; see chunks.ts); test/core/simple-block.test.ts holds the two equal over
 * every block it accepts. Anything outside this narrow grammar (HTML, escapes,
 * entities, images, `_` emphasis, delimiter runs that could open and close, reference
 * links that resolve, nested brackets, tables, any other block or a second paragraph)
 * declines the block, which then goes to the parser: declining is always safe.
 */
import { normalizeLabel, type LinkDefinitions } from './chunks';
import type { HeadingInfo, ParsedBlocks } from './parse';
import { maskExcluded, PlainBuilder, type ContextKind, type ProseContext, type ProseLink } from './prose';

const NEWLINE = 10;
const SPACE = 32;
const STAR = 42;
const BACKTICK = 96;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Characters a line of a paragraph may start with: a letter, a straight or opening
 * quotation mark, an opening parenthesis (none opens a block construct: no list,
 * heading, quote, fence, indented code, HTML, table or front matter). A backtick,
 * bracket or `*` may start a line too; the inline reading then decides whether what
 * follows is a code span, text or emphasis (a fence needs three backticks, a bullet
 * or thematic break a space after its `*`, which emphasis never has).
 */
const LINE_START = /[A-Za-z"'(\u201C\u2018`[*]/;
/**
 * Characters that, outside a code span or a link's address, mean more than text to
 * the parser or to the markup limits (limits.ts): `_` emphasis, HTML and autolinks,
 * entities, escapes, pipe tables, strikethrough, tabs, carriage returns and NUL.
 */
const MARKUP = asciiTable('_<>&\\|~\t\r\0');
/**
 * A link address read as written: no space, parenthesis, angle bracket, escape,
 * entity, title quote or control character, and none of the marks the markup limits
 * count (emphasis delimiters, backticks, brackets).
 */
const PLAIN_ADDRESS = /^[^\s()<>\\&"'\0-\x1f\x7f*_~`[\]]+$/;
/** A lookup by character code: 1 for the ASCII characters in `chars`. */
function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** The marker of an ordered list item with its content one space after it. */
const ORDERED_MARKER = /^\d{1,9}[.)] /;
/** After the paragraph, only blank lines may follow in the block. */
const BLANK_REST = /(?:\n[ \t]*)*$/y;
/** Letters and digits: a `*` between one and a space or the line's end can only close, as one after a space can only open. */
const WORD = /[\p{L}\p{N}]/u;
/** Punctuation after which a `*` followed by a letter can only open. */
const OPENING_PUNCTUATION = /["'(\u201C\u2018]/;
/** Punctuation before which a `*` preceded by a letter can only close. */
const CLOSING_PUNCTUATION = /[.,;:!?)"'\u201D\u2019\u2014-]/;
/** Continuation lines may be indented this much at most (far below the markup limits' marker column). */
const MAX_INDENT = 16;
/**
 * Far below the markup limits (limits.ts: 1,000 emphasis runs, backtick runs or
 * brackets in one paragraph), so the parser would read such a block as written.
 */
const MAX_MARKS = 200;

/** One paragraph or heading of the block: its kind and the content of each of its lines, in the block. */
interface Leaf {
  kind: ContextKind;
  /** [start, end) of each line's content (its container prefix and indentation left out). */
  lines: number[];
  /** A heading's depth (1-6). */
  depth?: number;
}

/**
 * The parse of `block` (one block of splitChunks, on its own, in its own coordinates)
 * when it is a simple block (see above), its bracketed text judged by `definitions`
 * (the document's, as chunks.ts's linkDefinitions gives them); null otherwise, and the
 * block goes to the parser.
 */
export function simpleBlock(block: string, definitions: LinkDefinitions): ParsedBlocks | null {
  const leaves = blockShape(block);
  if (!leaves) return null;
  const contexts: ProseContext[] = [];
  const headings: HeadingInfo[] = [];
  for (const leaf of leaves) {
    const reader = new SimpleReader(block, leaf.lines, definitions);
    if (!reader.read()) return null;
    const lines = leaf.lines;
    const span = { start: lines[0], end: lines[lines.length - 1] };
    // The fields in the order, and with the values, that parse.ts's readContext gives.
    const context: ProseContext = {
      kind: leaf.kind,
      plain: maskExcluded(reader.builder.toString()),
      segments: reader.builder.segments,
      links: reader.links,
      leadStrong: reader.leadStrong,
      span,
      section: headings.length - 1,
    };
    if (leaf.kind === 'heading') {
      span.start -= leaf.depth! + 1; // the heading's span starts at its #
      headings.push({ depth: leaf.depth!, text: context.plain.trim(), span: { ...span } });
      context.section = headings.length - 1;
    }
    contexts.push(context);
  }
  return { contexts, frontMatter: undefined, directives: [], headings };
}

/**
 * The leaves of a simple block, or null: an ATX heading alone on its line; a block
 * quote of one paragraph ("> " on its first line); a bullet item ("- ", "+ ", "* ");
 * an ordered list whose items all use the first one's delimiter; or a paragraph. Each
 * is followed only by blank lines.
 */
function blockShape(block: string): Leaf[] | null {
  const first = block.charCodeAt(0);
  if (first === 35 /* # */) return heading(block);
  if (first === 62 /* > */) {
    if (block.charCodeAt(1) !== SPACE) return null;
    const lines = paragraphLines(block, 2, (at) => (block.charCodeAt(at) === 62 && block.charCodeAt(at + 1) === SPACE ? at + 2 : -1));
    return lines && lines.end === block.length ? [{ kind: 'paragraph', lines: lines.lines }] : null;
  }
  if ((first === 45 || first === 43 || first === STAR) && block.charCodeAt(1) === SPACE) {
    const lines = paragraphLines(block, 2);
    return lines && lines.end === block.length ? [{ kind: 'listItem', lines: lines.lines }] : null;
  }
  if (first >= 48 && first <= 57) return orderedItems(block);
  const lines = paragraphLines(block, 0);
  return lines && lines.end === block.length ? [{ kind: 'paragraph', lines: lines.lines }] : null;
}

/** "## Title" on one line, then blank lines; no closing sequence. */
function heading(block: string): Leaf[] | null {
  let depth = 0;
  while (block.charCodeAt(depth) === 35) depth++;
  if (depth > 6 || block.charCodeAt(depth) !== SPACE) return null;
  const start = depth + 1;
  if (!LINE_START.test(block[start] ?? '')) return null;
  let end = block.indexOf('\n', start);
  if (end < 0) end = block.length;
  const last = block.charCodeAt(end - 1);
  if (last === SPACE || last === 35) return null;
  BLANK_REST.lastIndex = end;
  if (!BLANK_REST.test(block)) return null;
  return [{ kind: 'heading', lines: [start, end], depth }];
}

/** Items "1. ..." (or "1) ...") one after another, each one paragraph, the same delimiter throughout. */
function orderedItems(block: string): Leaf[] | null {
  const leaves: Leaf[] = [];
  const delimiter = block[block.search(/[.)]/)];
  let at = 0;
  while (at < block.length) {
    const marker = ORDERED_MARKER.exec(block.slice(at, at + 12));
    if (!marker || marker[0][marker[0].length - 2] !== delimiter) return null;
    const width = marker[0].length;
    const lines = paragraphLines(block, at + width, undefined, (line) => ORDERED_MARKER.test(block.slice(line, line + 12)));
    if (!lines) return null;
    leaves.push({ kind: 'listItem', lines: lines.lines });
    at = lines.end;
  }
  return leaves;
}

/**
 * The lines of one paragraph whose content starts at `contentStart`: up to a line that
 * `nextItem` says opens the next item (a line at column 0), or to the first blank
 * line, after which only blank lines may follow. Continuation lines may be indented
 * (by up to MAX_INDENT spaces: inside the item, or lazily) or, in a block quote, carry
 * the quote's prefix (`quoted` gives where their content starts, or -1 for a lazy
 * line). Null when a line could be anything but paragraph text (its start) or ends in
 * a space (two make a hard break, one is dropped). Returns the content ranges and
 * where the paragraph's part of the block ends (the block's end, or the next item).
 */
function paragraphLines(
  block: string,
  contentStart: number,
  quoted?: (lineStart: number) => number,
  nextItem?: (lineStart: number) => boolean,
): { lines: number[]; end: number } | null {
  const lines: number[] = [];
  let start = contentStart;
  for (;;) {
    if (!LINE_START.test(block[start] ?? '')) return null;
    // "```" opens a fence; one backtick is a code span or text.
    if (block.charCodeAt(start) === BACKTICK && block.charCodeAt(start + 1) === BACKTICK) return null;
    let end = block.indexOf('\n', start);
    if (end < 0) end = block.length;
    if (block.charCodeAt(end - 1) === SPACE) return null;
    lines.push(start, end);
    if (end === block.length) return { lines, end };
    const next = end + 1;
    if (nextItem?.(next)) return { lines, end: next };
    start = quoted?.(next) ?? -1;
    if (start < 0) {
      start = next;
      while (block.charCodeAt(start) === SPACE && start - next <= MAX_INDENT) start++;
    }
    // A line indented past the item's content is still this paragraph's (indented code cannot interrupt it).
    if (!LINE_START.test(block[start] ?? '') || start - next > MAX_INDENT) {
      // The paragraph ends here: the rest must be blank.
      BLANK_REST.lastIndex = end;
      return BLANK_REST.test(block) ? { lines, end: block.length } : null;
    }
  }
}

/** An emphasis delimiter run waiting for its closer. */
interface OpenRun {
  length: number;
  /** Where the emphasis starts in the plain text. */
  plainStart: number;
  /** Whether it opened the paragraph (a strong run there is the paragraph's lead). */
  lead: boolean;
}

/**
 * Reads one paragraph's inline content as parse.ts's InlineReader would from the
 * parser's events: text runs (one mdast text node each) through PlainBuilder, one
 * masked character at each code span's opening backtick, each link's plain-text
 * range with its address, and a strong run that opens the paragraph. The content is
 * read as one stream: the lines' contents joined by their line endings, which are
 * text, each stream index mapped back to the block.
 */
class SimpleReader {
  readonly builder = new PlainBuilder();
  readonly links: ProseLink[] = [];
  leadStrong: { start: number; end: number } | undefined;
  /** The lines' contents joined by "\n". */
  private readonly content: string;
  /** Where each line starts in `content`. */
  private readonly lineStarts: number[] = [];
  // The text run being gathered, as InlineReader gathers it, in stream indexes.
  private runStart = -1;
  private runEnd = 0;
  /** Whether anything (text or an inline node) has come at the paragraph's top level. */
  private sawChild = false;
  private open: OpenRun | undefined;
  private marks = 0;

  constructor(
    private readonly block: string,
    private readonly lines: number[],
    private readonly definitions: LinkDefinitions,
  ) {
    const parts: string[] = [];
    let at = 0;
    for (let k = 0; k < lines.length; k += 2) {
      this.lineStarts.push(at);
      parts.push(block.slice(lines[k], lines[k + 1]));
      at += lines[k + 1] - lines[k] + 1;
    }
    this.content = parts.join('\n');
  }

  /** Reads the whole paragraph; false as soon as anything is outside this reader's grammar. */
  read(): boolean {
    const content = this.content;
    for (let i = 0; i < content.length; i++) {
      const c = content.charCodeAt(i);
      let after: number;
      if (c === BACKTICK) after = this.codeSpan(i);
      else if (c === OPEN_BRACKET) after = this.bracket(i);
      else if (c === CLOSE_BRACKET) after = this.closingBracket(i);
      else if (c === STAR) after = this.emphasis(i);
      else if (c === 33 /* ! */ && content.charCodeAt(i + 1) === OPEN_BRACKET) return false; // an image
      else if (MARKUP[c] === 1) return false;
      else {
        this.text(i, i + 1);
        continue;
      }
      if (after < 0 || ++this.marks > MAX_MARKS) return false;
      i = after - 1;
    }
    if (this.open) return false; // an opener never closed: the parser keeps it as text
    this.flush();
    return true;
  }

  /** A code span of single backticks opening at `at`, closed on the same line: masked. Returns where text resumes, or -1. */
  private codeSpan(at: number): number {
    const content = this.content;
    if (content.charCodeAt(at + 1) === BACKTICK) return -1;
    for (let k = at + 1; k < content.length; k++) {
      const c = content.charCodeAt(k);
      // Brackets inside code would take part in the search for link labels.
      if (c === NEWLINE || c === OPEN_BRACKET || c === CLOSE_BRACKET) return -1;
      if (c === BACKTICK) {
        if (content.charCodeAt(k + 1) === BACKTICK) return -1;
        this.node();
        this.builder.appendMask(this.toBlock(at));
        return k + 1;
      }
    }
    return -1;
  }

  /**
   * `[` at `at`: an inline link with a plain address (its text read as a run of its
   * own, which may wrap onto the next line), or text the parser leaves as it is (no
   * definition for its label, no address or label after it). Returns where reading
   * resumes, or -1.
   */
  private bracket(at: number): number {
    const content = this.content;
    let close = at + 1;
    for (; close < content.length; close++) {
      const c = content.charCodeAt(close);
      if (c === CLOSE_BRACKET) break;
      // Nested brackets; code, emphasis or anything else marked up in a label.
      if (c === OPEN_BRACKET || c === BACKTICK || c === STAR || MARKUP[c] === 1) return -1;
    }
    if (close >= content.length) return -1; // never closed: the parser might still read a definition
    const next = content.charCodeAt(close + 1);
    if (next === 40 /* ( */) return this.inlineLink(at, close);
    if (next === OPEN_BRACKET || next === 58 /* : */) return -1; // a full or collapsed reference; a definition
    // A shortcut reference resolves only through a definition of its label.
    if (this.definitions.has(normalizeLabel(content.slice(at + 1, close)))) return -1;
    this.text(at, at + 1); // text: the label is read on as text
    return at + 1;
  }

  /** `]` outside a link: text, unless an address or label follows it. */
  private closingBracket(at: number): number {
    const next = this.content.charCodeAt(at + 1);
    if (next === 40 /* ( */ || next === OPEN_BRACKET || next === 58 /* : */) return -1;
    this.text(at, at + 1);
    return at + 1;
  }

  /** `[text](address)` with `[` at `open` and `]` at `close`. Returns where reading resumes, or -1. */
  private inlineLink(open: number, close: number): number {
    const content = this.content;
    const addressEnd = content.indexOf(')', close + 2);
    if (close === open + 1 || addressEnd < 0) return -1;
    const address = content.slice(close + 2, addressEnd);
    if (!PLAIN_ADDRESS.test(address)) return -1;
    this.node();
    const start = this.builder.length;
    this.text(open + 1, close, true);
    this.flush();
    this.links.push({ start, end: this.builder.length, url: address });
    return addressEnd + 1;
  }

  /**
   * A run of `*` at `at`: emphasis (one) or strong emphasis (two) of the plainest
   * kind, where the run can only open (after a space, the line's start or opening
   * punctuation, before a letter or digit) or only close (after a letter or digit,
   * before a space, the line's end or closing punctuation; or after closing
   * punctuation, before a space or the line's end), openers and closers alternate
   * and pair with equal lengths. Returns where reading resumes, or -1.
   */
  private emphasis(at: number): number {
    const content = this.content;
    let end = at + 1;
    while (content.charCodeAt(end) === STAR) end++;
    const length = end - at;
    if (length > 2) return -1;
    const before = at > 0 ? content[at - 1] : '\n';
    const after = end < content.length ? content[end] : '\n';
    const opens = (before === ' ' || before === '\n' || OPENING_PUNCTUATION.test(before)) && WORD.test(after);
    const spaceAfter = after === ' ' || after === '\n';
    const closes = (WORD.test(before) && (spaceAfter || CLOSING_PUNCTUATION.test(after))) || (CLOSING_PUNCTUATION.test(before) && spaceAfter);
    if (opens && !this.open) {
      const lead = !this.sawChild && this.runStart < 0;
      this.node();
      this.open = { length, plainStart: this.builder.length, lead };
      return end;
    }
    if (closes && this.open?.length === length) {
      this.flush();
      if (length === 2 && this.open.lead) this.leadStrong = { start: this.open.plainStart, end: this.builder.length };
      this.open = undefined;
      return end;
    }
    return -1;
  }

  /** Adds the stream's [from, to) to the current run (inside a link or emphasis when `nested`). */
  private text(from: number, to: number, nested = false): void {
    if (this.runStart < 0) {
      this.runStart = from;
      if (!nested && !this.open) this.sawChild = true;
    }
    this.runEnd = to;
  }

  /** An inline node starts: it ends the current run, and is the paragraph's first child if nothing came before. */
  private node(): void {
    this.flush();
    if (!this.open) this.sawChild = true;
  }

  /** Ends the current run: one text node's value, aligned to its source range. */
  private flush(): void {
    if (this.runStart < 0) return;
    const value = this.content.slice(this.runStart, this.runEnd);
    this.builder.appendText(value, this.block, this.toBlock(this.runStart), this.toBlock(this.runEnd - 1) + 1);
    this.runStart = -1;
  }

  /** The block offset of stream index `i` (a line ending maps to the block's "\n"). */
  private toBlock(i: number): number {
    const starts = this.lineStarts;
    let line = starts.length - 1;
    while (starts[line] > i) line--;
    return this.lines[2 * line] + (i - starts[line]);
  }
}
