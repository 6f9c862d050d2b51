/**
 * The default human format, like ESLint's and markdownlint's: the file, then one
 * row per finding (line:column, severity, message, rule), then a summary line.
 */
import type { Colors } from '../color';
import type { FileResult } from '../results';
import type { Formatter } from './types';

/** Formats the findings of one file (empty string when it has none). */
export function stylishFile(result: FileResult, colors: Colors): string {
  if (result.skipped) return '';
  if (result.diagnostics.length === 0) return '';
  const rows = result.diagnostics.map((d) => ({
    where: `${d.line}:${d.column}`,
    severity: d.severity,
    message: d.message.replace(/\s*\n\s*/g, ' '),
    rule: d.rule,
  }));
  const whereWidth = Math.max(...rows.map((r) => r.where.length));
  const severityWidth = Math.max(...rows.map((r) => r.severity.length));
  const lines = [colors.underline(result.file)];
  for (const r of rows) {
    const severity = r.severity === 'error' ? colors.red(r.severity.padEnd(severityWidth)) : r.severity === 'warning' ? colors.yellow(r.severity.padEnd(severityWidth)) : colors.blue(r.severity.padEnd(severityWidth));
    lines.push(`  ${colors.dim(r.where.padEnd(whereWidth))}  ${severity}  ${r.message}  ${colors.dim(r.rule)}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** The closing summary: "✖ 5 problems (1 error, 4 warnings)", or nothing when clean. */
export function stylishSummary(counts: { error: number; warning: number; info: number; hint: number }, colors: Colors): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
  if (counts.info + counts.hint) parts.push(`${counts.info + counts.hint} info`);
  const line = `\u2716 ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`;
  return `${counts.error ? colors.red(colors.bold(line)) : colors.yellow(colors.bold(line))}\n`;
}

/** The stylish format as a streaming Formatter. */
export function stylishFormatter(colors: Colors): Formatter {
  return {
    begin: () => '',
    file: (result) => stylishFile(result, colors),
    end(totals) {
      const summary = stylishSummary(totals, colors);
      return totals.tooManyWarnings ? `${summary}${colors.red(`alignment-terms found too many warnings (maximum: ${totals.maxWarnings}).`)}\n` : summary;
    },
  };
}
