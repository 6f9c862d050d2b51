/**
 * The parse of a simple block, read without the parser: a paragraph, a block quote
 * of paragraphs, a list whose items each hold one paragraph, or an ATX heading, whose
 * only inline markup is code spans, plain inline links, `*` emphasis and strong
 * emphasis of the plainest kind, and bracketed text that is no link (a paragraph may
 * be followed by indented code); or a block with no prose: a closed code fence, an
 * HTML comment, link definitions, a thematic break.
 *
 * plain-paragraph.ts takes paragraphs with no markup at all (a fifth of a typical
 * draft). Most of the rest is blocks like these, for which the parser's whole work is
 * a few text runs, one masked character per code span and one link per link. Such a
 * block's parse is written here directly, exactly as parse.ts gives it for the block
 * on its own, parsed as once.ts parses it (with the definitions of the labels it names
 * appended; see chunks.ts); test/core/simple-block.test.ts holds the two equal over
 * every block it accepts. Anything outside this narrow grammar (HTML, escapes,
 * entities, images, `_` emphasis, delimiter runs that could open and close, reference
 * links through definitions of any other form, nested brackets, tables, a list item's
 * second paragraph, any other block) declines the block, which then goes to the
 * parser: declining is always safe.
 */
import { normalizeLabel, referencedLabels, type LinkDefinitions } from './chunks';
import { parseDirectives, type Directive } from './directives';
import type { ParsedBlocks } from './parse';
import { maskExcluded, PlainBuilder, type ContextKind, type ProseContext, type ProseLink } from './prose';
import { lastAtOrBefore } from '../sorted';
import { splitTableRows } from './tables';

const NEWLINE = 10;
const SPACE = 32;
const STAR = 42;
const BACKTICK = 96;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Characters a line of a paragraph may start with: any that opens no block construct,
 * so not whitespace (indentation, and the Unicode spaces the parser treats alike),
 * `#` (heading), `>` (quote), `-` `+` and digits (lists, thematic breaks, setext
 * underlines), `=` (underline), `_` (break), `~` (fence), `<` (HTML), `|` (a table
 * row), `&` and `\` (an entity or escape). A backtick, bracket or `*` may start a line
 * too; the inline reading then decides whether what follows is a code span, text or
 * emphasis (a fence needs three backticks, a bullet or thematic break a space after
 * its `*`, which emphasis never has; a definition's label is followed by a colon).
 */
const LINE_START = /[^\s#>+=_~<|&\\\-0-9]/;
/** An ordered list marker at a line's start: the one way a line starting with a digit can be more than text. */
const ORDERED_MARKER = /^\d{1,9}[.)](?:[ \t\n]|$)/;

/**
 * Whether paragraph text can start at `start`: a character LINE_START allows, or a
 * digit that opens no ordered list marker ("2, until", "10 steps", "1.5 times").
 */
function textStart(block: string, start: number): boolean {
  if (isDigit(block.charCodeAt(start))) return !ORDERED_MARKER.test(block.slice(start, start + 12));
  return LINE_START.test(block[start] ?? '');
}

/** An ASCII digit, by character code. */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
/**
 * Characters that, outside a code span or a link's address, mean more than text to
 * the parser or to the markup limits (limits.ts): `_` emphasis, HTML and autolinks
 * (a "<" before a space or the line's end is text: read() takes it), entities,
 * escapes, strikethrough, tabs, carriage returns and NUL. ("<" never opening
 * anything, ">" is text; a paragraph shaped as a pipe table is told apart after
 * reading, as parse.ts does.)
 */
const MARKUP = asciiTable('_<&\\~\t\r\0');
/** Characters read apart from running text: the inline markup read here, "!" (before "[" an image), and MARKUP. */
const SPECIAL = asciiTable('`[]*!_<&\\~\t\r\0');
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

/**
 * A definition line (as chunks.ts's linkDefinitions keeps it) whose label has no
 * whitespace at either end, and whose address is followed by nothing or by a title
 * in double quotes on the same line, holding no quote or backslash.
 */
const PLAIN_DEFINITION = /^ {0,3}\[[^\s\]\\](?:[^\]\\]*[^\s\]\\])?\]:[ \t]*(\S+)(?:[ \t]+"[^"\\]*")?[ \t]*$/;
/**
 * A label in printable ASCII, not starting or ending in a space: chunks.ts and the
 * parser normalise it alike (they differ on other Unicode spaces at the ends and on
 * a few case foldings).
 */
