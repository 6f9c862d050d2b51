/**
 * Markdown -> ParsedDocument: prose contexts with exact offsets, the front matter,
 * directives, link reference definitions and headings. Reads the events of
 * remark-parse's tokenizer (micromark, tokens.ts) with front matter only: GFM would
 * double the parse cost, and what it adds that matters here (tables, bare URLs,
 * footnote labels) is handled on the plain text instead. What it reads equals what a
 * walk of remark's mdast tree gives (test/core/parse-events.test.ts compares them).
 */
import { LineIndex } from '../positions';
import type { Span } from '../types';
import { parseDirectives, type Directive } from './directives';
import { tameMarkup } from './limits';
import { InlineReader } from './inline';
import { MASK, maskExcluded, type ContextKind, type ProseContext, type ProseLink } from './prose';
import { rowBase, splitTableRows } from './tables';
import { EventReader, HTML_FLOW_PARTS, tokenize, type Token } from './tokens';

/** The YAML front matter block, if the document starts with one. */
export interface FrontMatter {
  /** Span of the whole block, fences included. */
  span: Span;
  /** The YAML between the fences, and the source offset where it starts. */
  yaml: string;
  yamlStart: number;
}

/** A heading, for glossary sections and hover text. */
export interface HeadingInfo {
  depth: number;
  text: string;
  span: Span;
}

/** Everything later stages need from one Markdown document. */
export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  contexts: ProseContext[];
  frontMatter?: FrontMatter;
  directives: Directive[];
  headings: HeadingInfo[];
}

/** Parses a Markdown document. Never throws on any input string. */
export function parseMarkdown(text: string): ParsedDocument {
  return { text, lines: new LineIndex(text), ...parseBlocks(text, text.length, true) };
}

/** The block-level content of a parse, with offsets relative to the parsed text. */
export type ParsedBlocks = Pick<ParsedDocument, 'contexts' | 'frontMatter' | 'directives' | 'headings'>;

/**
 * Parses `source` and keeps the blocks that start before `limit`. An incremental
 * analysis parses one block of a document as `block + link definitions of the whole
 * document`, so reference links resolve as they would in the full parse, and keeps
 * only the block itself. Front matter is recognised only when `atDocumentStart`.
 */
export function parseBlocks(written: string, limit: number, atDocumentStart: boolean): ParsedBlocks {
  // Markup nested past the parser's limits is masked first (same length): see limits.ts.
  const source = tameMarkup(written, atDocumentStart);
  const reader = new EventReader(source, tokenize(source, atDocumentStart));
  const state: WalkState = { text: source, contexts: [], directives: [], headings: [], definitions: new Map(), pendingRefs: [] };
  // Definitions appended past `limit` are the document's first ones for their labels
  // (see chunks.ts): they beat a later duplicate that happens to sit in the block.
  const appended = new Map<string, string>();
  let frontMatter: FrontMatter | undefined;
  let first = true;
  for (let token = reader.nextTopLevel(); token; token = reader.nextTopLevel(), first = false) {
    if ((token.type as string) === 'yaml' && first) {
      frontMatter = reader.frontMatter(token);
      continue;
    }
    if (reader.start(token) >= limit) {
      if (token.type === 'definition') {
        const { identifier, url } = reader.definition(token);
        if (!appended.has(identifier)) appended.set(identifier, url);
      } else reader.skip(token);
      continue;
    }
    walkBlock(token, reader, state);
  }
  for (const { context, link, identifier } of state.pendingRefs) {
    const url = appended.get(identifier) ?? state.definitions.get(identifier);
    if (url !== undefined) context.links.push({ ...link, url });
  }
  return { contexts: state.contexts, frontMatter, directives: state.directives, headings: state.headings };
}

interface WalkState {
  text: string;
  contexts: ProseContext[];
  directives: Directive[];
  headings: HeadingInfo[];
  definitions: Map<string, string>;
  pendingRefs: { context: ProseContext; link: Omit<ProseLink, 'url'>; identifier: string }[];
}

/**
 * Reads one top-level block (entered) and everything nested in it, in document order.
 * Containers (block quotes, lists) are read through; a paragraph inside a list, at
 * any depth, is a list-item context.
 */
function walkBlock(root: Token, reader: EventReader, state: WalkState): void {
  if (readLeaf(root, false, reader, state)) return;
  let lists = isList(root) ? 1 : 0;
  for (let event = reader.next(root); event; event = reader.next(root)) {
    const [kind, token] = event;
    if (isList(token)) lists += kind === 'enter' ? 1 : -1;
    else if (kind === 'enter') readLeaf(token, lists > 0, reader, state);
  }
}

function isList(token: Token): boolean {
  return token.type === 'listOrdered' || token.type === 'listUnordered';
}

/** Reads a leaf block (entered) through its exit; false, consuming nothing, for anything else. */
function readLeaf(token: Token, inList: boolean, reader: EventReader, state: WalkState): boolean {
  switch (token.type) {
    case 'paragraph':
      readContext(token, inList ? 'listItem' : 'paragraph', reader, state);
      return true;
    case 'atxHeading':
    case 'setextHeading': {
      const { context, depth } = readContext(token, 'heading', reader, state);
      state.headings.push({ depth, text: context.plain.trim(), span: reader.span(token) });
      context.section = state.headings.length - 1;
      return true;
    }
    case 'htmlFlow': {
      const value = reader.collect(token, HTML_FLOW_PARTS);
      state.directives.push(...parseDirectives(value, reader.span(token), state.text));
      return true;
    }
    case 'definition': {
      const { identifier, url } = reader.definition(token);
      if (!state.definitions.has(identifier)) state.definitions.set(identifier, url);
      return true;
    }
    case 'codeFenced':
    case 'codeIndented':
    case 'thematicBreak':
      reader.skip(token);
      return true;
    default:
      return false;
  }
}

/**
 * Reads a paragraph or heading (entered) through its exit into a context (inline.ts
 * reads the text). Returns the context (the unsplit one for a table, whose rows are
 * what is added) and a heading's depth.
 */
function readContext(block: Token, kind: ContextKind, reader: EventReader, state: WalkState): { context: ProseContext; depth: number } {
  const inline = new InlineReader(reader, state.directives, kind === 'heading');
  for (let event = reader.next(block); event; event = reader.next(block)) inline.read(event);
  inline.finish();
  const { builder, links, refs, leadStrong, depth } = inline;
  const plain = maskExcluded(builder.toString());
  const section = state.headings.length - 1;
  const context: ProseContext = { kind, plain, segments: builder.segments, links, leadStrong, span: reader.span(block), section };
  const rows = kind === 'paragraph' ? splitTableRows(context) : null;
  if (!rows) {
    state.contexts.push(context);
    for (const ref of refs) state.pendingRefs.push({ context, link: { start: ref.start, end: ref.end }, identifier: ref.identifier });
    return { context, depth };
  }
  state.contexts.push(...rows);
  for (const ref of refs) {
    const row = rows.find((r) => ref.start >= rowBase(r) && ref.start < rowBase(r) + r.plain.length);
    if (row) state.pendingRefs.push({ context: row, link: { start: ref.start - rowBase(row), end: ref.end - rowBase(row) }, identifier: ref.identifier });
  }
  return { context, depth };
}

export { MASK };
