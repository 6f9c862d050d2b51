/**
 * `alignment-terms explain TERM`: every sense of a term, with definitions and
 * sources (text, or --format json).
 */
import type { Command } from '../command';

/** The explain command. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'print every sense of a term, with its sources',
  usage: 'explain TERM',
  async run(args, options, io) {
    const { explain } = await import('../explain');
    return explain(args, options, io);
  },
};