const PLAIN_LABEL = /^[!-~](?:[ -~\n]*[!-~])?$/;

/**
 * What follows "[label]:" on a line that cannot be a definition: an address, then
 * after a space something that cannot open a title, so the line does not end where
 * the definition would have to.
 */
const NO_DEFINITION = /^[ \t]*[^\s<]\S*[ \t]+[^\s"'(]/;

/** The address of a plain definition line, or null when the line is not one. */
function plainAddress(line: string): string | null {
  const definition = PLAIN_DEFINITION.exec(line);
  return definition && PLAIN_ADDRESS.test(definition[1]) ? definition[1] : null;
}

/** A thematic break of at least three `*`, `-` or `_`, spaces between, then the line's end (sticky). */
const THEMATIC_BREAK = /([-*_])(?: *\1){2,} *(?=\n|$)/y;
/**
 * A link definition line with a label the parser and chunks.ts read alike (no
 * brackets, backslash or whitespace at its ends, not a footnote's "^"), an address,
 * and perhaps a title in double quotes; neither label nor title holds a mark the
 * markup limits count.
 */
const DEFINITION_LINE = /^ {0,3}\[(?!\^)[^\s[\]\\*_~`](?:[^[\]\\*_~`]{0,997}[^\s[\]\\*_~`])?\]:[ ]*(\S+)(?:[ ]+"[^"\\*_~`[\]\r\0]*")?[ ]*$/;

/** A list item's marker with one space after it, before what can start a paragraph line. */
const LIST_MARKER = /^([-+*]|\d{1,9}[.)]) (?=[^\s#>+=_~<|&\\\-0-9])/;
/** Lists nested deeper than this go to the parser (far below the markup limits' container depth). */
const MAX_LIST_DEPTH = 4;
/** A code fence opening at column 0: three or more backticks (an info string without backticks) or tildes. */
const FENCE_OPENING = /^(`{3,}(?=[^`\n]*(?:\n|$))|~{3,})[^\n]*(?:\n|$)/;
/** A line that may close a fence: up to three spaces, a run of one fence character, spaces. */
const FENCE_CLOSING = /^ {0,3}(`+|~+)[ \t]*$/;
/** What the markup limits (limits.ts) count or skip: in an HTML comment, any of them could be masked before parsing. */
const LIMITED_MARKS = /[*_~`[\]\\\r\0]/;
/** After the paragraph, only blank lines may follow in the block. */
const BLANK_REST = /(?:\n[ \t]*)*$/y;
/**
 * After a paragraph at the top level, from its last line's end: at least one blank
 * line, indented code (lines indented by four spaces, blank lines among them), which
 * holds no prose, and blank lines; up to the block's end or the next line's start.
 */
const CODE_AFTER = /\n[ \t]*\n(?:[ \t]*\n)* {4}[^\n\r\0]*(?:\n(?: {4}[^\n\r\0]*|[ \t]*(?=\n|$)))*(?:\n|$)/y;
/**
 * An ordered list marker not starting with "1": right after indented code, micromark
 * reads a line starting with one as a paragraph, not a list.
 */
const NOT_FIRST_ITEM = /^[02-9]\d{0,8}[.)]/;
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
  const parsed: ParsedBlocks = { contexts: [], frontMatter: undefined, directives: [], headings: [] };
  let from = 0;
  if (block.startsWith('<!--')) {
    // An HTML comment, perhaps with a block right after it (the comment's HTML block ends with its line).
    const comment = htmlComment(block);
    if (!comment) return null;
    parsed.directives = comment.directives;
    BLANK_REST.lastIndex = comment.end;
    if (BLANK_REST.test(block)) return parsed;
    from = comment.end + 1;
  }
  const first = block.charCodeAt(from);
  if (first === BACKTICK || first === 126 /* ~ */) return from === 0 && fencedCode(block) ? parsed : null;
  if (thematicBreak(block, from) || definitionsOnly(block, from)) return parsed;
  const leaves = blockShape(block, from);
  if (!leaves) return null;
  const { contexts, headings } = parsed;
  const shared: BlockLinks = { definitions, appendedPlain: undefined };
  for (const leaf of leaves) {
    const reader = new SimpleReader(block, leaf.lines, shared);
    if (!reader.read()) return null;
    const lines = leaf.lines;
    const span = { start: lines[0], end: lines[lines.length - 1] };
    // The fields in the order, and with the values, that parse.ts's readContext gives.
    const context: ProseContext = {
      kind: leaf.kind,
      plain: maskExcluded(reader.builder.toString()),
      segments: reader.builder.segments,
      links: reader.references.length ? [...reader.links, ...reader.references] : reader.links,
      leadStrong: reader.leadStrong,
      span,
      section: headings.length - 1,
    };
    // A paragraph shaped as a pipe table is split into rows (tables.ts): the parser's path.
    if (leaf.kind === 'paragraph' && splitTableRows(context)) return null;
    if (leaf.kind === 'heading') {
      span.start -= leaf.depth! + 1; // the heading's span starts at its #
      headings.push({ depth: leaf.depth!, text: context.plain.trim(), span: { ...span } });
      context.section = headings.length - 1;
    }
    contexts.push(context);
  }
  return parsed;
}

