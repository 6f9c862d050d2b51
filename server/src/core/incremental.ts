/**
 * Incremental analysis for the editor. An edit that leaves the document-wide state
 * alone is spliced into the previous analysis (splice.ts). Otherwise the draft is
 * analysed block by block: blocks (see markdown/chunks.ts) are cached by their text
 * plus the link definitions they use, so an unchanged block is reused wherever it
 * moved, and only the document-wide steps (directives, pins, definitions, rules) are
 * redone. Blocks that must be analysed are parsed in groups (see units.ts) and split
 * back per block. Either way the result equals one parse of the whole text
 * (analyzeWhole), and carries the layout the next splice starts from.
 */
import { splitChunks, type LinkDefinitions } from './markdown/chunks';
import { frontMatterEnd } from './markdown/lines';
import type { Registry } from './registry';
import type { LocalFacts } from './resolve/local';
import type { ContextFindings } from './rules/context-findings';
import type { Analysis } from './service';
import { spliceAnalysis } from './splice';
import { analyseGroup, Assembly, blockKey, blockLinks, groupEnd, placement, type BlockLinks, type Placement, type UnitResult } from './units';

/** One block's analysis, with offsets relative to the block. */
export interface BlockResult extends UnitResult {
  /** Its results moved into the document, kept while the block stays at the same place. */
  placed?: Placement;
}

/** The blocks kept between analyses of one document. */
export interface BlockCache {
  registry: Registry;
  blocks: Map<string, BlockResult>;
  /** Block text -> what it says about links (kept across registries: it depends on the text alone). */
  links: Map<string, BlockLinks>;
  /** The analysed document block by block, from which the next edit is spliced (splice.ts). */
  layout: Layout;
}

/** A document as the last analysis laid it out: what splice.ts needs to analyse an edit of it. */
export interface Layout {
  text: string;
  /** Its blocks in order. */
  blocks: LaidBlock[];
  /** Where each block starts (block i spans at.start[i] to at.start[i + 1]) and where its items start in the document's arrays. */
  at: BlockPositions;
  /** Its link definitions, the first of each label. */
  allDefinitions: LinkDefinitions;
  /** Where its front matter ends (0: none, or not closed). */
  frontMatterEnd: number;
  /** The local facts of its occurrences, lined up with analysis.occurrences. */
  facts: LocalFacts[];
  /** Its context-local rule findings. */
  local: ContextFindings;
}

/** One block of a laid-out document: its cache key, what it says about links, its result. Where it is lives in Layout.at. */
export interface LaidBlock {
  key: string;
  labels: readonly string[];
  /** True when the block holds link reference definitions. */
  defines: boolean;
  block: BlockResult;
}

/**
 * Per block, and one past the last block (the text's length, the document's
 * counts): its start in the text and the index of its first context, occurrence,
 * heading and directive in the document's arrays. Typed arrays, not a field per
 * block object: an edit moves every block after it, and touching thousands of
 * scattered objects cost a 5 MB draft 10 ms per keystroke.
 */
export interface BlockPositions {
  start: Int32Array;
  context: Int32Array;
  occurrence: Int32Array;
  heading: Int32Array;
  directive: Int32Array;
}

/** An analysis that carries the cache the next incremental analysis reuses. */
export interface IncrementalAnalysis extends Analysis {
  cache: BlockCache;
}

/** One block of the document being analysed, and its result once known. */
interface Entry {
  start: number;
  end: number;
  labels: readonly string[];
  defines: boolean;
  key: string;
  block?: BlockResult;
}

/**
 * Analyses `text`, reusing the blocks of `previous` (an earlier analysis of the same
 * document with the same registry) that did not change. Without `previous`, or when
 * the registry changed, everything is analysed afresh.
 */
export function analyzeIncremental(text: string, registry: Registry, previous?: IncrementalAnalysis): IncrementalAnalysis {
  // An edit that leaves the document-wide state alone is spliced into the previous analysis.
  const spliced = previous && previous.cache.registry === registry ? spliceAnalysis(text, registry, previous) : undefined;
  return spliced ?? analyzeBlocks(text, registry, previous?.cache);
}

/** The analysis block by block: every block looked up in `previous`'s cache, every document-wide step redone. */
function analyzeBlocks(text: string, registry: Registry, previous?: BlockCache): IncrementalAnalysis {
  const reuse = previous && previous.registry === registry ? previous.blocks : undefined;
  const links = new Map<string, BlockLinks>();
  const chunks = splitChunks(text).map(({ start, end }) => {
    const blockText = text.slice(start, end);
    return { start, end, blockText, links: blockLinks(blockText, links, previous?.links) };
  });
  // The document's definitions, the first of each label winning: gathered block by
  // block (blocks start at line starts), so a keystroke does not re-read a long draft.
  const allDefinitions = new Map<string, string>();
  for (const { links } of chunks) for (const [label, line] of links.definitions) if (!allDefinitions.has(label)) allDefinitions.set(label, line);
  const blocks = new Map<string, BlockResult>();
  const entries: Entry[] = chunks.map(({ start, end, blockText, links }) => {
    const key = blockKey(start, blockText, links.labels, allDefinitions);
    return { start, end, labels: links.labels, defines: links.definitions.size > 0, key, block: blocks.get(key) ?? reuse?.get(key) };
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
  const laid: LaidBlock[] = [];
  const n = entries.length;
  const at: BlockPositions = { start: new Int32Array(n + 1), context: new Int32Array(n + 1), occurrence: new Int32Array(n + 1), heading: new Int32Array(n + 1), directive: new Int32Array(n + 1) };
  const record = (i: number, start: number) => {
    const { doc } = assembly;
    at.start[i] = start;
    at.context[i] = doc.contexts.length;
    at.occurrence[i] = assembly.occurrenceCount;
    at.heading[i] = doc.headings.length;
    at.directive[i] = doc.directives.length;
  };
  entries.forEach((entry, i) => {
    const block = entry.block!;
    blocks.set(entry.key, block);
    laid.push({ key: entry.key, labels: entry.labels, defines: entry.defines, block });
    record(i, entry.start);
    assembly.append(block, placed(block, entry.start, assembly));
  });
  record(n, text.length);
  const { analysis, facts, local } = assembly.assembled(registry);
  const layout: Layout = { text, blocks: laid, at, allDefinitions, frontMatterEnd: frontMatterEnd(text), facts, local };
  return { ...analysis, cache: { registry, blocks, links, layout } };
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
