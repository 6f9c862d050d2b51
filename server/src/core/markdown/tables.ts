/**
 * Pipe tables without GFM: CommonMark reads a table as one paragraph, and the
 * contract reads each row as a paragraph of its own, so a paragraph whose second
 * line is a delimiter row is split into one context per row.
 */
import type { ProseContext, Segment } from './prose';

const ROW_BASE = new WeakMap<ProseContext, number>();

/** Where a table row's plain text starts in the plain text of the paragraph it was split from. */
export function rowBase(context: ProseContext): number {
  return ROW_BASE.get(context) ?? 0;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * A pipe table is a paragraph to CommonMark without GFM. When the second line is a
 * delimiter row, each line becomes a context of its own (the contract reads a table
 * row as a paragraph).
 */
export function splitTableRows(context: ProseContext): ProseContext[] | null {
  // Most paragraphs are not tables: tell from the first line before splitting every line.
  const firstBreak = context.plain.indexOf('\n');
  if (firstBreak < 0 || !context.plain.slice(0, firstBreak).includes('|')) return null;
  const lines = context.plain.split('\n');
  if (lines.length < 2 || !lines[0].includes('|') || !DELIMITER_ROW.test(lines[1]) || !lines[1].includes('-')) return null;
  const rows: ProseContext[] = [];
  let base = 0;
  for (const line of lines) {
    const start = base;
    const end = base + line.length;
    base = end + 1;
    if (DELIMITER_ROW.test(line) && line.includes('-')) continue;
    const row: ProseContext = {
      kind: 'tableRow',
      plain: line,
      segments: shiftSegments(context, start, end),
      links: context.links.filter((l) => l.start >= start && l.end <= end).map((l) => ({ ...l, start: l.start - start, end: l.end - start })),
      span: context.span,
      section: context.section,
    };
    ROW_BASE.set(row, start);
    rows.push(row);
  }
  return rows;
}

function shiftSegments(context: ProseContext, start: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const seg of context.segments) {
    const segEnd = seg.plainStart + seg.length;
    if (segEnd <= start || seg.plainStart >= end) continue;
    const from = Math.max(seg.plainStart, start);
    const to = Math.min(segEnd, end);
    const k = from - seg.plainStart;
    out.push({
      plainStart: from - start,
      sourceStart: seg.offsets ? seg.offsets[k] : seg.sourceStart + k,
      length: to - from,
      offsets: seg.offsets ? seg.offsets.subarray(k, k + (to - from)) : undefined,
    });
  }
  return out;
}