/** "* * *", "---" or "___" alone on its line at `from`, then blank lines: a thematic break, which holds no prose. */
function thematicBreak(block: string, from: number): boolean {
  THEMATIC_BREAK.lastIndex = from;
  if (!THEMATIC_BREAK.test(block)) return false;
  BLANK_REST.lastIndex = THEMATIC_BREAK.lastIndex;
  return BLANK_REST.test(block);
}

/**
 * Whether the block from `from` is nothing but link definitions of the plainest form
 * (DEFINITION_LINE, with a plain address), one a line, then blank lines: the parser
 * reads them as definitions, which hold no prose.
 */
function definitionsOnly(block: string, from: number): boolean {
  for (let at = from; ; ) {
    let end = block.indexOf('\n', at);
    if (end < 0) end = block.length;
    const definition = DEFINITION_LINE.exec(block.slice(at, end));
    if (!definition || !PLAIN_ADDRESS.test(definition[1])) return false;
    BLANK_REST.lastIndex = end;
    if (BLANK_REST.test(block)) return true;
    at = end + 1;
  }
}

/**
 * The leaves of the simple block starting at `from`, or null: an ATX heading alone on
 * its line; a block quote of paragraphs (quoteLeaves); a list of one-paragraph items
 * (listLeaves); or a paragraph. Each is followed only by blank lines.
 */
function blockShape(block: string, from: number): Leaf[] | null {
  const first = block.charCodeAt(from);
  if (first === 35 /* # */) return heading(block, from);
  if (first === 62 /* > */) return quoteLeaves(block, from);
  if (((first === 45 || first === 43 || first === STAR) && block.charCodeAt(from + 1) === SPACE) || (isDigit(first) && !textStart(block, from))) return listLeaves(block, from);
  return paragraphLeaves(block, from);
}

/**
 * Paragraphs at the top level, each but the last followed by indented code: the
 * content ranges of each, or null when anything else follows one. (The block splits
 * keep a paragraph after indented code with it when the paragraph starts like an
 * ordered list: see chunks.ts.)
 */
function paragraphLeaves(block: string, from: number): Leaf[] | null {
  const leaves: Leaf[] = [];
  let afterCode = false;
  for (let start = from; ; ) {
    const lines = paragraphLines(block, start, afterCode);
    if (!lines) return null;
    leaves.push({ kind: 'paragraph', lines });
    const end = lines[lines.length - 1];
    BLANK_REST.lastIndex = end;
    if (BLANK_REST.test(block)) return leaves;
    CODE_AFTER.lastIndex = end;
    if (!CODE_AFTER.test(block)) return null;
    start = CODE_AFTER.lastIndex;
    if (start >= block.length) return leaves;
    // The next paragraph must follow a blank line (a line right after code ends it, but is no plain case).
    if (block.slice(block.lastIndexOf('\n', start - 2) + 1, start - 1).trim() !== '') return null;
    afterCode = true;
  }
}

/**
 * Whether `block` is one fenced code block, opening at column 0 and closed, followed
 * only by blank lines. It holds no prose: the parser's reading gives nothing.
 */
function fencedCode(block: string): boolean {
  const opening = FENCE_OPENING.exec(block);
  if (!opening) return false;
  const fence = opening[1];
  let at = opening[0].length;
  while (at < block.length) {
    let end = block.indexOf('\n', at);
    if (end < 0) end = block.length;
    const closing = FENCE_CLOSING.exec(block.slice(at, end));
    if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length) {
      BLANK_REST.lastIndex = end;
      return BLANK_REST.test(block);
    }
    at = end + 1;
  }
  return false; // never closed: it runs on past the block
}

