/**
 * Incremental analysis for the editor: re-parses, re-scans and re-resolves locally
 * only the blocks an edit touched. Blocks (see markdown/chunks.ts) are cached by
 * their text plus the link definitions they use, so an unchanged block is reused
 * wherever it moved; document-wide steps (directives, pins, definitions, rules) are
 * cheap and always redone. The result equals a full `analyze` of the same text.
 */
import { definitionsFor, linkDefinitions, referencedLabels, splitChunks } from './markdown/chunks';
import { parseBlocks, type ParsedBlocks, type ParsedDocument } from './markdown/parse';
import type { ProseContext } from './markdown/prose';
import { LineIndex } from './positions';
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
  /** Block text -> the reference labels it names (kept across registries: it depends on the text alone). */
  labels: Map<string, readonly string[]>;
}

/** An analysis that carries the cache the next incremental analysis reuses. */
export interface IncrementalAnalysis extends Analysis {
  cache: BlockCache;
}

/**
 * Analyses `text`, reusing the blocks of `previous` (an earlier analysis of the same
 * document with the same registry) that did not change. Without `previous`, or when
 * the registry changed, everything is analysed afresh.
 */
export function analyzeIncremental(text: string, registry: Registry, previous?: IncrementalAnalysis): IncrementalAnalysis {
  const reuse = previous && previous.cache.registry === registry ? previous.cache.blocks : undefined;
  const cache: BlockCache = { registry, blocks: new Map(), labels: new Map() };
  const allDefinitions = linkDefinitions(text);
  const contexts: ProseContext[] = [];
  const views: ContextView[] = [];
  const raw: RawOccurrence[] = [];
  const facts: LocalFacts[] = [];
  const doc: ParsedDocument = { text, lines: new LineIndex(text), contexts, directives: [], headings: [] };
  for (const chunk of splitChunks(text)) {
    const blockText = text.slice(chunk.start, chunk.end);
    const labels = cache.labels.get(blockText) ?? previous?.cache.labels.get(blockText) ?? referencedLabels(blockText);
    cache.labels.set(blockText, labels);
    const definitions = definitionsFor(labels, allDefinitions);
    // The first block may hold front matter, which parses differently anywhere else.
    const key = `${chunk.start === 0 ? '^' : ''}${definitions}\u0000${blockText}`;
    let block = cache.blocks.get(key) ?? reuse?.get(key);
    if (!block) block = analyseBlock(blockText, definitions, registry, chunk.start === 0);
    cache.blocks.set(key, block);
    place(block, chunk.start, doc, views, raw, facts);
  }
  const resolution = resolveDocument(doc, raw, registry, facts, views);
  const findings = runRules(doc, resolution, registry);
  return { doc, occurrences: resolution.occurrences, findings, resolution, cache };
}

function analyseBlock(blockText: string, definitions: string, registry: Registry, atDocumentStart: boolean): BlockResult {
  const blocks = parseBlocks(definitions ? `${blockText}\n\n${definitions}` : blockText, blockText.length, atDocumentStart);
  const views = blocks.contexts.map((c) => new ContextView(c));
  const raw = scanDocument({ contexts: blocks.contexts } as ParsedDocument, registry);
  return { blocks, views, raw, facts: localFacts(raw, views, registry) };
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
  const shift = (span: Span): Span => ({ start: span.start + base, end: span.end + base });
  const contexts = block.blocks.contexts.map((context) => ({
    ...context,
    base,
    span: shift(context.span),
    section: context.section >= 0 ? context.section + headingOffset : headingOffset - 1,
  }));
  const headings = block.blocks.headings.map((heading) => ({ ...heading, span: shift(heading.span) }));
  const directives = block.blocks.directives.map((d) => {
    if (d.kind === 'pin') return { ...d, span: shift(d.span), term: { ...d.term, span: shift(d.term.span) }, sense: d.sense && { ...d.sense, span: shift(d.sense.span) } };
    if (d.kind === 'malformed') return { ...d, span: shift(d.span) };
    return { ...d, span: shift(d.span), terms: d.terms.map((t) => ({ ...t, span: shift(t.span) })) };
  });
  const raw = block.raw.map((o) => ({ ...o, context: o.context + contextOffset, span: shift(o.span) }));
  return { base, contextOffset, headingOffset, contexts, headings, directives, raw };
}
