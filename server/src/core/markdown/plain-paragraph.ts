/**
 * The parse of a block that is one paragraph of plain text, read without the parser.
 *
 * About a fifth of a typical draft's text is paragraphs with no markup at all, for
 * which the parser's whole work (a tokenizer per line, then one per paragraph for its
 * inline content) yields one text run equal to the source. Such a block's parse is
 * written here directly, exactly as parse.ts would give it for the block on its own
 * (a block parses the same on its own as in its document: see chunks.ts);
 * test/core/plain-paragraph.test.ts holds the two equal over every block it accepts.
 * Anything that could be read otherwise goes to the parser.
 */
import type { ParsedBlocks } from './parse';
import { maskExcluded, type ProseContext } from './prose';

/**
 * Lines the parser reads as nothing but paragraph text, from the block's start. Each
 * line starts with an ASCII letter, a straight or opening quotation mark or an opening
 * parenthesis (no block construct starts with one: not a list, heading, quote, fence,
 * indented code, HTML, table or front matter); holds none of the characters that open
 * inline markup (`* _ \` [ ] < > & \\`), a pipe table (`|`), or what the parser or the
 * markup limits rewrite (`~`, tab, carriage return, NUL); and does not end in a space
 * (trailing spaces are dropped from the text, two make a hard break).
 */
const PLAIN_LINES = /[A-Za-z"'(\u201C\u2018][^\n*_`[\]<>&\\|~\t\r\0]*(?<! )(?:\n[A-Za-z"'(\u201C\u2018][^\n*_`[\]<>&\\|~\t\r\0]*(?<! ))*/y;
/** After the paragraph, only blank lines may follow in the block. */
const BLANK_REST = /(?:\n[ \t]*)*$/y;

/**
 * The parse of `block` (one block of splitChunks, on its own, in its own coordinates)
 * when it is a single paragraph of plain text; null otherwise, and the block goes to
 * the parser.
 */
export function plainParagraph(block: string): ParsedBlocks | null {
  PLAIN_LINES.lastIndex = 0;
  if (!PLAIN_LINES.test(block)) return null;
  const end = PLAIN_LINES.lastIndex;
  BLANK_REST.lastIndex = end;
  if (!BLANK_REST.test(block)) return null;
  const text = block.slice(0, end);
  // The fields in the order, and with the values, that parse.ts's readContext gives a paragraph.
  const context: ProseContext = {
    kind: 'paragraph',
    plain: maskExcluded(text),
    segments: [{ plainStart: 0, sourceStart: 0, length: end }],
    links: [],
    leadStrong: undefined,
    span: { start: 0, end },
    section: -1,
  };
  return { contexts: [context], frontMatter: undefined, directives: [], headings: [] };
}
