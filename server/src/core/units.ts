/**
 * Units of analysis shared by the one-off analysis (once.ts) and the editor's
 * incremental one (incremental.ts): consecutive blocks (markdown/chunks.ts) grouped
 * for one parser call, parsed with the link definitions they use, scanned and read
 * for local facts in their own coordinates, and moved into a document's.
 */
import { definitionsFor, type LinkDefinitions } from './markdown/chunks';
import type { Directive } from './markdown/directives';
import { parseBlocks, type ParsedBlocks, type ParsedDocument } from './markdown/parse';
import type { Registry } from './registry';
import { localFacts, type LocalFacts } from './resolve/local';
import { ContextView } from './resolve/view';
import { scanDocument } from './scan';
import type { RawOccurrence, Span } from './types';

/**
 * Blocks are parsed together, consecutive ones in groups of up to this many
 * characters (by the editor's analysis, only those not in its cache). The parser
 * has a fixed cost per call (setting up its tokenizers and tree builder) that, paid
 * once per block, made the block-wise analysis cost twice a whole-document parse;
 * groups of this size pay it rarely. The cap keeps what a long list costs the
 * parser (superlinear in the piece it reads at once) bounded, as splitChunks intends.
 */
const GROUP_CHARS = 16 * 1024;

/** A unit's analysis, with offsets relative to the unit. */
export interface UnitResult {
  blocks: ParsedBlocks;
  views: ContextView[];
  raw: RawOccurrence[];
  facts: LocalFacts[];
}

/**
 * Consecutive chunks starting at `i` that one parse takes: up to GROUP_CHARS, while
 * `joinable` allows. Returns the index after the last one (always more than `i`).
 */
export function groupEnd(chunks: readonly { start: number; end: number }[], i: number, joinable: (k: number) => boolean): number {
  let j = i + 1;
  while (j < chunks.length && joinable(j) && chunks[j].end - chunks[i].start <= GROUP_CHARS) j++;
  return j;
}

/** Parses one block or group, with the definitions of the labels it names appended (see chunks.ts). */
export function parseUnit(unitText: string, labels: readonly string[], allDefinitions: LinkDefinitions, atDocumentStart: boolean): ParsedBlocks {
  const definitions = definitionsFor(labels, allDefinitions);
  return parseBlocks(definitions ? `${unitText}\n\n${definitions}` : unitText, unitText.length, atDocumentStart);
}

/** Scans a parse and reads each occurrence's local facts, all in the parse's own coordinates. */
export function analyseParsed(blocks: ParsedBlocks, registry: Registry): UnitResult {
  const views = blocks.contexts.map((c) => new ContextView(c));
  const raw = scanDocument({ contexts: blocks.contexts } as ParsedDocument, registry);
  return { blocks, views, raw, facts: localFacts(raw, views, registry) };
}

/** `span` moved by `by`. */
export function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** A directive with every span in it moved by `by`. */
export function shiftDirective(d: Directive, by: number): Directive {
  const shift = (span: Span) => shiftSpan(span, by);
  if (d.kind === 'pin') return { ...d, span: shift(d.span), term: { ...d.term, span: shift(d.term.span) }, sense: d.sense && { ...d.sense, span: shift(d.sense.span) } };
  if (d.kind === 'malformed') return { ...d, span: shift(d.span) };
  return { ...d, span: shift(d.span), terms: d.terms.map((t) => ({ ...t, span: shift(t.span) })) };
}
