/**
 * The CLI's per-file result: the analysis turned into 1-based positions, the shape
 * the JSON formats print and the contract documents.
 */
import type { Analysis } from '../core';
import type { LineIndex } from '../core/positions';
import type { Finding, Fix, Occurrence, Span } from '../core/types';
import { severityCounts, type CachedEntry, type SeverityCounts } from './cache';

/** 1-based start and end of a span (columns in UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A diagnostic as `lint --format json` prints it. */
export interface DiagnosticResult extends Position {
  rule: string;
  severity: string;
  message: string;
  term: string | null;
  fixes: { title: string; kind: string; preferred: boolean; safe: boolean; sense: string | null; edits: (Position & { text: string })[] }[];
}

/** An occurrence as `occurrences --format json` prints it. */
export interface OccurrenceResult extends Position {
  term: string;
  text: string;
  status: string;
  sense: string | null;
  likelySense: string | null;
  via: string | null;
}

/** One linted file. `file` is relative to the working folder when inside it. */
export interface FileResult {
  file: string;
  absolute: string;
  diagnostics: DiagnosticResult[];
  occurrences: OccurrenceResult[];
  /** Set when the file was skipped (unreadable, binary, ignored), with the reason. */
  skipped?: string;
  /**
   * Set when the result came from the cache: the diagnostics' counts by severity,
   * and their JSON text when `diagnostics` is exactly what it says (a JSON report
   * copies it; see cache.ts). Whoever changes `diagnostics` must drop this.
   */
  cached?: { counts: SeverityCounts; diagnosticsJson?: string };
}

/** Converts a span to 1-based positions. */
export function position(lines: LineIndex, span: Span): Position {
  const start = lines.toLineColumn(span.start);
  const end = lines.toLineColumn(span.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The JSON shape of one finding. */
export function diagnosticResult(lines: LineIndex, finding: Finding): DiagnosticResult {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    term: finding.term ?? null,
    ...position(lines, finding.span),
    fixes: finding.fixes.map((fix: Fix) => ({
      title: fix.title,
      kind: fix.kind,
      preferred: !!fix.preferred,
      safe: !!fix.safe,
      sense: fix.sense ?? null,
      edits: fix.edits.map((e) => ({ ...position(lines, e.span), text: e.newText })),
    })),
  };
}

/** The JSON shape of one occurrence. */
export function occurrenceResult(lines: LineIndex, occurrence: Occurrence): OccurrenceResult {
  return {
    term: occurrence.term,
    text: occurrence.text,
    ...position(lines, occurrence.span),
    status: occurrence.status,
    sense: occurrence.sense,
    likelySense: occurrence.status === 'ambiguous' ? occurrence.likelySense : null,
    via: occurrence.via,
  };
}

/** Which parts of a FileResult a run prints (the rest is left empty: less to compute and to pass between threads). */
export interface Detail {
  diagnostics: boolean;
  /** The quick fixes of each diagnostic. */
  fixes: boolean;
  occurrences: boolean;
}

/** Every part. */
export const FULL_DETAIL: Detail = { diagnostics: true, fixes: true, occurrences: true };

/** Builds a FileResult from an analysis, with the parts `detail` asks for. */
export function fileResult(file: string, absolute: string, analysis: Analysis, detail: Detail = FULL_DETAIL): FileResult {
  const lines = analysis.doc.lines;
  return {
    file,
    absolute,
    diagnostics: detail.diagnostics ? analysis.findings.map((f) => diagnosticResult(lines, detail.fixes ? f : { ...f, fixes: [] })) : [],
    occurrences: detail.occurrences ? analysis.occurrences.map((o) => occurrenceResult(lines, o)) : [],
  };
}

/** `result` without the parts `detail` leaves out. */
export function withDetail(result: FileResult, detail: Detail): FileResult {
  return {
    ...result,
    diagnostics: detail.diagnostics ? (detail.fixes ? result.diagnostics : result.diagnostics.map((d) => ({ ...d, fixes: [] }))) : [],
    occurrences: detail.occurrences ? result.occurrences : [],
  };
}

/**
 * A FileResult answered from a cache entry, with the parts `detail` asks for. Its
 * diagnostics and occurrences are parsed when first read: a JSON report and the
 * exit code read `cached` instead, and never parse them.
 */
export function cachedFileResult(file: string, absolute: string, entry: CachedEntry, detail: Detail): FileResult {
  const result = { file, absolute } as FileResult;
  parsedOnRead(result, 'diagnostics', () => {
    if (!detail.diagnostics) return [];
    const diagnostics = JSON.parse(entry.diagnosticsJson) as DiagnosticResult[];
    return detail.fixes ? diagnostics : diagnostics.map((d) => ({ ...d, fixes: [] }));
  });
  parsedOnRead(result, 'occurrences', () => (detail.occurrences ? (JSON.parse(entry.occurrencesJson) as OccurrenceResult[]) : []));
  result.cached = detail.diagnostics ? { counts: entry.counts, ...(detail.fixes ? { diagnosticsJson: entry.diagnosticsJson } : {}) } : { counts: severityCounts([]) };
  return result;
}

/** Makes `result[key]` computed by `parse` when first read (and settable, as a plain field is; enumerable, so it survives being passed between threads). */
function parsedOnRead<K extends 'diagnostics' | 'occurrences'>(result: FileResult, key: K, parse: () => FileResult[K]): void {
  let value: FileResult[K] | undefined;
  Object.defineProperty(result, key, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= parse()),
    set: (next: FileResult[K]) => void (value = next),
  });
}
