/**
 * The formatter contract: lint output is produced in three parts so it can stream,
 * one file at a time, in a stable order, without holding the whole report.
 */
import type { SeverityCounts } from '../cache';
import type { FileResult } from '../results';

/** Counts over the whole run, known only at the end: findings by severity, and these. */
export interface Totals extends SeverityCounts {
  /** Files linted (skipped files included, ignored ones not). */
  files: number;
  /** --max-warnings, when given. */
  maxWarnings?: number;
  /** True when there are more warnings than --max-warnings allows. */
  tooManyWarnings: boolean;
}

/** A lint output format. Each method returns text to write (possibly empty). */
export interface Formatter {
  /** Text before the first file. */
  begin(): string;
  /**
   * Text for one file, called in file order (also for files without findings): one
   * string, or pieces to write in order when one file's report may be too long to
   * hold as a single string.
   */
  file(result: FileResult): string | Iterable<string>;
  /** Text after the last file. */
  end(totals: Totals): string;
}

/** What Formatter.file returned, as pieces to write in order. */
export function piecesOf(report: string | Iterable<string>): Iterable<string> {
  return typeof report === 'string' ? [report] : report;
}
