/**
 * The editor's analysis of one edit, spliced into the previous analysis: only the
 * blocks the edit touched are re-split, analysed, resolved and checked; the blocks
 * before them are kept as they are and those after them are moved by the edit's
 * length. This is what makes a keystroke in a 5 MB draft cheap: the block-wise
 * analysis (incremental.ts) reuses each block's parse, but still resolves and checks
 * every occurrence of the document again.
 *
 * Splicing is exact only while the edit leaves the document-wide state alone, so it
 * declines (returns undefined, and the caller analyses block by block) when the
 * changed blocks, before or after the edit, hold a link definition, a directive or
 * the definition of a term, when the edit reaches the first two blocks (front
 * matter, the title) or a carriage return, and when the draft opens front matter it
 * never closed. (A disable-next-line directive before the edit needs no check: the
 * line after it is in its own block or starts the next one, and the re-analysed
 * blocks always start with the block before the edit.)
 * test/engine/splice.test.ts checks the result against a whole-document analysis.
 */
import { resumeChunks, type Chunk } from './markdown/chunks';
import { frontMatterOpening } from './markdown/lines';
import type { ParsedDocument } from './markdown/parse';
import type { ProseContext } from './markdown/prose';
import { LineIndex } from './positions';
import { lastAtOrBefore } from './sorted';
import type { Registry } from './registry';
import { resolveOccurrence, type Resolution } from './resolve';
import type { DefinitionSite } from './resolve/define';
import { buildScope } from './resolve/scope';
import { runRules } from './rules';
import { contextFindings, type ContextFinding, type ContextFindings, type Draft } from './rules/context-findings';
import type { BlockPositions, BlockResult, IncrementalAnalysis, LaidBlock, Layout } from './incremental';
import type { Fix, Occurrence, RawOccurrence, Span } from './types';
import { analyseGroup, blockKey, blockLinks, groupEnd, placement, shiftDirective, shiftSpan, type BlockLinks, type UnitResult } from './units';

/**
 * Caches grow by the blocks an edit adds; past this many entries per block of the
 * document they are rebuilt from the blocks in use (a long session must not keep
 * every version of every block it ever saw).
 */
const CACHE_SLACK = 2;

/** The analysis of `text`, an edit of `previous`'s text, or undefined when the edit cannot be spliced (see the module comment). */
export function spliceAnalysis(text: string, registry: Registry, previous: IncrementalAnalysis): IncrementalAnalysis | undefined {
  const layout = previous.cache.layout;
  const old = layout.blocks;
  const starts = layout.at.start;
  const n = old.length;
  if (n < 4) return undefined;
  if (text === layout.text) return previous;
  if (layout.frontMatterEnd === 0 && frontMatterOpening(text) > 0) return undefined;
  const delta = text.length - layout.text.length;

  // The edit lies in old blocks [a, b): those before stayed in place, those after moved by delta.
  const same = commonEnds(layout.text, text);
  const a = Math.min(n - 1, lastAtOrBefore(starts, same.prefix));
  if (a < 2) return undefined;
  let b = a + 1;
  while (b < n && starts[b] < layout.text.length - same.suffix) b++;

  // Re-split from the block before the edit (the edit may have removed the boundary
  // after it) to the first boundary the new split shares with the old one.
  const from = starts[a - 1];
  let k = b;
  const resumed = resumeChunks(text, from, (start) => {
    while (k < n && starts[k] + delta < start) k++;
    return k < n && starts[k] + delta === start;
  });
  if (resumed.stoppedAt === undefined) k = n;
  const oldEnd = starts[k];
  const newEnd = oldEnd + delta;
  if (text.slice(from, newEnd).includes('\r') || layout.text.slice(from, oldEnd).includes('\r')) return undefined;
  for (let i = a - 1; i < k; i++) if (changesScope(old[i].block) || old[i].defines) return undefined;

  const middle = analyseMiddle(text, resumed.chunks, previous, registry);
  if (!middle) return undefined;
  return assemble(text, registry, previous, { first: a - 1, k, delta, from, oldEnd, newEnd, middle: middle.blocks, middleStarts: middle.starts });
}

/**
 * How many characters two texts share at their start and, after that, at their end.
 * Halves a window at a time and compares slices (which V8 compares as blocks of
 * memory, and does not copy): about one pass over the shorter text in all, where a
 * character loop cost a 5 MB draft 17 ms per keystroke.
 */
