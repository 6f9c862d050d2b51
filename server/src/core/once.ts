/**
 * The one-off analysis (the CLI's, and analyze()): the draft in groups of blocks,
 * each parsed once, with nothing kept for a next keystroke.
 */
import { linkDefinitions, referencedLabels, splitChunks } from './markdown/chunks';
import { plainParagraph } from './markdown/plain-paragraph';
import { simpleBlock } from './markdown/simple-block';
import type { Registry } from './registry';
import type { Analysis } from './service';
import { analyseParsed, Assembly, groupEnd, parseUnit, placement } from './units';

/**
 * A one-off analysis (the CLI's): the same result as analyzeIncremental without a
 * previous analysis, without what only a later keystroke would reuse. Groups of
 * blocks are the unit throughout (no block keys, no per-block split of a group's
 * parse), and their results are moved into the document in place, not copied.
 * Paragraphs and bullet items of plain text, or whose only markup is code spans,
 * plain inline links and bracketed text, are read without the parser, each a unit of
 * its own.
 */
export function analyzeOnce(text: string, registry: Registry): Analysis {
  const allDefinitions = linkDefinitions(text);
  const assembly = new Assembly(text);
  const chunks = splitChunks(text);
  // A block that is one paragraph of plain text needs no parser (plain-paragraph.ts),
  // nor one with only the simplest inline markup (simple-block.ts); the blocks between
  // such blocks are parsed in groups, as before.
  const plain = chunks.map((chunk) => {
    const block = text.slice(chunk.start, chunk.end);
    return plainParagraph(block) ?? simpleBlock(block, allDefinitions);
  });
  for (let i = 0; i < chunks.length; ) {
    const j = plain[i] ? i + 1 : groupEnd(chunks, i, (k) => !plain[k]);
    const base = chunks[i].start;
    const unitText = text.slice(base, chunks[j - 1].end);
    const unit = analyseParsed(plain[i] ?? parseUnit(unitText, referencedLabels(unitText), allDefinitions, base === 0), registry);
    assembly.append(unit, placement(unit, base, assembly.doc.contexts.length, assembly.doc.headings.length, true));
    i = j;
  }
  return assembly.analysis(registry);
}
