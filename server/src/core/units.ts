/**
 * Units of analysis shared by the one-off analysis (once.ts) and the editor's
 * incremental one (incremental.ts): consecutive blocks (markdown/chunks.ts) grouped
 * for one parser call, parsed with the link definitions they use, scanned and read
 * for local facts in their own coordinates, moved into a document's, and the
 * document assembled from them resolved and checked as a whole.
 */
import { definitionsFor, linkDefinitions, referencedLabels, type LinkDefinitions } from './markdown/chunks';
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
import { contextFindings, type ContextFindings } from './rules/context-findings';
import { scanDocument } from './scan';
import type { Analysis } from './service';
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

/** The reference labels a block names and the link definitions it holds. */
export interface BlockLinks {
  labels: readonly string[];
  definitions: LinkDefinitions;
}

/** What `blockText` says about links: from `known` or `earlier` (by text), else read; recorded in `known`. */
export function blockLinks(blockText: string, known: Map<string, BlockLinks>, earlier?: ReadonlyMap<string, BlockLinks>): BlockLinks {
  let links = known.get(blockText) ?? earlier?.get(blockText);
  links ??= { labels: referencedLabels(blockText), definitions: linkDefinitions(blockText) };
  known.set(blockText, links);
  return links;
}

/**
 * The editor's cache key of a block: its text plus the definitions of the labels it
 * names (it is parsed with them appended), marked when it starts the document
 * (front matter parses differently anywhere else).
 */
export function blockKey(start: number, blockText: string, labels: readonly string[], allDefinitions: LinkDefinitions): string {
  return `${start === 0 ? '^' : ''}${definitionsFor(labels, allDefinitions)}\u0000${blockText}`;
}

/** A block of a group analysed together (see analyseGroup): where it is, the labels it names, its result once known. */
export interface GroupMember {
  start: number;
  end: number;
  labels: readonly string[];
  block?: UnitResult;
}

/**
 * Parses consecutive blocks in one call, with the link definitions any of them uses
 * appended, and gives each entry its own result, as if it had been parsed alone (a
 * block parses the same on its own as among its neighbours; see chunks.ts).
 */
export function analyseGroup(text: string, members: GroupMember[], allDefinitions: LinkDefinitions, registry: Registry): void {
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

/** A unit's results in document coordinates, and the place they were computed for. */
export interface Placement {
  base: number;
  contextOffset: number;
  headingOffset: number;
  contexts: ProseContext[];
  headings: ParsedDocument['headings'];
  directives: ParsedDocument['directives'];
  raw: RawOccurrence[];
}

/**
 * A unit's results moved into the document: offsets by `base`, context indices by
 * `contextOffset`, heading indices by `headingOffset`. With `reuse`, the unit's own
 * contexts and occurrences are moved (for a unit used once); otherwise they are
 * copied and the unit keeps its own coordinates (for the editor's block cache).
 */
export function placement(unit: UnitResult, base: number, contextOffset: number, headingOffset: number, reuse: boolean): Placement {
  const contexts = reuse ? unit.blocks.contexts : unit.blocks.contexts.map((c) => ({ ...c }));
  for (const context of contexts) {
    // A context split off a group parse maps its segments through its own (negative) base.
    context.base = base + (context.base ?? 0);
    context.span = shiftSpan(context.span, base);
    // -1 (no heading earlier in the unit) becomes the last heading before it.
    context.section += headingOffset;
  }
  const raw = reuse ? unit.raw : unit.raw.map((o) => ({ ...o }));
  for (const occurrence of raw) {
    occurrence.context += contextOffset;
    occurrence.span = shiftSpan(occurrence.span, base);
  }
  const headings = unit.blocks.headings.map((heading) => ({ ...heading, span: shiftSpan(heading.span, base) }));
  const directives = unit.blocks.directives.map((d) => shiftDirective(d, base));
  return { base, contextOffset, headingOffset, contexts, headings, directives, raw };
}

/** A document put together from placed units in order, then resolved and checked as a whole. */
export class Assembly {
  readonly doc: ParsedDocument;
  private readonly views: ContextView[] = [];
  private readonly raw: RawOccurrence[] = [];
  private readonly facts: LocalFacts[] = [];

  constructor(text: string) {
    this.doc = { text, lines: new LineIndex(text), contexts: [], directives: [], headings: [] };
  }

  /** How many occurrences have been appended. */
  get occurrenceCount(): number {
    return this.raw.length;
  }

  /** Appends `unit`, placed at `placed` (made for this document's current context and heading counts). */
  append(unit: UnitResult, placed: Placement): void {
    for (const context of placed.contexts) this.doc.contexts.push(context);
    for (const heading of placed.headings) this.doc.headings.push(heading);
    for (const directive of placed.directives) this.doc.directives.push(directive);
    if (placed.base === 0 && unit.blocks.frontMatter) this.doc.frontMatter = unit.blocks.frontMatter;
    for (const view of unit.views) this.views.push(view);
    for (const occurrence of placed.raw) this.raw.push(occurrence);
    for (const fact of unit.facts) this.facts.push(fact);
  }

  /** Resolves every occurrence appended and runs the rules. */
  analysis(registry: Registry): Analysis {
    return this.assembled(registry).analysis;
  }

  /** The analysis, with what the editor keeps to analyse its next edit (see splice.ts). */
  assembled(registry: Registry): Assembled {
    const resolution = resolveDocument(this.doc, this.raw, registry, this.facts, this.views);
    const local = contextFindings(this.doc, resolution, registry);
    const findings = runRules(this.doc, resolution, registry, local);
    return { analysis: { doc: this.doc, occurrences: resolution.occurrences, findings, resolution }, facts: this.facts, local };
  }
}

/** An assembled document's analysis, its occurrences' local facts (lined up), and its context-local findings. */
export interface Assembled {
  analysis: Analysis;
  facts: LocalFacts[];
  local: ContextFindings;
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