function commonEnds(oldText: string, text: string): { prefix: number; suffix: number } {
  const shorter = Math.min(oldText.length, text.length);
  const prefix = longestMatch(shorter, (from, to) => oldText.slice(from, to) === text.slice(from, to));
  const oldEnd = oldText.length;
  const newEnd = text.length;
  const suffix = longestMatch(shorter - prefix, (from, to) => oldText.slice(oldEnd - to, oldEnd - from) === text.slice(newEnd - to, newEnd - from));
  return { prefix, suffix };
}

/** The largest m <= limit with same(0, m), where same(i, j) compares [i, j) and holds for [0, m) exactly when it holds for every part of it. */
function longestMatch(limit: number, same: (from: number, to: number) => boolean): number {
  let known = 0;
  let step = limit;
  while (step > 0) {
    const to = Math.min(limit, known + step);
    if (to > known && same(known, to)) known = to;
    else step = step >> 1;
    if (known === limit) break;
  }
  return known;
}

/** True when a block's analysis bears on others: a directive, or a use that defines its term. */
function changesScope(block: BlockResult): boolean {
  return block.blocks.directives.length > 0 || block.facts.some((f) => f.definesSense !== null);
}

/** The new blocks between the unchanged ones, analysed (from the cache where their key is known), and their starts; undefined when one of them changes the scope. */
function analyseMiddle(text: string, chunks: Chunk[], previous: IncrementalAnalysis, registry: Registry): { blocks: LaidBlock[]; starts: number[] } | undefined {
  const { cache } = previous;
  const entries = chunks.map(({ start, end }) => {
    const blockText = text.slice(start, end);
    const links = blockLinks(blockText, cache.links);
    const key = blockKey(start, blockText, links.labels, cache.layout.allDefinitions);
    return { start, end, key, labels: links.labels, defines: links.definitions.size > 0, block: cache.blocks.get(key) as UnitResult | undefined };
  });
  if (entries.some((e) => e.defines)) return undefined;
  for (let i = 0; i < entries.length; ) {
    if (entries[i].block) {
      i++;
      continue;
    }
    const j = groupEnd(entries, i, (m) => !entries[m].block);
    analyseGroup(text, entries.slice(i, j), cache.layout.allDefinitions, registry);
    i = j;
  }
  const blocks = entries.map((e): LaidBlock => ({ key: e.key, labels: e.labels, defines: e.defines, block: e.block! }));
  if (blocks.some((e) => changesScope(e.block))) return undefined;
  for (const e of blocks) cache.blocks.set(e.key, e.block);
  return { blocks, starts: entries.map((e) => e.start) };
}

/** Where the edit sits: old blocks [first, k) became `middle` (starting at `middleStarts`); the text [from, oldEnd) became [from, newEnd). */
interface Edit {
  first: number;
  k: number;
  delta: number;
  from: number;
  oldEnd: number;
  newEnd: number;
  middle: LaidBlock[];
  middleStarts: number[];
}

