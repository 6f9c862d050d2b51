/**
 * Incremental analysis for the editor: re-parses, re-scans and re-resolves locally
 * only the blocks an edit touched. Blocks (see markdown/chunks.ts) are cached by
 * their text plus the link definitions they use, so an unchanged block is reused
 * wherever it moved; document-wide steps (directives, pins, definitions, rules) are
 * cheap and always redone. Blocks that must be analysed are parsed in groups (see
 * units.ts) and split back per block. The result equals one parse of the whole text
 * (analyzeWhole).
 */
import { definitionsFor, linkDefinitions, referencedLabels, splitChunks, type LinkDefinitions } from './markdown/chunks';
import type { ParsedBlocks } from './markdown/parse';
import type { Registry } from './registry';
import type { Analysis } from './service';
import { lastAtOrBefore } from './sorted';
import { analyseParsed, Assembly, groupEnd, parseUnit, placement, shiftDirective, shiftSpan, type Placement, type UnitResult } from './units';

/** One block's analysis, with offsets relative to the block. */
interface BlockResult extends UnitResult {
  /** Its results moved into the document, kept while the block stays at the same place. */
  placed?: Placement;
}

/** The blocks kept between analyses of one document. */
export interface BlockCache {
  registry: Registry;
  blocks: Map<string, BlockResult>;
  /** Block text -> what it says about links (kept across registries: it depends on the text alone). */
  links: Map<string, BlockLinks>;
}

/** An analysis that carries the cache the next incremental analysis reuses. */
export interface IncrementalAnalysis extends Analysis {
  cache: BlockCache;
}

/** The reference labels a block names and the link definitions it holds. */
interface BlockLinks {
  labels: readonly string[];
  definitions: LinkDefinitions;
}

/** One block of the document being analysed, and its result once known. */
interface Entry {
  start: number;
  end: number;
  labels: readonly string[];
  key: string;
  block?: BlockResult;
}

/**
 * Analyses `text`, reusing the blocks of `previous` (an earlier analysis of the same
 * document with the same registry) that did not change. Without `previous`, or when
 * the registry changed, everything is analysed afresh.
 */
export function analyzeIncremental(text: string, registry: Registry, previous?: IncrementalAnalysis): IncrementalAnalysis {
  const reuse = previous && previous.cache.registry === registry ? previous.cache.blocks : undefined;
  const cache: BlockCache = { registry, blocks: new Map(), links: new Map() };
  const chunks = splitChunks(text).map(({ start, end }) => {
    const blockText = text.slice(start, end);
    let links = cache.links.get(blockText) ?? previous?.cache.links.get(blockText);
    links ??= { labels: referencedLabels(blockText), definitions: linkDefinitions(blockText) };
    cache.links.set(blockText, links);
    return { start, end, blockText, links };
  });
  // The document's definitions, the first of each label winning: gathered block by
  // block (blocks start at line starts), so a keystroke does not re-read a long draft.
  const allDefinitions = new Map<string, string>();
  for (const { links } of chunks) for (const [label, line] of links.definitions) if (!allDefinitions.has(label)) allDefinitions.set(label, line);
  const entries: Entry[] = chunks.map(({ start, end, blockText, links }) => {
    // The first block may hold front matter, which parses differently anywhere else.
    const key = `${start === 0 ? '^' : ''}${definitionsFor(links.labels, allDefinitions)}\u0000${blockText}`;
    return { start, end, labels: links.labels, key, block: cache.blocks.get(key) ?? reuse?.get(key) };
  });
  for (let i = 0; i < entries.length; ) {
    if (entries[i].block) {
      i++;
      continue;
    }
    const j = groupEnd(entries, i, (k) => !entries[k].block);
    analyseGroup(text, entries.slice(i, j), allDefinitions, registry);
    i = j;
  }
  const assembly = new Assembly(text);
  for (const entry of entries) {
    cache.blocks.set(entry.key, entry.block!);
    assembly.append(entry.block!, placed(entry.block!, entry.start, assembly));
  }
  return { ...assembly.analysis(registry), cache };
}

/**
 * Parses consecutive blocks in one call, with the link definitions any of them uses
 * appended, and gives each entry its own result, as if it had been parsed alone (a
 * block parses the same on its own as among its neighbours; see chunks.ts).
 */
function analyseGroup(text: string, members: Entry[], allDefinitions: LinkDefinitions, registry: Registry): void {
  const groupStart = members[0].start;
  const groupText = text.slice(groupStart, members[members.length - 1].end);
  const labels = members.length === 1 ? members[0].labels : [...new Set(members.flatMap((m) => m.labels))];
  const parsed = parseUnit(groupText, labels, allDefinitions, groupStart === 0);
  const pieces = members.length === 1 ? [parsed] : splitParsed(parsed, members.map((m) => m.start - groupStart));
  members.forEach((member, k) => {
    member.block = analyseParsed(pieces[k], registry);
  });
}

/**
 * Splits a group's parse into one ParsedBlocks per block, each in that block's own
 * coordinates. `starts` are the blocks' offsets in the group, ascending, from 0.
 * Contexts keep their segments and carry `base` (negative) to map them; heading
 * indices restart per block, and a context whose heading lies in an earlier block
 * gets -1 (place() then points it at the heading before the block).
 */
function splitParsed(parsed: ParsedBlocks, starts: readonly number[]): ParsedBlocks[] {
  const pieces: ParsedBlocks[] = starts.map(() => ({ contexts: [], directives: [], headings: [] }));
  const pieceOf = (offset: number) => lastAtOrBefore(starts, offset);
  pieces[0].frontMatter = parsed.frontMatter;
  // Group heading index -> [piece, index in the piece].
  const headingAt = parsed.headings.map((heading) => {
    const k = pieceOf(heading.span.start);
    pieces[k].headings.push({ ...heading, span: shiftSpan(heading.span, -starts[k]) });
    return { piece: k, index: pieces[k].headings.length - 1 };
  });
  for (const context of parsed.contexts) {
    const k = pieceOf(context.span.start);
    const heading = context.section >= 0 ? headingAt[context.section] : undefined;
    const section = heading && heading.piece === k ? heading.index : -1;
    if (starts[k] === 0) pieces[k].contexts.push(context);
    else pieces[k].contexts.push({ ...context, span: shiftSpan(context.span, -starts[k]), base: (context.base ?? 0) - starts[k], section });
  }
  for (const directive of parsed.directives) {
    const k = pieceOf(directive.span.start);
    pieces[k].directives.push(shiftDirective(directive, -starts[k]));
  }
  return pieces;
}

/**
 * A block's results placed at `base` in the document being assembled. The moved
 * copies are kept on the block and reused while it sits at the same place (every
 * block before an edit, on each keystroke); nothing downstream modifies them.
 */
function placed(block: BlockResult, base: number, assembly: Assembly): Placement {
  const contextOffset = assembly.doc.contexts.length;
  const headingOffset = assembly.doc.headings.length;
  const last = block.placed;
  if (last && last.base === base && last.contextOffset === contextOffset && last.headingOffset === headingOffset) return last;
  block.placed = placement(block, base, contextOffset, headingOffset, false);
  return block.placed;
}
