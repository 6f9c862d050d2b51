/**
 * `alignment-terms occurrences [paths ...] --format json`: every term occurrence
 * with its status, sense and position (the contract's JSON shape), streamed file by
 * file.
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
    const { occurrences } = await import('../occurrences');
    return occurrences(args, options, io);
  },
};