/**
 * The HTML comment that opens `block` at column 0 (an HTML block that ends with the
 * line holding "-->"): its directives, read as parse.ts reads an HTML block's (its
 * lines are its value), and where its last line ends. Null when it never closes in
 * the block, or holds what the markup limits could mask before parsing.
 */
function htmlComment(block: string): { directives: Directive[]; end: number } | null {
  // "<!-->" and "<!--->" close as they open.
  const close = block.indexOf('-->', 2);
  if (close < 4) return null;
  let end = block.indexOf('\n', close);
  if (end < 0) end = block.length;
  const value = block.slice(0, end);
  if (LIMITED_MARKS.test(value)) return null;
  return { directives: parseDirectives(value, { start: 0, end }, block), end };
}

/** "## Title" on one line at `from`, then blank lines; no closing sequence. */
function heading(block: string, from: number): Leaf[] | null {
  let depth = 0;
  while (block.charCodeAt(from + depth) === 35) depth++;
  if (depth > 6 || block.charCodeAt(from + depth) !== SPACE) return null;
  const start = from + depth + 1;
  // In a heading, "1." is text too: no list opens there.
  if (!isDigit(block.charCodeAt(start)) && !textStart(block, start)) return null;
  let end = block.indexOf('\n', start);
  if (end < 0) end = block.length;
  const last = block.charCodeAt(end - 1);
  if (last === SPACE || last === 35) return null;
  BLANK_REST.lastIndex = end;
  if (!BLANK_REST.test(block)) return null;
  return [{ kind: 'heading', lines: [start, end], depth }];
}

/**
 * The paragraphs of a block quote starting at `from`: lines "> " and their text, a
 * paragraph continued by lazy lines (no marker), paragraphs separated by lines
 * holding only ">". Anything else in the quote (a nested block, a line ">text")
 * declines; blank lines end the block.
 */
function quoteLeaves(block: string, from: number): Leaf[] | null {
  const leaves: Leaf[] = [];
  let lines: number[] | undefined;
  for (let at = from; at < block.length; ) {
    let end = block.indexOf('\n', at);
    if (end < 0) end = block.length;
    let start: number;
    if (block.charCodeAt(at) === 62 && block.charCodeAt(at + 1) === SPACE && textStart(block, at + 2)) {
      start = at + 2;
      if (!lines) leaves.push({ kind: 'paragraph', lines: (lines = []) });
    } else if (block.charCodeAt(at) === 62 && end === at + 1) {
      lines = undefined; // a blank line inside the quote
      at = end + 1;
      continue;
    } else {
      start = at;
      while (block.charCodeAt(start) === SPACE && start - at <= MAX_INDENT) start++;
      if (!lines || at === from || !textStart(block, start) || start - at > MAX_INDENT) {
        return leavesBeforeBlankRest(block, at, from, leaves);
      }
    }
    if (!plainLine(block, start, end)) return null;
    lines.push(start, end);
    at = end + 1;
  }
  return leaves;
}

/**
 * At a line (starting at `at`) that is no paragraph line of a quote or list read from
 * `from`: its `leaves` if that line and the rest of the block are blank and some line
 * came before, else null.
 */
function leavesBeforeBlankRest(block: string, at: number, from: number, leaves: Leaf[]): Leaf[] | null {
  BLANK_REST.lastIndex = at - 1;
  return at > from && BLANK_REST.test(block) ? leaves : null;
}

/** A line's content [start, end) can be paragraph text: not a fence ("```"), not ending in a space (a hard break, or a dropped space). */
function plainLine(block: string, start: number, end: number): boolean {
  return !(block.charCodeAt(start) === BACKTICK && block.charCodeAt(start + 1) === BACKTICK) && block.charCodeAt(end - 1) !== SPACE;
}

/** An open list item: the columns of its marker and of its content, and its kind (the bullet, or the ordered delimiter). */
interface OpenItem {
  marker: number;
  content: number;
  kind: string;
}

/**
 * The items of a list block, each one paragraph: bullet or ordered items, nested up to
 * MAX_LIST_DEPTH deep. A line holding a marker opens an item only where the parser's
 * reading is plain: at the marker column of an open item, with the same kind (a
 * sibling), or at the innermost item's content column (a nested list: a bullet, or an
 * ordered list starting at 1, since only those interrupt a paragraph). Any other line
 * with a marker declines the block; any other line continues the innermost paragraph
 * (inside its item, or lazily), up to blank lines that end the block.
 */
