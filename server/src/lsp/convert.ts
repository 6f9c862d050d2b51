/**
 * Core values -> LSP values. Offsets become positions only through the core's
 * LineIndex (the one module that converts positions); this file adds the LSP shapes
 * around it: ranges, diagnostics, text edits.
 */
import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { LineIndex } from '../core/positions';
import type { Finding, Severity, Span, TextEdit } from '../core/types';

/** The `source` of every diagnostic this server publishes. */
export const SOURCE = 'alignment-terms';

/** Where the rules are documented (the README's Rules section; the rule id is the diagnostic's code). */
export function ruleHref(rule: string): string {
  // The README has one heading per rule id ("### `ambiguous-term`"), as the CLI's SARIF helpUri assumes.
  return `https://github.com/alignment-terms/alignment-terms#${rule}`;
}

/** What a diagnostic carries for its code actions (stateless: matched against the current analysis). */
export interface DiagnosticData {
  rule: string;
  term?: string;
  /** Document version the diagnostic was computed for. */
  version: number;
}

/** LSP range of a span. */
export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.toLsp(span.start), end: lines.toLsp(span.end) };
}

/** Offset of an LSP position (clamped into the text). */
export function toOffset(lines: LineIndex, position: Position): number {
  return lines.toOffset(position);
}

/** LSP text edit of a core edit. */
export function toTextEdit(lines: LineIndex, edit: TextEdit): LspTextEdit {
  return { range: toRange(lines, edit.span), newText: edit.newText };
}

const SEVERITY: Record<Exclude<Severity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP diagnostic of a finding. */
export function toDiagnostic(lines: LineIndex, finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { rule: finding.rule, version };
  if (finding.term) data.term = finding.term;
  return {
    range: toRange(lines, finding.span),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: ruleHref(finding.rule) },
    message: finding.message,
    data,
  };
}

/** True when two ranges are equal. */
export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** True when two ranges share at least a position (touching counts, so a cursor at a term's end finds it). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
