/**
 * `--format github`: GitHub Actions workflow commands, one line per finding, which
 * GitHub shows as annotations on the pull request:
 * `::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`.
 * error -> error, warning -> warning, info and hint -> notice. Escaping follows
 * @actions/core's toolkit exactly.
 */
import type { FileResult } from '../results';
import type { Formatter } from './types';

/** Escapes a command's message (data): %, CR and LF. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as data, plus ':' and ','. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A streaming formatter for GitHub annotations. */
export function githubFormatter(): Formatter {
  return {
    begin: () => '',
    file(result: FileResult) {
      let out = '';
      if (result.skipped) out += `::warning file=${escapeProperty(result.file)},title=alignment-terms::${escapeData(`skipped: ${result.skipped}`)}\n`;
      for (const d of result.diagnostics) {
        const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
        // GitHub keeps columns only for a one-line range.
        const columns = d.line === d.endLine ? `,col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn}` : `,endLine=${d.endLine}`;
        out += `::${command} file=${escapeProperty(result.file)},line=${d.line}${columns},title=${escapeProperty(d.rule)}::${escapeData(d.message)}\n`;
      }
      return out;
    },
    end(totals) {
      return totals.tooManyWarnings ? `::error title=alignment-terms::${escapeData(`Too many warnings: ${totals.warning} (maximum: ${totals.maxWarnings}).`)}\n` : '';
    },
  };
}