function listLeaves(block: string, from: number): Leaf[] | null {
  const leaves: Leaf[] = [];
  const open: OpenItem[] = [];
  let lines: number[] = [];
  for (let at = from; at < block.length; ) {
    let end = block.indexOf('\n', at);
    if (end < 0) end = block.length;
    let start = at;
    while (block.charCodeAt(start) === SPACE && start - at <= MAX_INDENT) start++;
    const indent = start - at;
    const marker = LIST_MARKER.exec(block.slice(start, Math.min(end, start + 12)));
    if (marker) {
      const kind = marker[1].slice(-1);
      const sibling = open.findIndex((item) => item.marker === indent);
      const innermost = open[open.length - 1];
      if (sibling >= 0 && open[sibling].kind === kind) open.length = sibling;
      else if (!(innermost && indent === innermost.content && open.length < MAX_LIST_DEPTH && (marker[1].length === 1 || marker[1] === '1.' || marker[1] === '1)'))) {
        if (at > from || indent > 0) return null;
      }
      open.push({ marker: indent, content: indent + marker[0].length, kind });
      lines = [];
      leaves.push({ kind: 'listItem', lines });
      start += marker[0].length;
    } else if (at === from || !textStart(block, start) || indent > MAX_INDENT) {
      return leavesBeforeBlankRest(block, at, from, leaves);
    }
    if (!plainLine(block, start, end)) return null;
    lines.push(start, end);
    at = end + 1;
  }
  return leaves;
}

/**
 * The content ranges of the paragraph starting at `from` (`afterCode`: right after
 * indented code), up to the first line that cannot continue it. Continuation lines
 * may be indented (by up to MAX_INDENT spaces: indented code cannot interrupt a
 * paragraph). Null when its first line could be anything but paragraph text (its
 * start, plainLine), or a later line that starts like text fails plainLine.
 */
function paragraphLines(block: string, from: number, afterCode: boolean): number[] | null {
  const lines: number[] = [];
  let start = from;
  if (!textStart(block, start) && !(afterCode && NOT_FIRST_ITEM.test(block.slice(start, start + 10)))) return null;
  for (;;) {
    let end = block.indexOf('\n', start);
    if (end < 0) end = block.length;
    if (!plainLine(block, start, end)) return null;
    lines.push(start, end);
    if (end === block.length) return lines;
    const next = end + 1;
    start = next;
    while (block.charCodeAt(start) === SPACE && start - next <= MAX_INDENT) start++;
    // The paragraph ends here; paragraphLeaves reads what follows.
    if (!textStart(block, start) || start - next > MAX_INDENT) return lines;
  }
}

/** What the readers of one block share about link definitions. */
interface BlockLinks {
  /** The document's, as chunks.ts's linkDefinitions gives them. */
  readonly definitions: LinkDefinitions;
  /**
   * Whether every definition appended to the block for the parser is a plain one:
   * computed once per block, when a reference first needs it.
   */
  appendedPlain: boolean | undefined;
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
  /** Reference links, which parse.ts adds to a context's links after its inline ones. */
  readonly references: ProseLink[] = [];
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
  /** Code spans, brackets and emphasis runs read so far, against MAX_MARKS. */
  private marks = 0;

  constructor(
    private readonly block: string,
    private readonly lines: number[],
    private readonly shared: BlockLinks,
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
    const length = content.length;
    for (let i = 0; i < length; ) {
      // A run of plain text first, in one step.
      let j = i;
      for (let c = content.charCodeAt(j); j < length && (c >= 128 || SPECIAL[c] === 0); c = content.charCodeAt(++j));
      if (j > i) this.text(i, j);
      if (j >= length) break;
      const c = content.charCodeAt(j);
      let after: number;
      if (c === BACKTICK) after = this.codeSpan(j);
      else if (c === OPEN_BRACKET) after = this.bracket(j);
      else if (c === CLOSE_BRACKET) after = this.closingBracket(j);
      else if (c === STAR) after = this.emphasis(j);
      else if (c === 33 /* ! */) {
        if (content.charCodeAt(j + 1) === OPEN_BRACKET) return false; // an image
        this.text(j, j + 1);
        i = j + 1;
        continue;
      } else if (c === 60 /* < */ && (j + 1 === length || content.charCodeAt(j + 1) === SPACE || content.charCodeAt(j + 1) === NEWLINE)) {
        // No tag or autolink starts with a space: "| < ε" is text.
        this.text(j, j + 1);
        i = j + 1;
        continue;
      } else return false; // MARKUP
      if (after < 0 || ++this.marks > MAX_MARKS) return false;
      i = after;
    }
    if (this.open) return false; // an opener never closed: the parser keeps it as text
    this.flush();
    return true;
  }

