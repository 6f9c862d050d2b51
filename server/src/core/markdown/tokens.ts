/**
 * Markdown -> micromark events: the tokenizer remark-parse itself runs, without the
 * mdast tree remark builds from its events. parse.ts reads the events directly:
 * building the tree (a node and two position objects per text run, emphasis,
 * link...) was a fifth of the whole parse and most of its garbage, and the engine
 * needs none of it beyond offsets and a few values. `EventReader` walks the events
 * and reads the values remark would have put in the tree (labels, URLs, HTML, YAML).
 */
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { decodeString } from 'micromark-util-decode-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Token } from 'micromark-util-types';
import type { Span } from '../types';
import { frontMatterOpening } from './lines';

/**
 * The two parsers (with and without front matter), made once: micromark's parse()
 * merges its tables of constructs anew on every call, and a draft is parsed in
 * several calls. A parser keeps two things from a parse, the link labels defined and
 * the lines that were lazy continuations; `fresh` resets both, which makes it the
 * same as a new one (parses never overlap: they run to the end synchronously).
 */
const parsers = { withFrontMatter: parse({ extensions: [frontmatter(['yaml'])] }), bodyOnly: parse() };

function fresh(parser: ReturnType<typeof parse>): ReturnType<typeof parse> {
  parser.defined = [];
  parser.lazy = {};
  return parser;
}

/**
 * The events of one Markdown text, in document order (CommonMark, plus YAML front
 * matter when `atDocumentStart`). Offsets in the tokens skip a leading byte order
 * mark (see `offsetShift`).
 */
export function tokenize(source: string, atDocumentStart: boolean): Event[] {
  const chunks = preprocess()(source, undefined, true);
  return postprocess(fresh(atDocumentStart ? parsers.withFrontMatter : parsers.bodyOnly).document().write(chunks));
}

/**
 * What to add to a token's offset to index `source`: micromark drops a leading byte
 * order mark and counts from the character after it.
 */
function offsetShift(source: string): number {
  return source.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * The text of a token as the mdast compiler reads it (`sliceSerialize`): the source
 * slice, except for a token that spans lines (the tokenizer leaves out container
 * prefixes such as block quote marks on later lines) or holds a tab (indentation may
 * have consumed part of it). Plain slicing is the common case, and cheaper.
 */
function tokenText(event: Event, source: string, shift: number): string {
  const token: Token = event[1];
  const text = source.slice(token.start.offset + shift, token.end.offset + shift);
  return token.start.line !== token.end.line || text.includes('\t') ? event[2].sliceSerialize(token) : text;
}

/**
 * A cursor over the events of one parse. Each method starts right after a token's
 * enter event and consumes events up to and including that token's exit.
 */
export class EventReader {
  private index = 0;
  readonly shift: number;
  constructor(
    readonly source: string,
    private readonly events: Event[],
  ) {
    this.shift = offsetShift(source);
  }

  /** The next block at the top of the document (inside no container), entered; undefined at the end. */
  nextTopLevel(): Token | undefined {
    const events = this.events;
    while (this.index < events.length) {
      const [kind, token] = events[this.index++];
      // `content` groups a run of definitions and a paragraph: its children are the blocks.
      if (kind !== 'enter' || token.type === 'content') continue;
      // Line ends between blocks are not blocks.
      if (token.type === 'lineEnding' || token.type === 'lineEndingBlank') this.skip(token);
      else return token;
    }
    return undefined;
  }

  /** The next event inside `token`, or undefined once its exit is consumed. */
  next(token: Token): Event | undefined {
    const event = this.events[this.index++];
    if (event === undefined || (event[1] === token && event[0] === 'exit')) return undefined;
    return event;
  }

  /** Consumes everything inside `token`. */
  skip(token: Token): void {
    while (this.next(token));
  }

  /** Source offset where `token` starts. */
  start(token: Token): number {
    return token.start.offset + this.shift;
  }

  /** Source offset where `token` ends. */
  end(token: Token): number {
    return token.end.offset + this.shift;
  }

  /** Source span of `token`. */
  span(token: Token): Span {
    return { start: this.start(token), end: this.end(token) };
  }

  /** A token's text as written (see tokenText). */
  text(event: Event): string {
    return tokenText(event, this.source, this.shift);
  }

  /** A token's text as the tokenizer sees it: container prefixes (block quote marks) left out of a token that spans lines. */
  serialized(event: Event): string {
    return event[2].sliceSerialize(event[1]);
  }

  /** The concatenated text of the tokens of `types` inside `token` (HTML, front matter values). */
  collect(token: Token, types: ReadonlySet<string>): string {
    let value = '';
    for (let event = this.next(token); event; event = this.next(token)) if (event[0] === 'enter' && types.has(event[1].type)) value += this.text(event);
    return value;
  }

  /** The front matter block `token` (entered): its span, and its YAML as remark-frontmatter gives it. */
  frontMatter(token: Token): { span: Span; yaml: string; yamlStart: number } {
    const span = this.span(token);
    // As remark-frontmatter: the lines between the fences, without the first and last line end.
    const yaml = this.collect(token, FRONT_MATTER_PARTS).replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
    // The YAML starts after the opening fence's line end (\n, \r\n or a lone \r).
    const opening = frontMatterOpening(this.source.slice(span.start, span.end));
    return { span, yaml, yamlStart: opening ? span.start + opening : span.end };
  }

  /** A link reference definition's normalized label and decoded destination. */
  definition(token: Token): { identifier: string; url: string } {
    let identifier = '';
    let url = '';
    for (let event = this.next(token); event; event = this.next(token)) {
      if (event[0] !== 'enter') continue;
      if (event[1].type === 'definitionLabelString') identifier = normalizeLabel(this.serialized(event));
      else if (event[1].type === 'definitionDestinationString') url = decodeString(this.text(event));
    }
    return { identifier, url };
  }
}

/** Tokens that make up a value read by `EventReader.collect`. */
export const FRONT_MATTER_PARTS = new Set(['yamlValue', 'lineEnding']);
export const HTML_FLOW_PARTS = new Set(['htmlFlowData', 'lineEnding']);
export const HTML_TEXT_PARTS = new Set(['htmlTextData', 'lineEnding']);

/** A label as remark identifies it (case-folded, whitespace collapsed), before escapes are decoded. */
export function normalizeLabel(raw: string): string {
  return normalizeIdentifier(raw).toLowerCase();
}

export type { Event, Token };
