/**
 * The one-off analysis (the CLI's, and analyze()): the draft in groups of blocks,
 * each parsed once, with nothing kept for a next keystroke.
 */
import { linkDefinitions, referencedLabels, splitChunks } from './markdown/chunks';
import type { ParsedDocument } from './markdown/parse';
import { LineIndex } from './positions';
import type { Registry } from './registry';
import { resolveDocument } from './resolve';
import type { LocalFacts } from './resolve/local';
import type { ContextView } from './resolve/view';
import { runRules } from './rules';
import type { Analysis } from './service';
import type { RawOccurrence } from './types';
import { analyseParsed, groupEnd, parseUnit, shiftDirective, shiftSpan } from './units';

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

