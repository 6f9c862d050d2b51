/**
 * The lint run: analyses drafts, prints them in the chosen format and decides the
 * exit code (1 for error-severity findings or more warnings than --max-warnings).
 */
import { analyseFiles } from './analyse';
import { stringOption, flag, type CommandIO, type OptionValues } from './command';
import { colorsFor } from './color';
import { UsageError } from './errors';
import { stylishFile, stylishSummary } from './format/stylish';
import type { FileResult } from './results';

/** Runs `lint` over `paths`; resolves to the exit code. */
export async function lint(paths: string[], options: OptionValues, io: CommandIO): Promise<number> {
  const format = stringOption(options, 'format') ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format '${format}' for lint; expected stylish or json`);
  const maxWarnings = parseMaxWarnings(stringOption(options, 'max-warnings'));
  const quiet = flag(options, 'quiet');
  const colors = colorsFor(options, io.stdout, io.env);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const json: { file: string; diagnostics: FileResult['diagnostics'] }[] = [];
  await analyseFiles(paths, stringOption(options, 'config'), io, (result) => {
    if (quiet) result.diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
    for (const d of result.diagnostics) counts[d.severity as keyof typeof counts]++;
    if (format === 'json') json.push({ file: result.file, diagnostics: result.diagnostics });
    else io.stdout.write(stylishFile(result, colors));
  });
  if (format === 'json') io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else io.stdout.write(stylishSummary(counts, colors));
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    if (format === 'stylish') io.stdout.write(colors.red(`alignment-terms found too many warnings (maximum: ${maxWarnings}).\n`));
    return 1;
  }
  return 0;
}

/** Parses --max-warnings: a whole number, else a usage error. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, not '${value}'`);
  return Number(value);
}