/** The new document and its analysis: kept prefix, analysed middle, moved suffix. */
function assemble(text: string, registry: Registry, previous: IncrementalAnalysis, edit: Edit): IncrementalAnalysis {
  const { layout } = previous.cache;
  const { at } = layout;
  const oldDoc = previous.doc;
  const oldOccurrences = previous.occurrences;
  const { first, k, delta, middle } = edit;
  // Index of the first item of the old middle, and of the old suffix, in each of the old document's arrays.
  const firstContext = at.context[first];
  const firstOccurrence = at.occurrence[first];
  const oldContext = at.context[k];
  const oldOccurrence = at.occurrence[k];
  const oldHeading = at.heading[k];

  const contexts = oldDoc.contexts.slice(0, firstContext);
  const headings = oldDoc.headings.slice(0, at.heading[first]);
  // No directive in the old or new middle (spliceAnalysis checks): the list only moves.
  const directives = oldDoc.directives.slice(0, at.directive[first]);
  // Resolved occurrences serve as raw ones (they extend them) until the new ones are resolved.
  const occurrences: (Occurrence | RawOccurrence)[] = oldOccurrences.slice(0, firstOccurrence);
  const facts = layout.facts.slice(0, firstOccurrence);
  const views = previous.resolution.views.slice(0, firstContext);
  const middleAt = middle.map((entry, i) => {
    const counts = { context: contexts.length, occurrence: occurrences.length, heading: headings.length };
    const placed = placement(entry.block, edit.middleStarts[i], contexts.length, headings.length, false);
    push(contexts, placed.contexts);
    push(headings, placed.headings);
    push(occurrences, placed.raw);
    push(facts, entry.block.facts);
    push(views, entry.block.views);
    return counts;
  });
  const middleEnd = occurrences.length;
  const shift: Shift = { delta, from: edit.oldEnd, context: contexts.length - oldContext, heading: headings.length - oldHeading };
  for (let i = oldContext; i < oldDoc.contexts.length; i++) {
    contexts.push(moveContext(oldDoc.contexts[i], shift));
    views.push(previous.resolution.views[i]);
  }
  for (let i = oldHeading; i < oldDoc.headings.length; i++) headings.push({ ...oldDoc.headings[i], span: shiftSpan(oldDoc.headings[i].span, delta) });
  for (let i = at.directive[k]; i < oldDoc.directives.length; i++) directives.push(shiftDirective(oldDoc.directives[i], delta));
  for (let i = oldOccurrence; i < oldOccurrences.length; i++) {
    const o = oldOccurrences[i];
    const moved = { ...o, context: o.context + shift.context, span: shiftSpan(o.span, delta) };
    if (o.decidedAt) moved.decidedAt = moveSpan(o.decidedAt, shift);
    occurrences.push(moved);
    facts.push(layout.facts[i]);
  }
  // The terms' definitions are those of the old document (none was in the edit), moved.
  const definitions = new Map<string, DefinitionSite>();
  for (const [term, site] of previous.resolution.definitions) {
    definitions.set(term, site.span.start >= shift.from ? { ...site, span: shiftSpan(site.span, delta), context: site.context + shift.context } : site);
  }
  // A definition decides every use of its term, even those before it: when one moved,
  // so did what decided those uses. (A pin directive decides only uses after it.)
  const definitionMoved = [...definitions.values()].some((site) => site.span.start >= edit.newEnd);
  if (definitionMoved) {
    for (let i = 0; i < firstOccurrence; i++) {
      const o = oldOccurrences[i];
      if (o.decidedAt && o.decidedAt.start >= shift.from) occurrences[i] = { ...o, decidedAt: shiftSpan(o.decidedAt, delta) };
    }
  }

  // No carriage return in the edit (spliceAnalysis checks), as spliced() requires.
  const lines = LineIndex.spliced(text, oldDoc.lines, edit.from, edit.oldEnd, edit.newEnd);
  const doc: ParsedDocument = { text, lines, contexts, directives, headings, frontMatter: oldDoc.frontMatter };
  // The edit leaves the scope and the terms' definitions as they were (spliceAnalysis
  // checks), so only the new occurrences need resolving; the others keep theirs.
  const scope = buildScope(doc, registry);
  for (let i = firstOccurrence; i < middleEnd; i++) occurrences[i] = resolveOccurrence(occurrences[i], facts[i], scope, definitions, registry);
  const resolution: Resolution = { occurrences: occurrences as Occurrence[], scope, definitions, views };
  // sense-drift names the line of the pin or definition that decided a use: lines
  // added or removed before one that moved change its messages.
  const decidersMoved = lines.lineCount !== oldDoc.lines.lineCount && (definitionMoved || at.directive[k] < oldDoc.directives.length);
  const local = spliceFindings(doc, resolution, registry, layout.local, { start: firstContext, oldEnd: oldContext, newEnd: oldContext + shift.context, shift, decidersMoved });
  const findings = runRules(doc, resolution, registry, local);

  const blocks = layout.blocks.slice(0, first).concat(middle, layout.blocks.slice(k));
  const positions = splicePositions(at, first, k, middleAt, edit.middleStarts, { start: delta, context: shift.context, occurrence: middleEnd - oldOccurrence, heading: shift.heading });
  const cache = { ...previous.cache, layout: { ...layout, text, blocks, at: positions, facts, local } satisfies Layout };
  prune(cache.blocks, cache.links, cache.layout);
  return { doc, occurrences: resolution.occurrences, findings, resolution, cache };
}

/**
 * The new block positions: those of blocks [0, first) kept, the middle's, then
 * those of blocks [k, n] (the end included) moved by `by` (directives do not move:
 * the middle has none before or after the edit).
 */
