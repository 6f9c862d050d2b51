/**
 * Incremental analysis for the editor: re-parses, re-scans and re-resolves locally
 * only the blocks an edit touched. Blocks (see markdown/chunks.ts) are cached by
 * their text plus the link definitions they use, so an unchanged block is reused
 * wherever it moved; document-wide steps (directives, pins, definitions, rules) are
 * cheap and always redone. Blocks that must be analysed are parsed in groups (see
 * GROUP_CHARS). The result equals one parse of the whole text (analyzeWhole).
 */
import { definitionsFor, linkDefinitions, referencedLabels, splitChunks, type LinkDefinitions } from './markdown/chunks';
import type { Directive } from './markdown/directives';
import { parseBlocks, type ParsedBlocks, type ParsedDocument } from './markdown/parse';
import type { ProseContext } from './markdown/prose';
import { LineIndex } from './positions';
import { lastAtOrBefore } from './sorted';
import type { Registry } from './registry';
import { resolveDocument } from './resolve';
import { localFacts, type LocalFacts } from './resolve/local';
import { ContextView } from './resolve/view';
import { runRules } from './rules';
import { scanDocument } from './scan';
import type { Analysis } from './service';
import type { RawOccurrence, Span } from './types';

/** One block's analysis, with offsets relative to the block. */
interface BlockResult {
  blocks: ParsedBlocks;
  views: ContextView[];
  raw: RawOccurrence[];
  facts: LocalFacts[];
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

/**
 * Blocks not found in the cache are parsed together, consecutive ones in groups of up
 * to this many characters, and the parse is split back into per-block results. The
 * parser has a fixed cost per call (setting up its tokenizers and tree builder) that,
 * paid once per block, made the block-wise analysis cost twice a whole-document
 * parse; groups of this size pay it rarely. The cap keeps what a long list costs the
 * parser (superlinear in the piece it reads at once) bounded, as splitChunks intends.
 */
const GROUP_CHARS = 16 * 1024;

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
 * Consecutive chunks starting at `i` that one parse takes: up to GROUP_CHARS, while
 * `joinable` allows. Returns the index after the last one (always more than `i`).
 */
function groupEnd(chunks: readonly { start: number; end: number }[], i: number, joinable: (k: number) => boolean): number {
  let j = i + 1;
  while (j < chunks.length && joinable(j) && chunks[j].end - chunks[i].start <= GROUP_CHARS) j++;
  return j;
}

/** Parses one block or group, with the definitions of the labels it names appended (see chunks.ts). */
function parseUnit(unitText: string, labels: readonly string[], allDefinitions: LinkDefinitions, atDocumentStart: boolean): ParsedBlocks {
  const definitions = definitionsFor(labels, allDefinitions);
  return parseBlocks(definitions ? `${unitText}\n\n${definitions}` : unitText, unitText.length, atDocumentStart);
}

/** Scans a parse and reads each occurrence's local facts, all in the parse's own coordinates. */
function analyseParsed(blocks: ParsedBlocks, registry: Registry): BlockResult {
  const views = blocks.contexts.map((c) => new ContextView(c));
  const raw = scanDocument({ contexts: blocks.contexts } as ParsedDocument, registry);
  return { blocks, views, raw, facts: localFacts(raw, views, registry) };
}

/**
 * A one-off analysis (the CLI's): the same result as analyzeIncremental without a
 * previous analysis, without what only a later keystroke would reuse. Groups of
 * blocks are the unit throughout (no block keys, no per-block split of a group's
 * parse), and their results are moved into the document in place, not copied.
 */
export function analyzeOnce(text: string, registry: Registry): Analysis {
  const allDefinitions = linkDefinitions(text);
  const views: ContextView[] = [];
  const raw: RawOccurrence[] = [];
  const facts: LocalFacts[] = [];
  const doc: ParsedDocument = { text, lines: new LineIndex(text), contexts: [], directives: [], headings: [] };
  const chunks = splitChunks(text);
  for (let i = 0; i < chunks.length; ) {
    const j = groupEnd(chunks, i, () => true);
    const base = chunks[i].start;
    const unitText = text.slice(base, chunks[j - 1].end);
    const unit = analyseParsed(parseUnit(unitText, referencedLabels(unitText), allDefinitions, base === 0), registry);
    const contextOffset = doc.contexts.length;
    const headingOffset = doc.headings.length;
    for (const context of unit.blocks.contexts) {
      context.base = base + (context.base ?? 0);
      context.span = shiftSpan(context.span, base);
      // -1 (no heading earlier in the unit) becomes the last heading before it.
      context.section += headingOffset;
      doc.contexts.push(context);
    }
    for (const heading of unit.blocks.headings) doc.headings.push({ ...heading, span: shiftSpan(heading.span, base) });
    for (const directive of unit.blocks.directives) doc.directives.push(shiftDirective(directive, base));
    if (base === 0 && unit.blocks.frontMatter) doc.frontMatter = unit.blocks.frontMatter;
    for (const view of unit.views) views.push(view);
    for (const occurrence of unit.raw) {
      occurrence.context += contextOffset;
      occurrence.span = shiftSpan(occurrence.span, base);
      raw.push(occurrence);
    }
    for (const fact of unit.facts) facts.push(fact);
    i = j;
  }
  const resolution = resolveDocument(doc, raw, registry, facts, views);
  const findings = runRules(doc, resolution, registry);
  return { doc, occurrences: resolution.occurrences, findings, resolution };
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

function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function shiftDirective(d: Directive, by: number): Directive {
  const shift = (span: Span) => shiftSpan(span, by);
  if (d.kind === 'pin') return { ...d, span: shift(d.span), term: { ...d.term, span: shift(d.term.span) }, sense: d.sense && { ...d.sense, span: shift(d.sense.span) } };
  if (d.kind === 'malformed') return { ...d, span: shift(d.span) };
  return { ...d, span: shift(d.span), terms: d.terms.map((t) => ({ ...t, span: shift(t.span) })) };
}