  /** A code span of single backticks opening at `at` (it may run onto the next lines): masked. Returns where text resumes, or -1. */
  private codeSpan(at: number): number {
    const content = this.content;
    if (content.charCodeAt(at + 1) === BACKTICK) return -1;
    for (let k = at + 1; k < content.length; k++) {
      const c = content.charCodeAt(k);
      // Brackets inside code would take part in the search for link labels.
      if (c === OPEN_BRACKET || c === CLOSE_BRACKET) return -1;
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
   * `[` at `at`: an inline link with a plain address, a reference link whose label a
   * plain definition defines (either's text read as a run of its own, which may wrap
   * onto the next line), or text the parser leaves as it is (no definition for its
   * label, no address or label after it). Returns where reading resumes, or -1.
   */
  private bracket(at: number): number {
    const content = this.content;
    const close = this.labelEnd(at);
    if (close < 0) return -1;
    const next = content.charCodeAt(close + 1);
    if (next === 40 /* ( */) return this.inlineLink(at, close);
    if (next === 58 /* : */ && at === 0) {
      // At the paragraph's start, "[label]:" is a definition unless its line rules one out.
      let lineEnd = content.indexOf('\n', close);
      if (lineEnd < 0) lineEnd = content.length;
      if (!NO_DEFINITION.test(content.slice(close + 2, lineEnd))) return -1;
    }
    if (next === OPEN_BRACKET) {
      // [text][label], or [text][] with the text as its label: a link only if the label is defined.
      const labelClose = this.labelEnd(close + 1);
      if (labelClose < 0) return -1;
      const label = labelClose === close + 2 ? content.slice(at + 1, close) : content.slice(close + 2, labelClose);
      const url = this.definedAddress(label);
      return typeof url === 'string' ? this.referenceLink(at, close, url, labelClose + 1) : -1;
    }
    // [label]: a link through its definition, else text (read on as text).
    const url = this.definedAddress(content.slice(at + 1, close));
    if (url === null) return -1;
    if (url !== undefined) return this.referenceLink(at, close, url, close + 1);
    this.text(at, at + 1);
    return at + 1;
  }

  /** The `]` closing the label that `[` at `open` starts, or -1 when the label is nested, marked up or never closed. */
  private labelEnd(open: number): number {
    const content = this.content;
    for (let k = open + 1; k < content.length; k++) {
      const c = content.charCodeAt(k);
      if (c === CLOSE_BRACKET) return k;
      // Nested brackets; code, emphasis or anything else marked up in a label.
      if (c === OPEN_BRACKET || c === BACKTICK || c === STAR || MARKUP[c] === 1) return -1;
    }
    return -1; // never closed: the parser might still read a definition
  }

  /**
   * The address a reference label resolves to: undefined when the document defines no
   * such label (the brackets are text), null when it does in a way this reader does
   * not follow (a title, an address in angle brackets or with escapes, a label whose
   * normalisation could differ from the parser's).
   */
  private definedAddress(label: string): string | undefined | null {
    const definitions = this.shared.definitions;
    const line = definitions.get(normalizeLabel(label));
    if (line === undefined) return undefined;
    const address = plainAddress(line);
    if (address === null || !PLAIN_LABEL.test(label)) return null;
    // The parser reads the block with the definitions of every label it names appended,
    // one a line: one it cannot read as a definition could swallow the next.
    this.shared.appendedPlain ??= referencedLabels(this.block).every((l) => {
      const appended = definitions.get(l);
      return appended === undefined || plainAddress(appended) !== null;
    });
    return this.shared.appendedPlain ? address : null;
  }

  /** A reference link over [open, close], resolved to `url`; reading resumes at `resume`. */
  private referenceLink(open: number, close: number, url: string, resume: number): number {
    this.node();
    const start = this.builder.length;
    this.text(open + 1, close, true);
    this.flush();
    // parse.ts resolves references after the whole parse: they follow the inline links.
    this.references.push({ start, end: this.builder.length, url });
    return resume;
  }

  /** `]` outside a link: text, unless an address or label follows it. */
  private closingBracket(at: number): number {
    const next = this.content.charCodeAt(at + 1);
    if (next === 40 /* ( */ || next === OPEN_BRACKET) return -1;
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
    const line = lastAtOrBefore(this.lineStarts, i);
    return this.lines[2 * line] + (i - this.lineStarts[line]);
  }
}
