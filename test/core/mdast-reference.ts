/**
 * The reference the event reader in server/src/core/markdown/parse.ts is tested
 * against: the same reading done on remark's mdast tree (remark-parse and
 * remark-frontmatter), as the engine did before it read micromark's events directly.
 * Test code only; test/core/parse-events.test.ts compares the two on every CommonMark
 * and GFM spec example and on generated drafts.
 */
import type { Heading, Html, Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Span } from '../../server/src/core/types';
import { parseDirectives, type Directive } from '../../server/src/core/markdown/directives';
import { tameMarkup } from '../../server/src/core/markdown/limits';
import { frontMatterOpening } from '../../server/src/core/markdown/lines';
import type { FrontMatter, HeadingInfo, ParsedBlocks } from '../../server/src/core/markdown/parse';
import { maskExcluded, PlainBuilder, type ContextKind, type ProseContext, type ProseLink } from '../../server/src/core/markdown/prose';
import { rowBase, splitTableRows } from '../../server/src/core/markdown/tables';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
/** For blocks after the first: front matter exists only at the very start of a document. */
const bodyProcessor = unified().use(remarkParse).freeze();

/**
 * Parses `source` and keeps the blocks that start before `limit`. An incremental
 * analysis parses one block of a document as `block + link definitions of the whole
 * document`, so reference links resolve as they would in the full parse, and keeps
 * only the block itself. Front matter is recognised only when `atDocumentStart`.
 */
export function referenceParse(written: string, limit: number, atDocumentStart: boolean): ParsedBlocks {
  // Markup nested past the parser's limits is masked first (same length): see limits.ts.
  const source = tameMarkup(written, atDocumentStart);
  const tree = (atDocumentStart ? processor : bodyProcessor).parse(source) as Root;
  if (source.charCodeAt(0) === 0xfeff) restoreByteOrderMark(tree);
  const state: WalkState = { text: source, contexts: [], directives: [], headings: [], definitions: new Map(), pendingRefs: [] };
  // Definitions appended past `limit` are the document's first ones for their labels
  // (see chunks.ts): they beat a later duplicate that happens to sit in the block.
  const appended = new Map<string, string>();
  let frontMatter: FrontMatter | undefined;
  for (const node of tree.children) {
    if (node.type === 'yaml' && node.position && frontMatter === undefined && node === tree.children[0]) {
      const start = node.position.start.offset ?? 0;
      const end = node.position.end.offset ?? start;
      // The YAML starts after the opening fence's line end (\n, \r\n or a lone \r).
      const opening = frontMatterOpening(source.slice(start, end));
      const yamlStart = opening ? start + opening : end;
      frontMatter = { span: { start, end }, yaml: node.value, yamlStart };
      continue;
    }
    if ((node.position?.start.offset ?? 0) >= limit) {
      if (node.type === 'definition' && !appended.has(node.identifier)) appended.set(node.identifier, node.url);
      continue;
    }
    walkBlock(node, state, false);
  }
  for (const { context, link, identifier } of state.pendingRefs) {
    const url = appended.get(identifier) ?? state.definitions.get(identifier);
    if (url !== undefined) context.links.push({ ...link, url });
  }
  return { contexts: state.contexts, frontMatter, directives: state.directives, headings: state.headings };
}

/**
 * micromark skips a leading byte order mark and counts offsets from the character
 * after it; every offset here is into the text as written, BOM included, so each
 * node moves one place right (without this, ranges in a BOM draft ended one short).
 */