function splicePositions(at: BlockPositions, first: number, k: number, middle: { context: number; occurrence: number; heading: number }[], middleStarts: number[], by: { start: number; context: number; occurrence: number; heading: number }): BlockPositions {
  const size = first + middle.length + at.start.length - k;
  const column = (old: Int32Array, value: (i: number) => number, shift: number): Int32Array => {
    const out = new Int32Array(size);
    out.set(old.subarray(0, first));
    for (let i = 0; i < middle.length; i++) out[first + i] = value(i);
    for (let i = k, j = first + middle.length; i < old.length; i++, j++) out[j] = old[i] + shift;
    return out;
  };
  return {
    start: column(at.start, (i) => middleStarts[i], by.start),
    context: column(at.context, (i) => middle[i].context, by.context),
    occurrence: column(at.occurrence, (i) => middle[i].occurrence, by.occurrence),
    heading: column(at.heading, (i) => middle[i].heading, by.heading),
    directive: column(at.directive, () => at.directive[first], 0),
  };
}

/** How the blocks after the edit move: offsets by `delta` (those at or after `from` in the old text), context and heading indices by their counts. */
interface Shift {
  delta: number;
  from: number;
  context: number;
  heading: number;
}

/**
 * A context after the edit, moved. Its section (the last heading before it) moves
 * with the headings; one before the moved blocks is the last heading before them
 * (old index oldHeading - 1, new index headings before - 1), which the same shift gives.
 */
function moveContext(context: ProseContext, shift: Shift): ProseContext {
  return { ...context, base: (context.base ?? 0) + shift.delta, span: shiftSpan(context.span, shift.delta), section: context.section + shift.heading };
}

/** A span of the old text in the new one (those before the edit stay). */
function moveSpan(span: Span, shift: Shift): Span {
  return span.start >= shift.from ? shiftSpan(span, shift.delta) : span;
}

/** Which contexts the edit touched: old [start, oldEnd) became new [start, newEnd); whether a pin or definition moved to another line. */
interface ContextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  shift: Shift;
  decidersMoved: boolean;
}

/**
 * The context-local findings of the new document (claim-check, sense-drift,
 * preferred-form): recomputed for the new contexts and the one after them (a "Yes"
 * may answer a question the edit changed), kept before them and moved after.
 * sense-drift is recomputed whole when a pin or definition its messages name by
 * line moved to another line.
 */
function spliceFindings(doc: ParsedDocument, resolution: Resolution, registry: Registry, old: ContextFindings, edit: ContextEdit): ContextFindings {
  const to = Math.min(doc.contexts.length, edit.newEnd + 1);
  const fresh = contextFindings(doc, resolution, registry, Math.max(0, edit.start - 1), to);
  return {
    drift: edit.decidersMoved ? contextFindings(doc, resolution, registry).drift : splice(old.drift, fresh.drift, edit),
    claims: splice(old.claims, fresh.claims, edit),
    preferred: splice(old.preferred, fresh.preferred, edit),
  };
}

function splice(old: ContextFinding[], fresh: ContextFinding[], edit: ContextEdit): ContextFinding[] {
  const out: ContextFinding[] = [];
  let i = 0;
  for (; i < old.length && old[i].context < edit.start; i++) out.push(old[i]);
  for (const f of fresh) if (f.context >= edit.start && f.context <= edit.newEnd) out.push(f);
  for (; i < old.length; i++) {
    if (old[i].context <= edit.oldEnd) continue;
    out.push({ context: old[i].context + edit.shift.context, draft: moveDraft(old[i].draft, edit.shift) });
  }
  return out;
}

function moveDraft(draft: Draft, shift: Shift): Draft {
  return { ...draft, span: shiftSpan(draft.span, shift.delta), fixes: draft.fixes.map((fix): Fix => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: moveSpan(e.span, shift) })) })) };
}

/** Appends `items` to `target` (no spread: arrays here can be long). */
function push<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Drops cache entries no block of `layout` uses any more, once the caches have grown well past its blocks. */
function prune(blocks: Map<string, BlockResult>, links: Map<string, BlockLinks>, layout: Layout): void {
  const limit = CACHE_SLACK * layout.blocks.length + 64;
  if (blocks.size <= limit && links.size <= limit) return;
  const keys = new Set(layout.blocks.map((b) => b.key));
  for (const key of blocks.keys()) if (!keys.has(key)) blocks.delete(key);
  const texts = new Set(layout.blocks.map((_, i) => layout.text.slice(layout.at.start[i], layout.at.start[i + 1])));
  for (const key of links.keys()) if (!texts.has(key)) links.delete(key);
}
