/**
 * `alignment-terms occurrences [paths ...] --format json`: every term occurrence
 * with its status, sense and position (the contract's JSON shape).
 */
import { stringOption, type Command } from '../command';
import { UsageError } from '../errors';

/** The occurrences command. */
export const occurrencesCommand: Command = {
  name: 'occurrences',
  summary: 'list every term occurrence with its status (--format json)',
  usage: 'occurrences [paths ...]',
  async run(args, options, io) {
    const format = stringOption(options, 'format') ?? 'json';
    if (format !== 'json') throw new UsageError(`unknown format '${format}' for occurrences; expected json`);
    const { analyseFiles } = await import('../analyse');
    const out: { file: string; occurrences: unknown[] }[] = [];
    await analyseFiles(args, stringOption(options, 'config'), io, (result) => out.push({ file: result.file, occurrences: result.occurrences }));
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};