function restoreByteOrderMark(tree: Root): void {
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      if (position.start.offset !== undefined) position.start.offset++;
      if (position.end.offset !== undefined) position.end.offset++;
      if (position.start.line === 1) position.start.column++;
      if (position.end.line === 1) position.end.column++;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

interface WalkState {
  text: string;
  contexts: ProseContext[];
  directives: Directive[];
  headings: HeadingInfo[];
  definitions: Map<string, string>;
  pendingRefs: { context: ProseContext; link: Omit<ProseLink, 'url'>; identifier: string }[];
}

function spanOf(node: Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/**
 * Visits blocks in document order with an explicit stack: a draft can nest block
 * quotes or lists thousands deep, which overflowed the call stack when this recursed.
 */
function walkBlock(root: RootContent | Root, state: WalkState, inListItem: boolean): void {
  const stack: { node: RootContent | Root; inListItem: boolean }[] = [{ node: root, inListItem }];
  const pushChildren = (children: readonly RootContent[], inList: boolean) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], inListItem: inList });
  };
  while (stack.length) {
    const { node, inListItem: inList } = stack.pop()!;
    switch (node.type) {
      case 'paragraph':
        addContext(node, inList ? 'listItem' : 'paragraph', state);
        break;
      case 'heading': {
        const context = addContext(node, 'heading', state);
        state.headings.push({ depth: (node as Heading).depth, text: context?.plain.trim() ?? '', span: spanOf(node) });
        if (context) context.section = state.headings.length - 1;
        break;
      }
      case 'html':
        state.directives.push(...parseDirectives((node as Html).value, spanOf(node as Nodes), state.text));
        break;
      case 'definition':
        if (!state.definitions.has(node.identifier)) state.definitions.set(node.identifier, node.url);
        break;
      case 'listItem':
        pushChildren(node.children, true);
        break;
      case 'code':
      case 'yaml':
      case 'thematicBreak':
        break;
      default:
        if ('children' in node) pushChildren((node as Parent).children as RootContent[], inList);
    }
  }
}

function addContext(node: Parent, kind: ContextKind, state: WalkState): ProseContext | undefined {
  const builder = new PlainBuilder();
  const links: ProseLink[] = [];
  const refs: { start: number; end: number; identifier: string }[] = [];
  const inline = { builder, links, refs, state };
  let leadStrong: { start: number; end: number } | undefined;
  node.children.forEach((child, index) => {
    const before = builder.length;
    walkInline(child as PhrasingContent, inline);
    if (index === 0 && child.type === 'strong') leadStrong = { start: before, end: builder.length };
  });
  const plain = maskExcluded(builder.toString());
  const section = state.headings.length - 1;
  const context: ProseContext = { kind, plain, segments: builder.segments, links, leadStrong, span: spanOf(node as Nodes), section };
  const rows = kind === 'paragraph' ? splitTableRows(context) : null;
  if (!rows) {
    state.contexts.push(context);
    for (const ref of refs) state.pendingRefs.push({ context, link: { start: ref.start, end: ref.end }, identifier: ref.identifier });
    return context;
  }
  state.contexts.push(...rows);
  for (const ref of refs) {
    const row = rows.find((r) => ref.start >= rowBase(r) && ref.start < rowBase(r) + r.plain.length);
    if (row) state.pendingRefs.push({ context: row, link: { start: ref.start - rowBase(row), end: ref.end - rowBase(row) }, identifier: ref.identifier });
  }
  return context;
}

interface InlineState {
  builder: PlainBuilder;
  links: ProseLink[];
  refs: { start: number; end: number; identifier: string }[];
  state: WalkState;
}

/**
 * Appends one inline node's prose to the builder, in order, with an explicit stack
 * (emphasis nested thousands deep overflowed the call stack when this recursed).
 * A link's range is recorded once its children are in, by a step queued after them.
 */
function walkInline(root: PhrasingContent, inline: InlineState): void {
  const { builder, state } = inline;
  const stack: (PhrasingContent | (() => void))[] = [root];
  const pushChildren = (children: readonly PhrasingContent[]) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  };
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'function') {
      node();
      continue;
    }
    switch (node.type) {
      case 'text': {
        const { start, end } = spanOf(node);
        builder.appendText(node.value, state.text, start, end);
        break;
      }
      case 'break':
        builder.appendMask(spanOf(node).start, '\n');
        break;
      case 'inlineCode':
      case 'image':
      case 'imageReference':
        builder.appendMask(spanOf(node).start);
        break;
      case 'html':
        state.directives.push(...parseDirectives((node as Html).value, spanOf(node as Nodes), state.text));
        builder.appendMask(spanOf(node).start);
        break;
      case 'link': {
        // An autolink (<https://...>, <name@example.com>) shows its address as its text:
        // it is a URL, not prose, whatever the scheme.
        if (state.text.charCodeAt(spanOf(node).start) === 60 /* < */) {
          builder.appendMask(spanOf(node).start);
          break;
        }
        const start = builder.length;
        const url = node.url;
        stack.push(() => inline.links.push({ start, end: builder.length, url }));
        pushChildren(node.children);
        break;
      }
      case 'linkReference': {
        const start = builder.length;
        const identifier = node.identifier;
        stack.push(() => inline.refs.push({ start, end: builder.length, identifier }));
        pushChildren(node.children);
        break;
      }
      default:
        if ('children' in node) pushChildren((node as Parent).children as PhrasingContent[]);
    }
  }
}
