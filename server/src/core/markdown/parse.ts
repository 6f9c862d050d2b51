/**
 * Markdown -> ParsedDocument: prose contexts with exact offsets, the front matter,
 * directives, link reference definitions and headings. Reads the events of
 * remark-parse's tokenizer (micromark, tokens.ts) with front matter only: GFM would
 * double the parse cost, and what it adds that matters here (tables, bare URLs,
 * footnote labels) is handled on the plain text instead. What it reads equals what a
 * walk of remark's mdast tree gives (test/core/parse-events.test.ts compares them).
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { decodeString } from 'micromark-util-decode-string';
import { LineIndex } from '../positions';
import type { Span } from '../types';
import { parseDirectives, type Directive } from './directives';
import { tameMarkup } from './limits';
import { MASK, maskExcluded, PlainBuilder, type ContextKind, type ProseContext, type ProseLink } from './prose';
import { rowBase, splitTableRows } from './tables';
import { EventReader, HTML_FLOW_PARTS, HTML_TEXT_PARTS, normalizeLabel, tokenize, type Token } from './tokens';

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

/** A link being read: where its text starts in the plain text, and where it points. */
interface LinkFrame {
  start: number;
  /** True once a resource `(url)` follows the label: a link; else a reference. */
  resource: boolean;
  url: string;
  identifier: string;
}

/**
 * Reads a paragraph or heading (entered) through its exit into a context, as remark's
 * tree would give it: text runs are what mdast makes one text node (data, escapes,
 * character references and soft line ends, up to the next inline node), inline code,
 * images, autolinks and inline HTML are masked, a hard break is a line end, links are
 * recorded with their plain-text range. Returns the context (the first row of a split
 * table) and a heading's depth.
 */
function readContext(block: Token, kind: ContextKind, reader: EventReader, state: WalkState): { context: ProseContext; depth: number } {
  const builder = new PlainBuilder();
  const links: ProseLink[] = [];
  const refs: { start: number; end: number; identifier: string }[] = [];
  const frames: LinkFrame[] = [];
  const source = reader.source;
  // Only text inside a heading's text token is its prose (not the # marks or the underline).
  let collecting = kind !== 'heading';
  let depth = 0;
  // The text run being gathered: one mdast text node.
  let run = '';
  let runStart = -1;
  let runEnd = 0;
  // Inline nesting, for "does a strong run open the paragraph" (mdast's first child).
  let level = 0;
  let sawChild = false;
  let lead: Token | undefined;
  let leadStart = 0;
  let leadStrong: { start: number; end: number } | undefined;
  let atHardBreak = false;
  let numericBase = 0;

  const startRun = (at: number) => {
    if (runStart >= 0) return;
    runStart = at;
    if (level === 0) sawChild = true;
  };
  const flush = () => {
    if (runStart < 0) return;
    builder.appendText(run, source, runStart, runEnd);
    run = '';
    runStart = -1;
  };
  const openNode = () => {
    flush();
    if (level === 0) sawChild = true;
  };

  for (let event = reader.next(block); event; event = reader.next(block)) {
    const [kind, token] = event;
    if (kind === 'exit') {
      switch (token.type) {
        case 'atxHeadingText':
        case 'setextHeadingText':
          flush();
          collecting = false;
          break;
        case 'characterReference':
          if (collecting) runEnd = reader.end(token);
          break;
        case 'emphasis':
        case 'strong':
          flush();
          level--;
          if (token === lead) leadStrong = { start: leadStart, end: builder.length };
          break;
        case 'link': {
          flush();
          level--;
          const frame = frames.pop()!;
          if (frame.resource) links.push({ start: frame.start, end: builder.length, url: frame.url });
          else refs.push({ start: frame.start, end: builder.length, identifier: frame.identifier });
          break;
        }
        case 'resource':
        case 'reference':
          collecting = true;
          break;
      }
      continue;
    }
    switch (token.type) {
      case 'data':
      case 'characterEscapeValue':
        if (!collecting) break;
        startRun(reader.start(token));
        run += reader.text(event);
        runEnd = reader.end(token);
        break;
      case 'lineEnding':
        // The line end after a hard break belongs to the break.
        if (atHardBreak) atHardBreak = false;
        else if (collecting) {
          startRun(reader.start(token));
          run += reader.text(event);
          runEnd = reader.end(token);
        }
        break;
      case 'characterEscape':
        if (collecting) startRun(reader.start(token));
        break;
      case 'characterReference':
        if (collecting) startRun(reader.start(token));
        numericBase = 0;
        break;
      case 'characterReferenceMarkerNumeric':
        numericBase = 10;
        break;
      case 'characterReferenceMarkerHexadecimal':
        numericBase = 16;
        break;
      case 'characterReferenceValue':
        if (collecting) run += numericBase ? decodeNumericCharacterReference(reader.text(event), numericBase) : decodeNamedCharacterReference(reader.text(event)) || '';
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        openNode();
        builder.appendMask(reader.start(token), '\n');
        atHardBreak = true;
        reader.skip(token);
        break;
      case 'codeText':
      case 'image':
      case 'autolink':
        // Inline code and images are not prose; an autolink shows its address as its text.
        openNode();
        builder.appendMask(reader.start(token));
        reader.skip(token);
        break;
      case 'htmlText': {
        openNode();
        const value = reader.collect(token, HTML_TEXT_PARTS);
        state.directives.push(...parseDirectives(value, reader.span(token), source));
        builder.appendMask(reader.start(token));
        break;
      }
      case 'strong':
        flush();
        if (level === 0 && !sawChild) {
          lead = token;
          leadStart = builder.length;
        }
        openNode();
        level++;
        break;
      case 'emphasis':
        openNode();
        level++;
        break;
      case 'link':
        openNode();
        level++;
        frames.push({ start: builder.length, resource: false, url: '', identifier: '' });
        break;
      case 'labelText':
        // remark identifies a reference by its label text unless a [reference] follows.
        if (frames.length) frames[frames.length - 1].identifier = normalizeLabel(reader.serialized(event));
        break;
      case 'resource':
        collecting = false;
        if (frames.length) frames[frames.length - 1].resource = true;
        break;
      case 'resourceDestinationString':
        if (frames.length) frames[frames.length - 1].url = decodeString(reader.text(event));
        break;
      case 'reference':
        collecting = false;
        break;
      case 'referenceString':
        if (frames.length) frames[frames.length - 1].identifier = normalizeLabel(reader.serialized(event));
        break;
      case 'atxHeadingSequence':
        if (!depth) depth = reader.end(token) - reader.start(token);
        break;
      case 'setextHeadingLineSequence':
        depth = source.charCodeAt(reader.start(token)) === 61 /* = */ ? 1 : 2;
        break;
      case 'atxHeadingText':
      case 'setextHeadingText':
        collecting = true;
        break;
    }
  }
  flush();

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
