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
import type { ParsedBlocks, ParsedDocument } from './markdown/parse';
import type { ProseContext } from './markdown/prose';
import { LineIndex } from './positions';
import type { Registry } from './registry';
import { resolveDocument } from './resolve';
import type { LocalFacts } from './resolve/local';
import type { ContextView } from './resolve/view';
import { runRules } from './rules';
import type { Analysis } from './service';
import { lastAtOrBefore } from './sorted';
import type { RawOccurrence, Span } from './types';
import { analyseParsed, groupEnd, parseUnit, shiftDirective, shiftSpan, type UnitResult } from './units';

/** One block's analysis, with offsets relative to the block. */
interface BlockResult extends UnitResult {
  /** Its results moved into the document, kept while the block stays at the same place. */
  placed?: Placement;
}

/** A block's results in document coordinates, and the place they were computed for. */
interface Placement {
  base: number;
  contextOffset: number;
  headingOffset: number;
  contexts: ProseContext[];
  headings: ParsedDocument['headings'];
  directives: ParsedDocument['directives'];
  raw: RawOccurrence[];
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
  const contexts: ProseContext[] = [];
  const views: ContextView[] = [];
  const raw: RawOccurrence[] = [];
  const facts: LocalFacts[] = [];
  const doc: ParsedDocument = { text, lines: new LineIndex(text), contexts, directives: [], headings: [] };
  for (const entry of entries) {
    cache.blocks.set(entry.key, entry.block!);
    place(entry.block!, entry.start, doc, views, raw, facts);
  }
  const resolution = resolveDocument(doc, raw, registry, facts, views);
  const findings = runRules(doc, resolution, registry);
  return { doc, occurrences: resolution.occurrences, findings, resolution, cache };
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
 * Appends a block's results to the document's, moved to `base`. The moved copies are
 * kept on the block and reused while it sits at the same place (every block before
 * an edit, on each keystroke); nothing downstream modifies them.
 */
function place(block: BlockResult, base: number, doc: ParsedDocument, views: ContextView[], raw: RawOccurrence[], facts: LocalFacts[]): void {
  const contextOffset = doc.contexts.length;
  const headingOffset = doc.headings.length;
  let placed = block.placed;
  if (!placed || placed.base !== base || placed.contextOffset !== contextOffset || placed.headingOffset !== headingOffset) {
    placed = moved(block, base, contextOffset, headingOffset);
    block.placed = placed;
  }
  for (const context of placed.contexts) doc.contexts.push(context);
  for (const heading of placed.headings) doc.headings.push(heading);
  for (const directive of placed.directives) doc.directives.push(directive);
  if (base === 0 && block.blocks.frontMatter) doc.frontMatter = block.blocks.frontMatter;
  for (const view of block.views) views.push(view);
  for (const occurrence of placed.raw) raw.push(occurrence);
  for (const fact of block.facts) facts.push(fact);
}

/** A block's results in document coordinates: offsets moved by `base`, indices by the blocks before it. */
function moved(block: BlockResult, base: number, contextOffset: number, headingOffset: number): Placement {
  const shift = (span: Span): Span => shiftSpan(span, base);
  const contexts = block.blocks.contexts.map((context) => ({
    ...context,
    // A context split off a group parse maps its segments through its own (negative) base.
    base: base + (context.base ?? 0),
    span: shift(context.span),
    section: context.section >= 0 ? context.section + headingOffset : headingOffset - 1,
  }));
  const headings = block.blocks.headings.map((heading) => ({ ...heading, span: shift(heading.span) }));
  const directives = block.blocks.directives.map((d) => shiftDirective(d, base));
  const raw = block.raw.map((o) => ({ ...o, context: o.context + contextOffset, span: shift(o.span) }));
  return { base, contextOffset, headingOffset, contexts, headings, directives, raw };
}
